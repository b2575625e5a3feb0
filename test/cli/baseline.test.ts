import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { check, findingsOf, makeRepo, writeFiles } from './helpers/git-repo';
import { removeProjects } from './helpers/projects';

// --baseline / --baseline-write on temporary git repositories: round trip, new findings, pruning,
// and fingerprints that survive unrelated edits.

after(removeProjects);

const fetchFunction = (name: string) => `export async function ${name}(url: string) {\n  return fetch(url);\n}\n`;
const entries = (dir: string) =>
  (
    JSON.parse(readFileSync(join(dir, 'goodput-baseline.json'), 'utf8')) as {
      entries: Array<{ filePath: string; symbol: string; fingerprint: string }>;
    }
  ).entries;

test('round trip: write, then only new findings are reported and fail the check', async () => {
  const dir = makeRepo({ 'src/a.ts': fetchFunction('one') + fetchFunction('two'), 'src/b.ts': fetchFunction('three') });
  const write = await check(dir, ['--baseline-write', 'goodput-baseline.json']);
  assert.equal(write.code, 0, 'recording a baseline accepts what it records');
  assert.equal(write.stdout, '');
  assert.match(write.stderr, /baseline goodput-baseline\.json: 3 entries/);
  assert.deepEqual(
    entries(dir).map((entry) => `${entry.filePath} ${entry.symbol}`),
    ['src/a.ts one', 'src/a.ts two', 'src/b.ts three'],
  );
  const clean = await check(dir, ['--baseline', 'goodput-baseline.json']);
  assert.equal(clean.code, 0);
  assert.equal(clean.stdout, '');
  assert.match(clean.stderr, /3 findings are in the baseline and not shown/);

  writeFiles(dir, { 'src/b.ts': fetchFunction('three') + fetchFunction('four') });
  const added = await check(dir, ['--baseline', 'goodput-baseline.json', '-f', 'json']);
  assert.equal(added.code, 1);
  assert.deepEqual(await findingsOf(dir, ['--baseline', 'goodput-baseline.json']), ['src/b.ts:5 require-timeout']);
});

test('stable under unrelated edits: inserted lines, a new identical call elsewhere, reformatting', async () => {
  const dir = makeRepo({ 'src/a.ts': fetchFunction('one') + fetchFunction('two') });
  await check(dir, ['--baseline-write', 'goodput-baseline.json']);
  const before = entries(dir).map((entry) => entry.fingerprint);
  writeFiles(dir, {
    'src/a.ts': `// a comment\nimport { x } from './x';\n\n${fetchFunction('zero')}${fetchFunction('one').replace('fetch(url)', 'fetch(\n    url,\n  )')}${fetchFunction('two')}`,
  });
  const json = JSON.parse((await check(dir, ['-f', 'json'])).stdout) as {
    results: Array<{ findings: Array<{ fingerprint: string }> }>;
  };
  const after = json.results[0]!.findings.map((finding) => finding.fingerprint);
  assert.deepEqual(after.slice(1), before, 'same fingerprints for the old findings');
  assert.deepEqual(await findingsOf(dir, ['--baseline', 'goodput-baseline.json']), ['src/a.ts:5 require-timeout']);
});

test('pruning: fixed findings and deleted files leave the baseline; with --baseline it never grows', async () => {
  const dir = makeRepo({ 'src/a.ts': fetchFunction('one') + fetchFunction('two'), 'src/b.ts': fetchFunction('three') });
  await check(dir, ['--baseline-write', 'goodput-baseline.json']);
  writeFiles(dir, {
    'src/a.ts':
      fetchFunction('one').replace('fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(5000) })') +
      fetchFunction('two') +
      fetchFunction('fresh'),
  });
  const ratchet = await check(dir, [
    '--baseline',
    'goodput-baseline.json',
    '--baseline-write',
    'goodput-baseline.json',
  ]);
  assert.equal(ratchet.code, 1, 'the new finding still fails');
  assert.match(ratchet.stderr, /2 entries, 1 pruned/);
  assert.deepEqual(
    entries(dir).map((entry) => entry.symbol),
    ['two', 'three'],
    'fixed one pruned, new not added',
  );

  rmSync(join(dir, 'src/b.ts'));
  const rewrite = await check(dir, ['src/a.ts', '--baseline-write', 'goodput-baseline.json']);
  assert.equal(rewrite.code, 0);
  assert.deepEqual(
    entries(dir).map((entry) => entry.symbol),
    ['fresh', 'two'],
    'deleted file pruned, new accepted',
  );

  writeFiles(dir, { 'src/c.ts': fetchFunction('other') });
  await check(dir, ['src/c.ts', '--baseline-write', 'goodput-baseline.json']);
  assert.deepEqual(
    entries(dir).map((entry) => entry.symbol),
    ['fresh', 'two', 'other'],
    'files not analyzed keep their entries',
  );
});

test('a missing or foreign baseline is a usage error', async () => {
  const dir = makeRepo({ 'src/a.ts': fetchFunction('one'), 'other.json': '{"version": 7}' });
  await assert.rejects(check(dir, ['--baseline', 'nope.json']), /cannot read baseline nope\.json: file not found/);
  await assert.rejects(check(dir, ['--baseline', 'other.json']), /not a goodput baseline/);
});
