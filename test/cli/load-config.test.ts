import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { UsageError } from '../../server/src/cli/io';
import { findConfigFile, loadConfig } from '../../server/src/cli/load-config';
import { makeProject, removeProjects } from './helpers/projects';

after(removeProjects);

const OFF = JSON.stringify({ rules: { 'require-timeout': 'off' }, ignore: ['gen/**'] });

test('the nearest config file from the current directory upwards', () => {
  const dir = makeProject({ 'goodput.json': OFF, 'pkg/.goodput.json': '{}', 'pkg/src/a.ts': '' });
  assert.equal(findConfigFile(join(dir, 'pkg/src'), dir), join(dir, 'pkg/.goodput.json'));
  assert.equal(findConfigFile(join(dir, 'pkg'), dir), join(dir, 'pkg/.goodput.json'));
  const loaded = loadConfig({ cwd: dir, stopDir: dir });
  assert.equal(loaded.configPath, join(dir, 'goodput.json'));
  assert.equal(loaded.config.rules['require-timeout']!.severity, 'off');
  assert.deepEqual(loaded.config.ignore, ['gen/**']);
  assert.equal(loaded.ignoreBaseDir, dir, 'ignore globs are relative to the config file');
  assert.deepEqual(loaded.errors, []);
});

test('the search stops at the git root (stopDir): a config above the repository is not used', () => {
  const dir = makeProject({ 'goodput.json': OFF, 'repo/src/a.ts': '' });
  const loaded = loadConfig({ cwd: join(dir, 'repo/src'), stopDir: join(dir, 'repo') });
  assert.equal(loaded.configPath, undefined);
  assert.equal(loaded.config.rules['require-timeout']!.severity, 'warning');
  assert.equal(loaded.ignoreBaseDir, join(dir, 'repo/src'));
});

test('goodput.json wins over .goodput.json in the same directory, with a note', () => {
  const dir = makeProject({ 'goodput.json': OFF, '.goodput.json': '{}' });
  const loaded = loadConfig({ cwd: dir, stopDir: dir });
  assert.equal(loaded.configPath, join(dir, 'goodput.json'));
  assert.deepEqual(loaded.errors, ['goodput.json and .goodput.json both exist; using goodput.json']);
});

test('--config names the file; a missing one is a usage error without a --help hint', () => {
  const dir = makeProject({ 'ci/strict.json': JSON.stringify({ rules: { 'require-timeout': 'error' } }) });
  const loaded = loadConfig({ cwd: dir, stopDir: dir, configFile: 'ci/strict.json' });
  assert.equal(loaded.config.rules['require-timeout']!.severity, 'error');
  assert.equal(loaded.ignoreBaseDir, join(dir, 'ci'));
  assert.throws(
    () => loadConfig({ cwd: dir, configFile: 'ci/missing.json' }),
    (error: unknown) =>
      error instanceof UsageError && error.message === 'config file not found: ci/missing.json' && !error.hintHelp,
  );
  assert.throws(() => loadConfig({ cwd: dir, configFile: 'ci' }), UsageError, 'a directory is not a config file');
});

test('a broken config file is reported (each problem once) and its valid parts still apply', () => {
  const dir = makeProject({
    'goodput.json': JSON.stringify({
      rules: { 'require-timeout': 'error', 'no-such-rule': 'off' },
      colour: true,
      maxFileSizeKb: -1,
    }),
  });
  const loaded = loadConfig({ cwd: dir, stopDir: dir });
  assert.equal(loaded.config.rules['require-timeout']!.severity, 'error');
  assert.equal(loaded.config.maxFileSizeKb, 2048);
  assert.equal(loaded.errors.length, 3);
  assert.ok(loaded.errors.every((error) => error.startsWith('goodput.json: ')));
  const notJson = makeProject({ 'goodput.json': '{ "rules": ' });
  const fallback = loadConfig({ cwd: notJson, stopDir: notJson });
  assert.equal(fallback.errors.length, 1);
  assert.match(fallback.errors[0]!, /not valid JSON.*using defaults/);
  assert.equal(fallback.config.rules['require-timeout']!.severity, 'warning');
});

test('--rule overrides the file; a wrong rule id or severity is a usage error', () => {
  const dir = makeProject({ 'goodput.json': OFF });
  const loaded = loadConfig({
    cwd: dir,
    stopDir: dir,
    ruleOverrides: [
      ['require-timeout', 'hint'],
      ['require-timeout', 'error'],
    ],
  });
  assert.equal(loaded.config.rules['require-timeout']!.severity, 'error', 'the last --rule wins');
  assert.throws(
    () => loadConfig({ cwd: dir, ruleOverrides: [['require-timout', 'off']] }),
    /--rule: unknown rule "require-timout"/,
  );
  assert.throws(
    () => loadConfig({ cwd: dir, ruleOverrides: [['require-timeout', 'fatal']] }),
    /severity must be one of/,
  );
});
