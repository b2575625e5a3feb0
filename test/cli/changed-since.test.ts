import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../server/src/cli/io';
import { touches } from '../../server/src/cli/changed-since';
import { parseUnifiedDiff } from '../../server/src/cli/git-changes';
import { check, commitAll, findingsOf, git, makeRepo, writeFiles } from './helpers/git-repo';
import { makeProject, removeProjects } from './helpers/projects';

// `--changed-since <ref>` on temporary git repositories: changed lines, and findings whose
// effective policy changed because of an edit in another file.

after(removeProjects);

const PACKAGE = JSON.stringify({ dependencies: { axios: '1.7.0' } });
const fetchFunction = (name: string) => `export async function ${name}(url: string) {\n  return fetch(url);\n}\n`;

test('reports findings on changed and added lines only, working tree and untracked files included', async () => {
  const dir = makeRepo({ 'src/a.ts': fetchFunction('one') + fetchFunction('two'), 'src/b.ts': fetchFunction('three') });
  assert.deepEqual(await findingsOf(dir, ['--changed-since', 'main']), [], 'nothing changed, nothing reported');
  writeFiles(dir, {
    'src/a.ts':
      fetchFunction('one') + fetchFunction('two').replace('fetch(url)', "fetch(url + '?v=2')") + fetchFunction('four'),
    'src/new.ts': fetchFunction('five'),
  });
  assert.deepEqual(await findingsOf(dir, ['--changed-since', 'main']), [
    'src/a.ts:5 require-timeout',
    'src/a.ts:8 require-timeout',
    'src/new.ts:2 require-timeout',
  ]);
  assert.equal((await findingsOf(dir)).length, 5, 'without the flag, everything');
});

test('a timeout removed from axios.defaults in another file reports the calls it left unbounded', async () => {
  const dir = makeRepo({
    'package.json': PACKAGE,
    'src/config.ts': "import axios from 'axios';\n\naxios.defaults.timeout = 5000;\n",
    'src/client.ts': [
      "import axios from 'axios';",
      '',
      'export const users = () => axios.get(`/users`);',
      'export const legacy = (url: string) => fetch(url);',
      '',
    ].join('\n'),
  });
  assert.deepEqual(await findingsOf(dir), ['src/client.ts:4 require-timeout']);
  writeFiles(dir, { 'src/config.ts': "import axios from 'axios';\n" });
  assert.deepEqual(
    await findingsOf(dir, ['--changed-since', 'main']),
    ['src/client.ts:3 require-timeout'],
    'the untouched axios call counts; the old fetch finding does not',
  );
});

test('a timeout removed from an instance (defaults in another module, or a line inside the call)', async () => {
  const dir = makeRepo({
    'package.json': PACKAGE,
    'src/http.ts': [
      "import axios from 'axios';",
      'export const api = axios.create({',
      "  baseURL: 'https://users.internal',",
      '  timeout: 2000,',
      '});',
      "export const billing = axios.create({ baseURL: 'https://billing.internal' });",
      '',
    ].join('\n'),
    'src/setup.ts': "import { billing } from './http';\nbilling.defaults.timeout = 3000;\n",
    'src/use.ts':
      "import { api, billing } from './http';\nexport const load = () => Promise.all([api.get('/u'), billing.get('/b')]);\n",
  });
  assert.deepEqual(await findingsOf(dir), []);
  writeFiles(dir, { 'src/setup.ts': "import { billing } from './http';\n" });
  assert.deepEqual(await findingsOf(dir, ['--changed-since', 'main']), ['src/http.ts:6 require-timeout']);
  commitAll(dir, 'drop billing defaults');
  const http = (await import('node:fs')).readFileSync(`${dir}/src/http.ts`, 'utf8');
  writeFiles(dir, { 'src/http.ts': http.replace('  timeout: 2000,\n', '') });
  assert.deepEqual(
    await findingsOf(dir, ['--changed-since', 'HEAD']),
    ['src/http.ts:2 require-timeout'],
    'a deleted line inside the call touches it; the billing finding is not new since HEAD',
  );
});

test('compares with the merge base, so changes that landed on the target branch later are not ours', async () => {
  const dir = makeRepo({ 'src/a.ts': fetchFunction('one') });
  git(dir, ['checkout', '-q', '-b', 'feature']);
  writeFiles(dir, { 'src/feature.ts': fetchFunction('mine') });
  commitAll(dir, 'feature work');
  git(dir, ['checkout', '-q', 'main']);
  writeFiles(dir, { 'src/main-only.ts': fetchFunction('theirs') });
  commitAll(dir, 'main moved on');
  git(dir, ['checkout', '-q', 'feature']);
  assert.deepEqual(await findingsOf(dir, ['--changed-since', 'main']), ['src/feature.ts:2 require-timeout']);
});

test('clear usage errors outside a repository and for an unknown ref', async () => {
  const plain = makeProject({ 'a.ts': fetchFunction('one') });
  await assert.rejects(check(plain, ['--changed-since', 'main']), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /--changed-since needs a git repository, and .* is not inside one/);
    return true;
  });
  const repo = makeRepo({ 'a.ts': fetchFunction('one') });
  await assert.rejects(check(repo, ['--changed-since', 'no-such-branch']), /unknown git ref 'no-such-branch'/);
  await assert.rejects(check(repo, ['--changed-since=-x']), /expects a git ref/);
});

test('unified diff parsing: hunks, deletions, new, deleted and quoted files', () => {
  const diff = [
    'diff --git a/src/a.ts b/src/a.ts',
    '--- a/src/a.ts',
    '+++ b/src/a.ts',
    '@@ -3 +3 @@ x',
    '@@ -10,2 +9,0 @@',
    '@@ -20,0 +21,3 @@',
    'diff --git a/new.ts b/new.ts',
    '--- /dev/null',
    '+++ b/new.ts',
    '@@ -0,0 +1,2 @@',
    'diff --git a/gone.ts b/gone.ts',
    '--- a/gone.ts',
    '+++ /dev/null',
    '@@ -1,2 +0,0 @@',
    'diff --git "a/t\\303\\251st.ts" "b/t\\303\\251st.ts"',
    '--- "a/t\\303\\251st.ts"',
    '+++ "b/t\\303\\251st.ts"',
    '@@ -1 +1 @@',
  ].join('\n');
  const { files, deleted } = parseUnifiedDiff(diff);
  const a = files.get('src/a.ts')!;
  assert.equal(a.kind, 'modified');
  if (a.kind !== 'modified') return;
  assert.deepEqual([...a.lines], [3, 21, 22, 23]);
  assert.deepEqual(a.deletedAfter, [9]);
  assert.deepEqual(files.get('new.ts'), { kind: 'added' });
  assert.deepEqual(deleted, ['gone.ts']);
  assert.ok(files.has('tést.ts'));
  assert.equal(touches(a, 3, 3), true);
  assert.equal(touches(a, 4, 8), false);
  assert.equal(touches(a, 9, 10), true, 'lines removed between 9 and 10');
  assert.equal(touches(a, 10, 12), false);
  assert.equal(touches(undefined, 1, 100), false);
});
