import type { Finding, ReportedSeverity } from '../../analysis';
import type { Report } from './report';

// `--format github`: GitHub Actions workflow commands. Each line becomes an annotation on the
// pull request's diff (`::warning file=src/a.ts,line=2,…::message`). Paths are relative to the
// git root, which is the repository root GitHub resolves them against.

const COMMAND: Record<ReportedSeverity, string> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) lines.push(annotation(file.displayPath, finding));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function annotation(displayPath: string, finding: Finding): string {
  const { startPos, endPos } = finding.span;
  const properties: Array<[string, string | number]> = [
    ['file', displayPath],
    ['line', startPos.line],
    ['endLine', endPos.line],
  ];
  // GitHub accepts columns only for single-line annotations.
  if (startPos.line === endPos.line) properties.push(['col', startPos.column], ['endColumn', endPos.column]);
  properties.push(['title', `Goodput: ${finding.ruleId}`]);
  const policy = finding.policy?.summary ? `\n${finding.policy.summary}` : '';
  const list = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[finding.severity]} ${list}::${escapeData(`${finding.message}${policy}`)}`;
}

/** The workflow-command escapes: the message may span lines, but the command may not. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
