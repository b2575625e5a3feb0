import type { Family, Finding, ReportedSeverity } from '../../analysis';
import { allFindings, countFindings, type Report } from './report';
import { simulatedImpacts, type ImpactOf } from './simulated-impact';
import { oneLine } from './one-line';

// `--format markdown`: a GitHub job summary or pull-request comment. Findings grouped by family,
// each with where, what, the effective policy, and its simulated impact — the one number that
// tells a reviewer whether this is worth blocking the merge for.

const FAMILY_ORDER: ReadonlyArray<Family | 'meta'> = ['timeout', 'retry', 'pool', 'cache', 'meta'];
const FAMILY_TITLE: Record<Family | 'meta', string> = {
  timeout: 'Timeouts',
  retry: 'Retries',
  pool: 'Pools, queues and fan-out',
  cache: 'Caches',
  meta: 'Suppression directives',
};
const SEVERITY_LABEL: Record<ReportedSeverity, string> = {
  error: '🔴 error',
  warning: '🟠 warning',
  information: '🔵 info',
  hint: '⚪ hint',
};
/** PR comments stop at 65 536 characters; past this many findings the rest are counted, not listed. */
export const MAX_LISTED_FINDINGS = 150;

export function formatMarkdown(report: Report, impactOf: ImpactOf = simulatedImpacts()): string {
  const findings = allFindings(report);
  const lines = [`## Goodput: ${headline(findings, report.fileCount)}`, ''];
  if (findings.length === 0) return `${lines.join('\n')}\n`;
  let listed = 0;
  for (const family of FAMILY_ORDER) {
    const entries = report.files.flatMap((file) =>
      file.findings.filter((finding) => finding.family === family).map((finding) => ({ file, finding })),
    );
    if (entries.length === 0) continue;
    lines.push(`### ${FAMILY_TITLE[family]} (${entries.length})`, '');
    for (const { file, finding } of entries.slice(0, Math.max(0, MAX_LISTED_FINDINGS - listed))) {
      lines.push(...findingLines(file.displayPath, finding, impactOf));
      listed++;
    }
    lines.push('');
  }
  if (listed < findings.length) lines.push(`… and ${findings.length - listed} more: see the JSON or SARIF report.`, '');
  lines.push(
    '<sub>Simulated impact: the finding’s failure mode run through Goodput’s models with the values read from the code (`goodput simulate`).</sub>',
    '',
  );
  return `${lines.join('\n')}\n`;
}

function headline(findings: readonly Finding[], fileCount: number): string {
  if (findings.length === 0) return `no problems in ${plural(fileCount, 'file')} ✅`;
  const counts = countFindings(findings);
  const parts = [plural(counts.errorCount, 'error'), plural(counts.warningCount, 'warning')];
  const notes = counts.infoCount + counts.hintCount;
  if (notes > 0) parts.push(plural(notes, 'note'));
  return `${plural(findings.length, 'problem')} (${parts.join(', ')})`;
}

function findingLines(displayPath: string, finding: Finding, impactOf: ImpactOf): string[] {
  const where = `\`${displayPath}:${finding.span.startPos.line}\``;
  const lines = [
    `- ${SEVERITY_LABEL[finding.severity]} ${where} — ${oneLine(finding.message)} (\`${finding.ruleId}\`)`,
  ];
  const details = [finding.policy?.summary, impactOf(finding.simulation)].filter((part): part is string => !!part);
  if (details.length > 0)
    lines.push(`  <br>${details.map((part) => `_${escapeEmphasis(oneLine(part))}_`).join(' — ')}`);
  return lines;
}

/** Inside _…_ an underscore or a stray `<` would end the emphasis or start HTML. */
function escapeEmphasis(text: string): string {
  return text.replace(/([_*<>])/g, '\\$1');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
