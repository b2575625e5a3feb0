import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, TIMED_FETCH, UNTIMED_FETCH } from '../helpers/projects';
import { runCli } from '../helpers/run-cli';

// Code-review mode through the bundle: exit codes and messages of --changed-since, the merge
// command on real files, and the github / markdown formats.

const FILES: Record<string, string> = { 'src/ok.ts': TIMED_FETCH };
for (let index = 0; index < 6; index++) FILES[`src/m${index}.ts`] = UNTIMED_FETCH.replace('load', `load${index}`);

export function reviewTests(): void {
  test('--changed-since: exit 2 with one clear line outside git and for an unknown ref', () => {
    const plain = runCli(['check', '--changed-since', 'main'], { cwd: makeProject(FILES) });
    assert.equal(plain.status, 2);
    assert.match(plain.stderr, /^goodput check: --changed-since needs a git repository, and .+ is not inside one\n$/);
    const repo = runCli(['check', '--changed-since', 'nope'], { cwd: makeProject(FILES, { git: true }) });
    assert.equal(repo.status, 2);
    assert.match(repo.stderr, /^goodput check: unknown git ref 'nope'/);
  });

  test('goodput merge: shard files in, the unsharded report out; a missing shard is exit 2', () => {
    const dir = makeProject(FILES, { git: true });
    for (const format of ['json', 'sarif']) {
      for (const index of [1, 2])
        runCli(['check', '-f', format, '--shard', `${index}/2`, '-o', `out/${index}.${format}`], { cwd: dir });
      const merged = runCli(['merge', `out/1.${format}`, `out/2.${format}`, '-o', `out/merged.${format}`], {
        cwd: dir,
      });
      assert.equal(merged.status, 0, merged.stderr);
      const whole = runCli(['check', '-f', format], { cwd: dir });
      assert.equal(readFileSync(join(dir, `out/merged.${format}`), 'utf8'), whole.stdout, format);
    }
    const missing = runCli(['merge', 'out/1.json'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^goodput merge: missing shard 2\/2\n$/);
    assert.match(runCli(['merge', '--help'], { cwd: dir }).stdout, /Usage: goodput merge/);
  });

  test('github and markdown formats from the bundle', () => {
    const dir = makeProject(FILES, { git: true });
    const github = runCli(['check', '-f', 'github'], { cwd: dir });
    assert.equal(github.status, 1);
    assert.equal(github.stdout.trim().split('\n').length, 6);
    assert.match(
      github.stdout,
      /^::warning file=src\/m0\.ts,line=2,endLine=2,col=10,endColumn=20,title=Goodput%3A require-timeout::/,
    );
    const markdown = runCli(['check', '-f', 'markdown'], { cwd: dir });
    assert.equal(markdown.status, 1);
    assert.match(markdown.stdout, /^## Goodput: 6 problems \(0 errors, 6 warnings\)\n\n### Timeouts \(6\)\n/);
    assert.equal(markdown.stdout.match(/goodput falls to \d+ % \(simulated; \d+ % with the fix\)/g)?.length, 6);
  });
}
