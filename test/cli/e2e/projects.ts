import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeProject, TIMED_FETCH, UNTIMED_FETCH } from '../helpers/projects';
import { runCli } from '../helpers/run-cli';

// What a project says about itself (.gitignore, goodput.json) decides what is checked and how.

export function projectTests(): void {
  test('a file hidden by .gitignore is not checked, in git and outside it; naming it checks it', () => {
    for (const git of [true, false]) {
      const dir = makeProject(
        { '.gitignore': 'generated/\n', 'generated/client.ts': UNTIMED_FETCH, 'src/ok.ts': TIMED_FETCH },
        { git },
      );
      assert.deepEqual(runCli(['check'], { cwd: dir }), { status: 0, stdout: '', stderr: '' }, `git: ${git}`);
      const named = runCli(['check', 'generated/client.ts'], { cwd: dir });
      assert.equal(named.status, 1, `git: ${git}`);
      assert.match(named.stdout, /^generated\/client\.ts$/m);
    }
  });

  test('outside git, a .gitignore line with too many "**" is said on stderr; an empty result is still said', () => {
    const line = '**/a/**/b/**/c/**/d.ts';
    const dir = makeProject({ '.gitignore': `${line}\ngenerated/\n`, 'generated/client.ts': UNTIMED_FETCH, 'src/ok.ts': TIMED_FETCH });
    const notice = `goodput: ${dir}/.gitignore:1: has 4 "**"; at most 3 are supported (the line is not applied)\n`;
    assert.deepEqual(runCli(['check'], { cwd: dir }), { status: 0, stdout: '', stderr: notice });
    const empty = runCli(['check', 'generated'], { cwd: dir });
    assert.equal(empty.stderr, `${notice}goodput: no JavaScript or TypeScript files found in generated\n`);
  });

  test('goodput.json can turn the rule off; it is found from a subdirectory up to the git root', () => {
    const dir = makeProject(
      { 'goodput.json': JSON.stringify({ rules: { 'require-timeout': 'off' } }), 'src/client.ts': UNTIMED_FETCH },
      { git: true },
    );
    assert.deepEqual(runCli(['check'], { cwd: dir }), { status: 0, stdout: '', stderr: '' });
    assert.equal(runCli(['check', '.'], { cwd: join(dir, 'src') }).status, 0);
    assert.equal(
      runCli(['check', '--rule', 'require-timeout=warning'], { cwd: dir }).status,
      1,
      '--rule overrides the file',
    );
  });

  test("goodput.json's ignore globs skip files, relative to the config file", () => {
    const dir = makeProject({
      '.goodput.json': JSON.stringify({ ignore: ['legacy/**'] }),
      'legacy/client.ts': UNTIMED_FETCH,
      'src/ok.ts': TIMED_FETCH,
    });
    assert.deepEqual(runCli(['check'], { cwd: dir }), { status: 0, stdout: '', stderr: '' });
    const named = runCli(['check', 'legacy/client.ts'], { cwd: dir });
    assert.equal(named.status, 0);
    assert.equal(named.stderr, 'goodput: legacy/client.ts: not analyzed: matches "ignore" in the config\n');
  });

  test('an invalid goodput.json is reported once per problem and the run goes on with defaults', () => {
    const dir = makeProject(
      {
        'goodput.json': JSON.stringify({ rules: { 'require-timeout': 'loud', 'made-up-rule': 'off' }, colour: true }),
        'src/a.ts': UNTIMED_FETCH,
        'src/b.ts': UNTIMED_FETCH,
      },
      { git: true },
    );
    const run = runCli(['check', '-f', 'json'], { cwd: dir });
    assert.equal(run.status, 1, 'the rule still runs with its default severity');
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines.every((line) => line.startsWith('goodput: goodput.json: ')));
    assert.ok(lines.some((line) => line.includes('"colour"')));
    assert.ok(lines.some((line) => line.includes('"made-up-rule"')));
    assert.ok(lines.some((line) => line.includes('"require-timeout": severity must be one of')));
    assert.equal(JSON.parse(run.stdout).summary.warningCount, 2);
    const notJson = makeProject({ 'goodput.json': '{ rules', 'src/a.ts': UNTIMED_FETCH });
    const fallback = runCli(['check'], { cwd: notJson });
    assert.equal(fallback.status, 1);
    assert.match(fallback.stderr, /^goodput: goodput\.json: not valid JSON .*; using defaults\n$/);
  });

  test('paths are relative to the git root even when run from a subdirectory', () => {
    const dir = makeProject({ 'services/api/client.ts': UNTIMED_FETCH }, { git: true });
    const run = runCli(['check', '-f', 'json'], { cwd: join(dir, 'services') });
    assert.equal(run.status, 1);
    assert.deepEqual(
      JSON.parse(run.stdout).results.map((result: { filePath: string }) => result.filePath),
      ['services/api/client.ts'],
    );
  });

  test('a directory without sources passes with a note on stderr', () => {
    const dir = makeProject({ 'docs/readme.md': '# hi\n' });
    const run = runCli(['check', 'docs'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, 'goodput: no JavaScript or TypeScript files found in docs\n');
  });
}
