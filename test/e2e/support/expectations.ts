import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonFinding, JsonReport } from '../../../server/src/cli/formats/json';

// What a user should see on examples/: the intended findings (examples/expected-findings.json)
// of the rules the built CLI has. Rules land all the time, so nothing here names a rule: the
// list comes from the bundle (SARIF's tool.driver.rules names every registered rule, even one
// without findings), and positions, messages and policies from its JSON report.

export const REPO_ROOT = resolve(__dirname, '../../..');
const CLI = join(REPO_ROOT, 'dist/cli.js');

/** A finding in examples/, `file` relative to examples/ (as in expected-findings.json). */
export interface ExpectedFinding {
  file: string;
  line: number;
  ruleId: string;
}

/** An expected finding with what the CLI reports for it (null when the CLI misses it). */
export interface ExampleFinding extends ExpectedFinding {
  reported: JsonFinding | null;
}

export interface Expectations {
  /** Rule ids the built CLI registers, sorted. */
  rules: string[];
  /** Expected findings of those rules, sorted by file and line. */
  findings: ExampleFinding[];
  /** Files of examples/ with at least one expected finding, sorted. */
  files: string[];
}

export function findingKey(finding: ExpectedFinding): string {
  return `${finding.file}:${finding.line}:${finding.ruleId}`;
}

export function loadExpectations(repoRoot = REPO_ROOT): Expectations {
  const rules = registeredRules(repoRoot);
  const planned = JSON.parse(
    readFileSync(join(repoRoot, 'examples/expected-findings.json'), 'utf8'),
  ) as ExpectedFinding[];
  const reported = new Map(cliFindings(repoRoot).map((finding) => [findingKey(finding), finding.reported]));
  const findings = planned
    .filter((finding) => rules.includes(finding.ruleId))
    .map((finding) => ({ ...finding, reported: reported.get(findingKey(finding)) ?? null }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  if (findings.length === 0)
    throw new Error(`no expected finding in examples/ belongs to a built rule (${rules.join(', ')})`);
  return { rules, findings, files: [...new Set(findings.map((finding) => finding.file))].sort() };
}

function registeredRules(repoRoot: string): string[] {
  const sarif = JSON.parse(runCli(repoRoot, ['check', 'examples', '--format', 'sarif'])) as {
    runs: Array<{ tool: { driver: { rules?: Array<{ id: string }> } } }>;
  };
  return (sarif.runs[0]?.tool.driver.rules ?? []).map((rule) => rule.id).sort();
}

function cliFindings(repoRoot: string): Array<ExpectedFinding & { reported: JsonFinding }> {
  const report = JSON.parse(runCli(repoRoot, ['check', 'examples', '--format', 'json'])) as JsonReport;
  return report.results.flatMap((result) =>
    result.findings.map((finding) => ({
      file: result.filePath.replace(/^examples\//, ''),
      line: finding.line,
      ruleId: finding.ruleId,
      reported: finding,
    })),
  );
}

function runCli(repoRoot: string, args: string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: repoRoot, encoding: 'utf8' });
  // Exit 1 means "findings": the normal case on examples/.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`node dist/cli.js ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return run.stdout;
}
