import { styleText } from 'node:util';
import type { Finding, ReportedSeverity } from '../../analysis';
import { allFindings, countFindings, type Report } from './report';
import { oneLine } from './one-line';

// `--format stylish` (default): ESLint's layout, which people already read fluently.
//
//   src/services/shipping.ts
//     82:18  warning  `fetch` has no deadline (Node's fetch waits up to 300 s for …  require-timeout
//            fetch: no deadline (Node default: 300 s for headers, none for the whole request)
//
//   ✖ 1 problem (0 errors, 1 warning)
//     1 problem can be fixed automatically (fix-all in the editor)
//
// The dimmed second line is the effective policy Goodput computed: it is what makes the finding
// believable at a glance ("no timeout", "5 attempts, 1 s apart"), so it is worth one line.
// Clean runs print nothing, as ESLint does, so `goodput check && deploy` logs stay quiet.

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

export interface StylishOptions {
  /** The caller decides (TTY, NO_COLOR, FORCE_COLOR, not writing to a file). */
  color: boolean;
}

const SEVERITY_LABEL: Record<ReportedSeverity, string> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'hint',
};

const SEVERITY_STYLE: Record<ReportedSeverity, Style> = {
  error: 'red',
  warning: 'yellow',
  information: 'blue',
  hint: 'gray',
};

export function formatStylish(report: Report, options: StylishOptions): string {
  const paint: Paint = options.color
    ? (style, text) => styleText(style, text, { validateStream: false })
    : (_style, text) => text;
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push('', paint('underline', file.displayPath));
    lines.push(...fileLines(file.findings, paint));
  }
  const findings = allFindings(report);
  if (findings.length === 0) return '';
  lines.push('', ...summaryLines(findings, paint), '');
  return `${lines.join('\n')}\n`;
}

function fileLines(findings: readonly Finding[], paint: Paint): string[] {
  const positions = findings.map((finding) => `${finding.span.startPos.line}:${finding.span.startPos.column}`);
  const positionWidth = Math.max(...positions.map((position) => position.length));
  const severityWidth = Math.max(...findings.map((finding) => SEVERITY_LABEL[finding.severity].length));
  const lines: string[] = [];
  findings.forEach((finding, index) => {
    const position = paint('dim', positions[index]!.padEnd(positionWidth));
    const severity = paint(SEVERITY_STYLE[finding.severity], SEVERITY_LABEL[finding.severity].padEnd(severityWidth));
    lines.push(`  ${position}  ${severity}  ${oneLine(finding.message)}  ${paint('dim', finding.ruleId)}`);
    if (finding.policy?.summary) {
      const indent = ' '.repeat(2 + positionWidth + 2 + severityWidth + 2);
      lines.push(`${indent}${paint('dim', oneLine(finding.policy.summary))}`);
    }
  });
  return lines;
}

function summaryLines(findings: readonly Finding[], paint: Paint): string[] {
  const counts = countFindings(findings);
  const total = findings.length;
  const parts = [plural(counts.errorCount, 'error'), plural(counts.warningCount, 'warning')];
  const notes = counts.infoCount + counts.hintCount;
  if (notes > 0) parts.push(plural(notes, 'note'));
  const style: Style = counts.errorCount > 0 ? 'red' : counts.warningCount > 0 ? 'yellow' : 'blue';
  const mark = counts.errorCount + counts.warningCount > 0 ? '✖' : 'ℹ';
  const lines = [paint(['bold', style], `${mark} ${plural(total, 'problem')} (${parts.join(', ')})`)];
  if (counts.fixableCount > 0) {
    const can = `${plural(counts.fixableCount, 'problem')} can be fixed automatically`;
    lines.push(paint(['bold', style], `  ${can} (fix-all in the editor)`));
  }
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
