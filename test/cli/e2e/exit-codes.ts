import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, TIMED_FETCH, UNTIMED_FETCH } from '../helpers/projects';
import { REPO_ROOT, runCli } from '../helpers/run-cli';

// Exit codes are the CLI's contract with CI: 0 pass, 1 findings, 2 "could not check".

export function exitCodeTests(): void {
  test('a clean project exits 0 and prints nothing', () => {
    const dir = makeProject({ 'src/client.ts': TIMED_FETCH }, { git: true });
    assert.deepEqual(runCli(['check'], { cwd: dir }), { status: 0, stdout: '', stderr: '' });
  });

  test('a fetch without a timeout exits 1 and is reported with its relative path', () => {
    const dir = makeProject({ 'src/client.ts': UNTIMED_FETCH }, { git: true });
    const run = runCli(['check'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^src\/client\.ts$/m);
    assert.match(run.stdout, /^ {2}2:10 {2}warning {2}`fetch` has no deadline.* {2}require-timeout$/m);
    assert.match(run.stdout, /^ +fetch: no deadline \(Node default: 300 s for headers, none for the whole request\)$/m);
    assert.match(run.stdout, /^✖ 1 problem \(0 errors, 1 warning\)$/m);
    assert.ok(!run.stdout.includes(dir), 'no absolute paths');
  });

  test('--max-warnings allows warnings, never errors; information never fails', () => {
    const dir = makeProject({ 'src/client.ts': UNTIMED_FETCH }, { git: true });
    assert.equal(runCli(['check', '--max-warnings', '5'], { cwd: dir }).status, 0);
    const exceeded = runCli(['check', '--max-warnings=0'], { cwd: dir });
    assert.equal(exceeded.status, 1);
    assert.equal(exceeded.stderr, 'goodput: 1 warning found; --max-warnings allows 0\n');
    assert.equal(runCli(['check', '--max-warnings', '5', '--rule', 'require-timeout=error'], { cwd: dir }).status, 1);
    const info = runCli(['check', '--rule', 'require-timeout=information'], { cwd: dir });
    assert.equal(info.status, 0);
    assert.match(info.stdout, / {2}2:10 {2}info {2}/);
  });

  test('--quiet reports errors only: a warning neither prints nor fails', () => {
    const dir = makeProject({ 'src/client.ts': UNTIMED_FETCH }, { git: true });
    assert.deepEqual(runCli(['check', '--quiet'], { cwd: dir }), { status: 0, stdout: '', stderr: '' });
    const errors = runCli(['check', '-q', '--rule', 'require-timeout=error'], { cwd: dir });
    assert.equal(errors.status, 1);
    assert.match(errors.stdout, /2:10 {2}error/);
  });

  test('an unknown option exits 2 with a clear message and a hint to --help', () => {
    const dir = makeProject({ 'src/client.ts': UNTIMED_FETCH });
    const run = runCli(['check', '--formt', 'json'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      "goodput check: unknown option '--formt' (did you mean '--format'?)\nRun 'goodput check --help' for usage.\n",
    );
  });

  test('a --config file that does not exist exits 2; so does a missing path', () => {
    const dir = makeProject({ 'src/client.ts': UNTIMED_FETCH });
    const missingConfig = runCli(['check', '--config', 'nope.json'], { cwd: dir });
    assert.equal(missingConfig.status, 2);
    assert.equal(missingConfig.stderr, 'goodput check: config file not found: nope.json\n');
    const missingPath = runCli(['check', 'src', 'lib'], { cwd: dir });
    assert.equal(missingPath.status, 2);
    assert.equal(missingPath.stderr, 'goodput check: no such file or directory: lib\n');
    assert.equal(missingPath.stdout, '');
  });

  test('an output file that cannot be written exits 2', () => {
    const dir = makeProject({ 'src/client.ts': UNTIMED_FETCH, 'out/keep': '' });
    const run = runCli(['check', '--output-file', 'out'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^goodput check: cannot write out: /);
  });

  test('dispatch: --version, --help, check --help, simulate, unknown command, bare goodput', () => {
    const dir = makeProject({});
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(runCli(['--version'], { cwd: dir }), { status: 0, stdout: `${version}\n`, stderr: '' });
    const help = runCli(['--help'], { cwd: dir });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: goodput <command>/);
    assert.match(help.stdout, /^ {2}check \[paths\.\.\.\]/m);
    const checkHelp = runCli(['check', '--help'], { cwd: dir });
    assert.equal(checkHelp.status, 0);
    assert.match(checkHelp.stdout, /^Usage: goodput check \[options\] \[paths\.\.\.\]/);
    assert.match(checkHelp.stdout, /Exit codes:/);
    const unknown = runCli(['chekc'], { cwd: dir });
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, "goodput: unknown command 'chekc'\nRun 'goodput --help' for usage.\n");
    const simulate = runCli(['simulate', '--help'], { cwd: dir });
    assert.equal(simulate.status, 0, 'simulate is dispatched to its own command');
    assert.match(simulate.stdout, /goodput simulate/);
    const bare = runCli([], { cwd: dir });
    assert.equal(bare.status, 2, 'checking nothing must not look like a pass');
    assert.match(bare.stderr, /^Usage: goodput <command>/);
  });
}
