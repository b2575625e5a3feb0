import type { FileResult, Finding, Fix, Span } from '../../../server/src/analysis';
import { allRules } from '../../../server/src/analysis';
import { buildReport, type Report } from '../../../server/src/cli/formats/report';

// Hand-made findings for the formatter tests: the formats must not depend on what a rule happens
// to report today, only on the Finding/FileResult contract.

export const ROOT = '/project';

/** The span of the `occurrence`-th appearance of `needle` in `text` (lines/columns 1-based). */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) {
    start = text.indexOf(needle, start + 1);
    if (start === -1) throw new Error(`"${needle}" #${occurrence} not in text`);
  }
  const end = start + needle.length;
  return { start, end, startPos: positionAt(text, start), endPos: positionAt(text, end) };
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

export function safeFix(span: Span, newText: string): Fix {
  return { title: 'Add a timeout', kind: 'safe', edits: [{ start: span.end - 1, end: span.end - 1, newText }] };
}

export function makeFinding(file: string, span: Span, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'require-timeout',
    family: 'timeout',
    severity: 'warning',
    messageId: 'fetchNoTimeout',
    message: '`fetch` has no timeout.',
    file,
    span,
    policy: { summary: 'fetch: no deadline (Node default: 300 s for headers, none for the whole request)', facts: { client: 'fetch', timeoutMs: null } },
    fixes: [],
    related: [],
    simulation: { model: 'missing-timeout', params: { timeoutMs: 0 } },
    ...overrides,
  };
}

export function makeResult(file: string, findings: Finding[], extra: Partial<FileResult> = {}): FileResult {
  return { file, findings, policies: [], failures: [], analysisMs: 1, ...extra };
}

/** A report over hand-made results, with the texts the SARIF fingerprints need. */
export function reportOf(
  results: FileResult[],
  texts: Record<string, string> = {},
  keep?: (f: Finding) => boolean,
): Report {
  return buildReport({
    rootDir: ROOT,
    toolVersion: '9.9.9',
    rules: allRules,
    results,
    textOf: (file) => texts[file],
    keep,
  });
}
