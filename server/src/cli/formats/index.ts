import type { FormatName } from '../check-options';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { Report } from './report';

// The output formats by `--format` name. Each is a pure function of the report: no IO, no clock.

export interface FormatOptions {
  /** Only stylish uses colour; machine formats never contain escape codes. */
  color: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export const formatters: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  markdown: (report) => formatMarkdown(report),
};

export { buildReport, countFindings, filterReport, type Report, type ReportFile } from './report';
