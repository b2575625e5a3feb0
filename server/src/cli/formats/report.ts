import type { FileResult, Finding, ReportedSeverity, RuleDefinition, RuleFailure } from '../../analysis';
import type { Shard } from '../shard';
import { compareStrings } from '../sort-order';
import { fingerprintFindings, type FindingFingerprint } from './fingerprint';

// What every output format renders: the findings of a run, grouped per file, in one fixed order
// (files by path, findings by position, then rule), so that two runs over the same code print
// byte-identical reports and diffs of reports show only real changes.

export interface ReportFile {
  /** Absolute forward-slash path. */
  file: string;
  /** Relative to the report's root when inside it, else the absolute path. */
  displayPath: string;
  /** The analyzed text (SARIF fingerprints hash the flagged source); undefined if unavailable. */
  text?: string;
  findings: Finding[];
  /** One per finding, same order: identity across commits (baselines, SARIF, --changed-since). */
  fingerprints: FindingFingerprint[];
}

export interface SkippedFile {
  displayPath: string;
  reason: string;
}

export interface Report {
  /** Absolute forward-slash path that display paths are relative to (the git root or the cwd). */
  rootDir: string;
  toolVersion: string;
  /** The rules that ran (SARIF describes them); `unused-directive` is added by the formats. */
  rules: readonly RuleDefinition[];
  /** Files with at least one finding, sorted by display path. */
  files: ReportFile[];
  /** Number of files analyzed, with or without findings. */
  fileCount: number;
  failures: Array<RuleFailure & { displayPath: string }>;
  skipped: SkippedFile[];
  /** Set when this run analyzed one shard of the files (`--shard i/n`). */
  shard?: Shard;
}

export interface BuildReportInput {
  rootDir: string;
  toolVersion: string;
  rules: readonly RuleDefinition[];
  results: readonly FileResult[];
  textOf(file: string): string | undefined;
  /** Which findings to report (e.g. errors only under --quiet). Default: all. */
  keep?(finding: Finding): boolean;
}

export function buildReport(input: BuildReportInput): Report {
  const keep = input.keep ?? (() => true);
  const files: ReportFile[] = [];
  const failures: Report['failures'] = [];
  const skipped: SkippedFile[] = [];
  for (const result of input.results) {
    const displayPath = displayPathOf(result.file, input.rootDir);
    if (result.skipped) skipped.push({ displayPath, reason: result.skipped });
    for (const failure of result.failures) failures.push({ ...failure, displayPath });
    // Fingerprints are taken over all findings, before filtering, so --quiet does not change them.
    const all = [...result.findings].sort(compareFindings);
    if (all.length === 0) continue;
    const text = input.textOf(result.file);
    const allFingerprints = fingerprintFindings(all, displayPath, text);
    const kept = all.flatMap((finding, index) => (keep(finding) ? [index] : []));
    if (kept.length === 0) continue;
    files.push({
      file: result.file,
      displayPath,
      text,
      findings: kept.map((index) => all[index]!),
      fingerprints: kept.map((index) => allFingerprints[index]!),
    });
  }
  files.sort((a, b) => compareStrings(a.displayPath, b.displayPath));
  failures.sort((a, b) => compareStrings(a.displayPath, b.displayPath) || compareStrings(a.ruleId, b.ruleId));
  skipped.sort((a, b) => compareStrings(a.displayPath, b.displayPath));
  return {
    rootDir: input.rootDir,
    toolVersion: input.toolVersion,
    rules: input.rules,
    files,
    fileCount: input.results.length,
    failures,
    skipped,
  };
}

/** Paths inside the root are shown relative to it; others stay absolute rather than `../../…`. */
export function displayPathOf(file: string, rootDir: string): string {
  const prefix = rootDir.endsWith('/') ? rootDir : `${rootDir}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.span.startPos.line - b.span.startPos.line ||
    a.span.startPos.column - b.span.startPos.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    a.span.endPos.line - b.span.endPos.line ||
    a.span.endPos.column - b.span.endPos.column ||
    compareStrings(a.message, b.message)
  );
}

/** Fix-all (editor) applies only `safe` fixes; suggestions need a person's judgement. */
export function isFixable(finding: Finding): boolean {
  return finding.fixes.some((fix) => fix.kind === 'safe' && fix.edits.length > 0);
}

export interface FindingCounts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  hintCount: number;
  fixableCount: number;
}

export function countFindings(findings: Iterable<Finding>): FindingCounts {
  const counts: FindingCounts = { errorCount: 0, warningCount: 0, infoCount: 0, hintCount: 0, fixableCount: 0 };
  const key: Record<ReportedSeverity, keyof FindingCounts> = {
    error: 'errorCount',
    warning: 'warningCount',
    information: 'infoCount',
    hint: 'hintCount',
  };
  for (const finding of findings) {
    counts[key[finding.severity]]++;
    if (isFixable(finding)) counts.fixableCount++;
  }
  return counts;
}

export function allFindings(report: Report): Finding[] {
  return report.files.flatMap((file) => file.findings);
}

/** The report with only the findings `keep` accepts; files left without findings disappear. */
export function filterReport(
  report: Report,
  keep: (finding: Finding, fingerprint: FindingFingerprint, file: ReportFile) => boolean,
): Report {
  const files: ReportFile[] = [];
  for (const file of report.files) {
    const kept = file.findings.flatMap((finding, index) =>
      keep(finding, file.fingerprints[index]!, file) ? [index] : [],
    );
    if (kept.length === 0) continue;
    files.push({
      ...file,
      findings: kept.map((index) => file.findings[index]!),
      fingerprints: kept.map((index) => file.fingerprints[index]!),
    });
  }
  return { ...report, files };
}
