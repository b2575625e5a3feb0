import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../../server/src/analysis';
import type { JsonReport } from '../../../server/src/cli/formats/json';
import { REPO_ROOT, runCli } from '../helpers/run-cli';

// The demo backend's intended findings (examples/expected-findings.json), for the rules that
// exist today: a rule added later joins this comparison without a test change.

interface Expected {
  file: string;
  line: number;
  ruleId: string;
}

export function examplesTests(): void {
  test('examples/ yields exactly the expected findings of the implemented rules', () => {
    const implemented = new Set(allRules.map((rule) => rule.id));
    const expected = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'examples/expected-findings.json'), 'utf8')) as Expected[]
    )
      .filter((finding) => implemented.has(finding.ruleId))
      .map((finding) => `examples/${finding.file}:${finding.line}:${finding.ruleId}`)
      .sort();
    assert.ok(expected.length > 0, 'at least one implemented rule has expected findings');

    const run = runCli(['check', 'examples', '--format', 'json'], { cwd: REPO_ROOT });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as JsonReport;
    const actual = report.results
      .flatMap((result) => result.findings.map((finding) => ({ file: result.filePath, ...finding })))
      .filter((finding) => implemented.has(finding.ruleId))
      .map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}`)
      .sort();
    assert.deepEqual(actual, expected);
    assert.ok(
      report.results.every((result) => result.findings.every((finding) => finding.ruleId !== 'unused-directive')),
      'the suppression in examples/src/server.ts is used, so it is not reported as unused',
    );
  });
}
