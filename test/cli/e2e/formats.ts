import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import type { JsonReport } from '../../../server/src/cli/formats/json';
import { makeProject, TIMED_FETCH, UNTIMED_FETCH } from '../helpers/projects';
import { REPO_ROOT, runCli } from '../helpers/run-cli';
import { loadSarifValidator } from '../helpers/sarif-schema';

// Every format, produced by the real bundle on a real project: shape, relative paths, stability.

const FILES = {
  'src/b.ts': UNTIMED_FETCH,
  'src/a.ts': `${UNTIMED_FETCH}\n${UNTIMED_FETCH.replace('load', 'again')}`,
  'src/ok.ts': TIMED_FETCH,
};
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export function formatTests(): void {
  test('json: documented shape, relative paths, sorted files and findings', () => {
    const dir = makeProject(FILES, { git: true });
    const run = runCli(['check', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.version, 1);
    assert.deepEqual(report.tool, { name: 'goodput', version: VERSION });
    assert.deepEqual(
      report.results.map((result) => result.filePath),
      ['src/a.ts', 'src/b.ts'],
    );
    assert.deepEqual(
      report.results[0]!.findings.map((finding) => finding.line),
      [2, 6],
    );
    assert.deepEqual(report.results[1]!.findings[0], {
      ruleId: 'require-timeout',
      family: 'timeout',
      severity: 'warning',
      message: report.results[1]!.findings[0]!.message,
      line: 2,
      column: 10,
      endLine: 2,
      endColumn: 20,
      policy: { summary: 'fetch: no deadline (Node default: 300 s for headers, none for the whole request)', facts: { client: 'fetch', timeoutMs: null } },
      fixable: true,
      simulation: { model: 'missing-timeout', params: { timeoutMs: 0 }, fixedParams: { timeoutMs: 10_000 } },
      fingerprint: report.results[1]!.findings[0]!.fingerprint,
    });
    assert.match(report.results[1]!.findings[0]!.fingerprint, /^[0-9a-f]{32}$/);
    assert.equal(report.shard, null);
    assert.deepEqual(report.summary, {
      errorCount: 0,
      warningCount: 3,
      infoCount: 0,
      hintCount: 0,
      fixableCount: 3,
      fileCount: 3,
    });
    assert.ok(!run.stdout.includes(dir), 'no absolute paths');
    assert.equal(
      runCli(['check', '--format', 'json'], { cwd: dir }).stdout,
      run.stdout,
      'byte-identical on a second run',
    );
  });

  test('sarif: relative URIs under SRCROOT, rules, fingerprints that survive an inserted line', () => {
    const dir = makeProject(FILES, { git: true });
    const run = runCli(['check', '-f', 'sarif'], { cwd: dir });
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout) as Log;
    assert.deepEqual(loadSarifValidator()(log), []);
    const [sarifRun] = log.runs;
    assert.equal(log.version, '2.1.0');
    assert.equal(sarifRun!.originalUriBaseIds!.SRCROOT!.uri, `${pathToFileURL(dir).href}/`);
    assert.equal(sarifRun!.invocations![0]!.executionSuccessful, true);
    assert.ok(sarifRun!.tool.driver.rules!.some((rule) => rule.id === 'require-timeout'));
    const locations = sarifRun!.results!.map((result) => {
      const physical = result.locations![0]!.physicalLocation!;
      assert.equal(physical.artifactLocation!.uriBaseId, 'SRCROOT');
      return `${physical.artifactLocation!.uri}:${physical.region!.startLine}`;
    });
    assert.deepEqual(locations, ['src/a.ts:2', 'src/a.ts:6', 'src/b.ts:2']);
    assert.ok(sarifRun!.results!.every((result) => result.fixes?.length === 1));

    const fingerprints = (sarif: Log) =>
      sarif.runs[0]!.results!.map((result) => result.partialFingerprints!['goodput/v2']);
    const before = fingerprints(log);
    assert.equal(new Set(before).size, 3, 'identical calls get distinct fingerprints');
    writeFileSync(join(dir, 'src/a.ts'), `// a new first line\n\n${FILES['src/a.ts']}`);
    const moved = JSON.parse(runCli(['check', '-f', 'sarif'], { cwd: dir }).stdout) as Log;
    assert.equal(moved.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine, 4);
    assert.deepEqual(fingerprints(moved), before);
    const lineHashes = (sarif: Log) =>
      sarif.runs[0]!.results!.map((result) => result.partialFingerprints!.primaryLocationLineHash);
    assert.deepEqual(lineHashes(moved), lineHashes(log), 'the line hash does not contain the line number');
    assert.deepEqual(sarifRun!.automationDetails, { id: 'goodput/' });
  });

  test('--output-file writes the report there and prints nothing on stdout', () => {
    const dir = makeProject(FILES, { git: true });
    for (const format of ['stylish', 'json', 'sarif']) {
      const file = `reports/${format}.out`;
      const run = runCli(['check', '-f', format, '--output-file', file], { cwd: dir, env: { FORCE_COLOR: '1' } });
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      const written = readFileSync(join(dir, file), 'utf8');
      assert.ok(written.includes('src/a.ts'), format);
      assert.doesNotMatch(written, /\u001b\[/, 'files never get colour escapes');
      if (format !== 'stylish') JSON.parse(written);
    }
  });

  test('stylish is colourless when piped, coloured with FORCE_COLOR, and NO_COLOR wins', () => {
    const dir = makeProject({ 'src/b.ts': UNTIMED_FETCH });
    assert.doesNotMatch(runCli(['check'], { cwd: dir }).stdout, /\u001b\[/);
    assert.match(runCli(['check'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[33mwarning/);
    assert.doesNotMatch(runCli(['check'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\u001b\[/);
    assert.doesNotMatch(runCli(['check', '-f', 'json'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[/);
  });
}
