import type { EffectivePolicy, Family, Finding, ReportedSeverity, SimulationScenario } from '../../analysis';
import { allFindings, countFindings, isFixable, type FindingCounts, type Report } from './report';

// `--format json`: the shape bots and scripts consume. It is versioned (`version: 1`); fields are
// only ever added within a version, and optional values are `null`, never missing, so consumers
// need no existence checks. Documented in docs/cli.md.

export const JSON_FORMAT_VERSION = 1;

export interface JsonFinding {
  ruleId: string;
  family: Family | 'meta';
  severity: ReportedSeverity;
  message: string;
  /** 1-based; columns count UTF-16 code units, as editors do. */
  line: number;
  column: number;
  /** 1-based, exclusive: the position just after the flagged code. */
  endLine: number;
  endColumn: number;
  /** What Goodput computed about the code (e.g. "axios (default instance): no timeout (axios default: 0 = none)"). */
  policy: EffectivePolicy | null;
  /** Whether a safe quick fix exists (the editor's fix-all applies it). */
  fixable: boolean;
  /** The simulation model and the parameters read from the code. */
  simulation: SimulationScenario | null;
  /** The semantic fingerprint (SARIF `goodput/v2`, baseline key): stable when code above moves. */
  fingerprint: string;
}

export interface JsonReport {
  version: typeof JSON_FORMAT_VERSION;
  tool: { name: 'goodput'; version: string };
  /** Only files with findings, sorted by path; findings sorted by position, then rule id. */
  results: Array<{ filePath: string; findings: JsonFinding[] }>;
  summary: FindingCounts & { fileCount: number };
  /** The part of the files this output covers (`--shard i/n`); null for a whole run. */
  shard: { index: number; count: number } | null;
}

export function toJsonReport(report: Report): JsonReport {
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name: 'goodput', version: report.toolVersion },
    results: report.files.map((file) => ({
      filePath: file.displayPath,
      findings: file.findings.map((finding, index) => toJsonFinding(finding, file.fingerprints[index]!.semantic)),
    })),
    summary: { ...countFindings(allFindings(report)), fileCount: report.fileCount },
    shard: report.shard ? { index: report.shard.index, count: report.shard.count } : null,
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

function toJsonFinding(finding: Finding, fingerprint: string): JsonFinding {
  return {
    ruleId: finding.ruleId,
    family: finding.family,
    severity: finding.severity,
    message: finding.message,
    line: finding.span.startPos.line,
    column: finding.span.startPos.column,
    endLine: finding.span.endPos.line,
    endColumn: finding.span.endPos.column,
    policy: finding.policy ?? null,
    fixable: isFixable(finding),
    simulation: finding.simulation ?? null,
    fingerprint,
  };
}
