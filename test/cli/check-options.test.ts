import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_HELP, parseCheckArgs } from '../../server/src/cli/check-options';
import { UsageError } from '../../server/src/cli/io';

test('defaults: path ".", stylish, no warnings allowed, not quiet', () => {
  assert.deepEqual(parseCheckArgs([]), {
    paths: ['.'],
    format: 'stylish',
    outputFile: undefined,
    configFile: undefined,
    ruleOverrides: [],
    maxWarnings: 0,
    maxWarningsGiven: false,
    quiet: false,
    changedSince: undefined,
    baseline: undefined,
    baselineWrite: undefined,
    shard: undefined,
    cache: false,
    cacheLocation: undefined,
    concurrency: 1,
    help: false,
  });
});

test('--concurrency takes a number of threads from 1 to 64', () => {
  assert.equal(parseCheckArgs(['--concurrency', '4']).concurrency, 4);
  assert.equal(parseCheckArgs(['--concurrency=1']).concurrency, 1);
  for (const value of ['0', '65', 'auto', '2.5', '-1', ''])
    assert.throws(
      () => parseCheckArgs([`--concurrency=${value}`]),
      (error: Error) => error instanceof UsageError && /--concurrency expects a number of threads from 1 to 64/.test(error.message),
      value,
    );
  assert.match(CHECK_HELP, /--concurrency <n>/);
});

test('--cache, and --cache-location which implies it; an empty location is a usage error', () => {
  assert.deepEqual([parseCheckArgs(['--cache']).cache, parseCheckArgs(['--cache']).cacheLocation], [true, undefined]);
  const located = parseCheckArgs(['--cache-location', '.cache/goodput']);
  assert.deepEqual([located.cache, located.cacheLocation], [true, '.cache/goodput']);
  assert.throws(() => parseCheckArgs(['--cache-location=']), UsageError);
  assert.match(CHECK_HELP, /--cache-location <path>/);
});

test('every option, long and short, with = and separate values', () => {
  const options = parseCheckArgs([
    'src',
    '-f',
    'sarif',
    '--output-file=out/report.sarif',
    '-c',
    'ci/goodput.json',
    '--rule',
    'require-timeout=error',
    '--rule=require-timeout = off',
    '--max-warnings',
    '7',
    '-q',
    'lib',
  ]);
  assert.deepEqual(options.paths, ['src', 'lib']);
  assert.equal(options.format, 'sarif');
  assert.equal(options.outputFile, 'out/report.sarif');
  assert.equal(options.configFile, 'ci/goodput.json');
  assert.deepEqual(options.ruleOverrides, [
    ['require-timeout', 'error'],
    ['require-timeout', 'off'],
  ]);
  assert.equal(options.maxWarnings, 7);
  assert.equal(options.maxWarningsGiven, true);
  assert.equal(options.quiet, true);
  assert.equal(parseCheckArgs(['-h']).help, true);
  assert.deepEqual(parseCheckArgs(['--', '--weird-dir']).paths, ['--weird-dir']);
  const review = parseCheckArgs([
    '--changed-since',
    'origin/main',
    '--baseline=b.json',
    '--shard',
    '2/3',
    '-f',
    'github',
  ]);
  assert.equal(review.changedSince, 'origin/main');
  assert.equal(review.baseline, 'b.json');
  assert.deepEqual(review.shard, { index: 2, count: 3 });
  assert.equal(review.format, 'github');
  assert.equal(parseCheckArgs(['--baseline-write', 'b.json', '-f', 'markdown']).baselineWrite, 'b.json');
});

function usageError(argv: string[]): string {
  try {
    parseCheckArgs(argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`no error for ${argv.join(' ')}`);
}

test('mistakes are usage errors that name the argument', () => {
  assert.equal(usageError(['--nope']), "unknown option '--nope'");
  assert.equal(usageError(['--max-warning', '3']), "unknown option '--max-warning' (did you mean '--max-warnings'?)");
  assert.equal(usageError(['--formt', 'json']), "unknown option '--formt' (did you mean '--format'?)");
  assert.match(usageError(['--format']), /--format/);
  assert.equal(usageError(['--format', 'xml']), "unknown format 'xml' (valid: stylish, json, sarif, github, markdown)");
  for (const shard of ['0/2', '3/2', '1', 'a/b', '1/0'])
    assert.match(usageError(['--shard', shard]), /--shard expects <i>\/<n>/);
  assert.match(usageError(['--changed-since', '']), /--changed-since expects a git ref/);
  assert.match(usageError(['--changed-since', 'main', '--baseline-write', 'b.json']), /cannot be combined/);
  assert.match(usageError(['--max-warnings', 'many']), /non-negative integer, got 'many'/);
  assert.match(usageError(['--max-warnings=-1']), /non-negative integer/);
  assert.match(usageError(['--rule', 'require-timeout']), /<rule-id>=<severity>/);
  assert.match(usageError(['--config', '']), /--config expects a path/);
  assert.match(usageError(['--quiet=yes']), /--quiet/);
});

test('help documents formats, exit codes and the explicit-file rule', () => {
  for (const words of [
    '--max-warnings',
    '--output-file',
    'stylish',
    'sarif',
    'Exit codes',
    'name explicitly',
    '.gitignore',
    'NO_COLOR',
    '--changed-since',
    '--baseline-write',
    '--shard',
    'github',
    'markdown',
  ]) {
    assert.ok(CHECK_HELP.includes(words), `help mentions ${words}`);
  }
  assert.ok(
    CHECK_HELP.split('\n').every((line) => line.length <= 80),
    'help fits an 80-column terminal',
  );
});
