import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverFiles } from '../../server/src/cli/discover-files';
import { exclusionCheck } from '../../server/src/cli/excluded-files';
import { UsageError } from '../../server/src/cli/io';
import { MAX_DIRECTORY_DEPTH } from '../../server/src/cli/walk-files';
import { git, GIT_ISOLATION_ENV, makeProject, removeProjects } from './helpers/projects';

const LAYOUT = {
  '.gitignore': 'build/\n*.generated.ts\n',
  'src/app.ts': '',
  'src/view.tsx': '',
  'src/lib.mjs': '',
  'src/lib.cjs': '',
  'src/legacy.js': '',
  'src/types.d.ts': '',
  'src/types.d.mts': '',
  'src/api.generated.ts': '',
  'src/[id]/page.ts': '',
  'src/vendor/gen.ts': '',
  'src/README.md': '',
  'build/out.js': '',
  'node_modules/dep/index.js': '',
  'packages/a/node_modules/dep/index.ts': '',
  '.config/tool.ts': '',
};

const EXPECTED = [
  '.config/tool.ts',
  'src/[id]/page.ts',
  'src/app.ts',
  'src/legacy.js',
  'src/lib.cjs',
  'src/lib.mjs',
  'src/vendor/gen.ts',
  'src/view.tsx',
];

before(() => Object.assign(process.env, GIT_ISOLATION_ENV));
after(removeProjects);

async function discover(dir: string, paths: string[] = ['.'], ignore: string[] = [], ignoreTests = true, ignoreMigrations = true) {
  const discovery = await discoverFiles({ cwd: dir, paths, excluded: exclusionCheck({ ignore, ignoreTests, ignoreMigrations }, dir) });
  const { notices, walkNotices } = discovery;
  return { files: discovery.files.map((file) => file.slice(dir.length + 1)), notices, walkNotices };
}

test('in a git work tree: tracked and untracked files, minus .gitignore, node_modules and declarations', async () => {
  const dir = makeProject(LAYOUT, { git: true });
  git(dir, ['add', 'src/app.ts']);
  const { files, notices } = await discover(dir);
  assert.deepEqual(files, EXPECTED);
  assert.deepEqual(notices, []);
});

test('outside git: a walk that applies .gitignore files at every level', async () => {
  const dir = makeProject({ ...LAYOUT, 'src/vendor/.gitignore': 'gen.ts\n' });
  const { files } = await discover(dir);
  assert.deepEqual(
    files,
    EXPECTED.filter((file) => file !== 'src/vendor/gen.ts'),
  );
});

test('outside git: a .gitignore line with more "**" than the matcher handles is said and not applied; the others are', async () => {
  // Such a line backtracks for seconds per path a few dozen directories deep, on every file.
  const dir = makeProject({
    ...LAYOUT,
    'src/vendor/deep/kept.ts': '',
    'src/vendor/.gitignore': '# a/**/b/**/c/**/d/** stays a comment\n**/deep/**/**/**/kept.ts\ngen.ts\n',
  });
  const { files, notices, walkNotices } = await discover(dir);
  assert.deepEqual(files, [...EXPECTED.filter((file) => file !== 'src/vendor/gen.ts'), 'src/vendor/deep/kept.ts'].sort());
  assert.deepEqual(notices, []);
  assert.deepEqual(walkNotices, [
    `${dir}/src/vendor/.gitignore:2: has 4 "**"; at most 3 are supported (the line is not applied)`,
  ]);
});

test('files more than MAX_DIRECTORY_DEPTH directories deep are left out in both modes, and said in one line', async () => {
  // Matching such paths against .gitignore lines and "ignore" globs backtracks for seconds each.
  const atLimit = `${'d/'.repeat(MAX_DIRECTORY_DEPTH)}kept.ts`;
  const deeper = [`${'d/'.repeat(MAX_DIRECTORY_DEPTH + 1)}a.ts`, `${'d/'.repeat(MAX_DIRECTORY_DEPTH + 1)}b.ts`];
  for (const gitMode of [true, false]) {
    const dir = makeProject({ ...LAYOUT, [atLimit]: '', [deeper[0]!]: '', [deeper[1]!]: '' }, { git: gitMode });
    const { files, walkNotices } = await discover(dir);
    assert.deepEqual(files, [...EXPECTED, atLimit].sort(), `git: ${gitMode}`);
    assert.deepEqual(walkNotices, [
      `${dir}: 2 files are more than ${MAX_DIRECTORY_DEPTH} directories deep, not analyzed (the first: ${dir}/${deeper[0]})`,
    ]);
    // Below a deep directory named on the command line, depth counts from that directory.
    assert.deepEqual((await discover(dir, ['d/d'])).files, [atLimit, ...deeper].sort(), `git: ${gitMode}`);
  }
});

test('git mode honours nested .gitignore files too, and limits the listing to the given directory', async () => {
  const dir = makeProject({ ...LAYOUT, 'src/vendor/.gitignore': 'gen.ts\n' }, { git: true });
  assert.deepEqual((await discover(dir, ['src/vendor'])).files, []);
  assert.deepEqual(
    (await discover(dir, ['src/[id]'])).files,
    ['src/[id]/page.ts'],
    'brackets are literal, not a pattern',
  );
});

test("the config's ignore globs apply in both modes, relative to their base directory", async () => {
  for (const gitMode of [true, false]) {
    const dir = makeProject(LAYOUT, { git: gitMode });
    const { files } = await discover(dir, ['.'], ['src/vendor/**', '*.cjs']);
    assert.deepEqual(
      files,
      EXPECTED.filter((file) => !file.startsWith('src/vendor/') && !file.endsWith('.cjs')),
      `git: ${gitMode}`,
    );
  }
});

test('a file named explicitly is analyzed even if .gitignore excludes it; not if the config ignores it', async () => {
  for (const gitMode of [true, false]) {
    const dir = makeProject(LAYOUT, { git: gitMode });
    const { files, notices } = await discover(
      dir,
      [
        'src/api.generated.ts',
        'build/out.js',
        'src/vendor/gen.ts',
        'src/types.d.ts',
        'src/README.md',
        'node_modules/dep/index.js',
      ],
      ['src/vendor/**'],
    );
    assert.deepEqual(files, ['build/out.js', 'src/api.generated.ts'], `git: ${gitMode}`);
    assert.deepEqual(notices, [
      'src/vendor/gen.ts: not analyzed: matches "ignore" in the config',
      'src/types.d.ts: not analyzed: a declaration file',
      'src/README.md: not analyzed: not a JavaScript or TypeScript file (.ts .tsx .mts .cts .js .jsx .mjs .cjs)',
      'node_modules/dep/index.js: not analyzed: inside node_modules',
    ]);
  }
});

const TEST_LAYOUT = {
  'src/app.ts': '',
  'src/app.test.ts': '',
  'src/app.spec.mjs': '',
  'src/__tests__/app.ts': '',
  'src/__mocks__/pg.ts': '',
  'src/testing/clock.ts': '',
  'src/latest.ts': '',
  'test/helpers/server.ts': '',
  'packages/api/tests/load.js': '',
  'e2e/checkout.ts': '',
  'src/orders.e2e-spec.ts': '',
  'src/test-setup.js': '',
  'jest.setup.ts': '',
  'src/__fixtures__/orders.ts': '',
  'src/setup.ts': '',
};

test('test files are left out unless "ignoreTests" is false; an explicitly named one gets a notice', async () => {
  for (const gitMode of [true, false]) {
    const dir = makeProject(TEST_LAYOUT, { git: gitMode });
    assert.deepEqual((await discover(dir)).files, ['src/app.ts', 'src/latest.ts', 'src/setup.ts', 'src/testing/clock.ts'], `git: ${gitMode}`);
    assert.deepEqual((await discover(dir, ['.'], [], false)).files, Object.keys(TEST_LAYOUT).sort(), `git: ${gitMode}`);
  }
  const dir = makeProject(TEST_LAYOUT);
  const { files, notices } = await discover(dir, ['src/app.test.ts', 'src/app.ts', 'test/helpers/server.ts'], ['src/app.ts']);
  assert.deepEqual(files, []);
  assert.deepEqual(notices, [
    'src/app.test.ts: not analyzed: a test file (set "ignoreTests": false in the config to analyze tests)',
    'src/app.ts: not analyzed: matches "ignore" in the config',
    'test/helpers/server.ts: not analyzed: a test file (set "ignoreTests": false in the config to analyze tests)',
  ]);
});

const MIGRATION_LAYOUT = {
  'src/app.ts': '',
  'src/migrations/20240101-add-orders.ts': '',
  'src/database/migrations/20240102-backfill.js': '',
  'migrations/1700000000000-Init.ts': '',
  'src/migration.ts': '',
  'src/migrations.ts': '',
};

test('migrations are left out unless "ignoreMigrations" is false; an explicitly named one gets a notice', async () => {
  for (const gitMode of [true, false]) {
    const dir = makeProject(MIGRATION_LAYOUT, { git: gitMode });
    // A file named after migrations (a runner, a registry) is not itself in a migrations directory.
    assert.deepEqual((await discover(dir)).files, ['src/app.ts', 'src/migration.ts', 'src/migrations.ts'], `git: ${gitMode}`);
    assert.deepEqual((await discover(dir, ['.'], [], true, false)).files, Object.keys(MIGRATION_LAYOUT).sort(), `git: ${gitMode}`);
  }
  const dir = makeProject(MIGRATION_LAYOUT);
  const { files, notices } = await discover(dir, ['src/migrations/20240101-add-orders.ts']);
  assert.deepEqual(files, []);
  assert.deepEqual(notices, [
    'src/migrations/20240101-add-orders.ts: not analyzed: a database migration (set "ignoreMigrations": false in the config to analyze migrations)',
  ]);
});

test("outside the config's directory (check ../other): test files and migrations are still left out, its ignore globs are not applied", async () => {
  for (const gitMode of [true, false]) {
    const home = makeProject({ 'goodput.json': '{}' });
    const other = makeProject({ ...TEST_LAYOUT, ...MIGRATION_LAYOUT }, { git: gitMode });
    const discovery = await discoverFiles({
      cwd: home,
      paths: [other],
      excluded: exclusionCheck({ ignore: ['src/app.ts'], ignoreTests: true, ignoreMigrations: true }, home),
    });
    assert.deepEqual(
      discovery.files.map((file) => file.slice(other.length + 1)),
      ['src/app.ts', 'src/latest.ts', 'src/migration.ts', 'src/migrations.ts', 'src/setup.ts', 'src/testing/clock.ts'],
      `git: ${gitMode}`,
    );
  }
});

test('overlapping paths yield each file once, sorted', async () => {
  const dir = makeProject(LAYOUT, { git: true });
  const { files } = await discover(dir, ['src', 'src/app.ts', '.', './src/../src']);
  assert.deepEqual(files, EXPECTED);
});

test('a path that does not exist is a usage error', async () => {
  const dir = makeProject(LAYOUT);
  await assert.rejects(discover(dir, ['src', 'nope']), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, 'no such file or directory: nope');
    return true;
  });
});
