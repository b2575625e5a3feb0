import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, defaultConfig, type ResolvedConfig } from '../../server/src/analysis';
import { analyzeFiles } from '../../server/src/cli/analyze-files';
import { decodeCache, encodeCache, type CacheEntry } from '../../server/src/cli/cache-file';
import { ResultCache } from '../../server/src/cli/result-cache';
import { check } from './helpers/git-repo';
import { makeProject, removeProjects, writeFiles } from './helpers/projects';

// `goodput check --cache`: a warm run reports exactly what a cold run reports, and reuses every
// result whose inputs are unchanged: the file's text, the modules it read, and the workspace
// facts it used (import graph, module resolution, package versions, workspace-wide scans).

after(removeProjects);

const CONFIG = defaultConfig(allRules);

interface Run {
  /** file (relative) → its findings as "offset ruleId/messageId: message", and its hover policies. */
  results: Record<string, string[]>;
  reused: number;
  analyzed: number;
}

function sourceFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under))
    .sort()
    .flatMap((name) => {
      const path = join(under, name);
      if (statSync(join(dir, path)).isDirectory()) return sourceFiles(dir, path);
      return /\.[cm]?[jt]sx?$/.test(name) ? [join(dir, path)] : [];
    });
}

/** Analyzes every source file of `dir`, with the cache at `dir/.goodputcache` or without one. */
async function run(dir: string, options: { cache: boolean; config?: ResolvedConfig }): Promise<Run> {
  const config = options.config ?? CONFIG;
  const warnings: string[] = [];
  const warn = (message: string) => void warnings.push(message);
  const cache = options.cache
    ? ResultCache.open(join(dir, '.goodputcache'), { config, rootDir: dir }, warn)
    : undefined;
  const { results } = await analyzeFiles({ files: sourceFiles(dir), config, rootDir: dir, warn, cache });
  cache?.save(warn);
  assert.deepEqual(warnings, []);
  const summary: Record<string, string[]> = {};
  for (const result of results) {
    summary[result.file.slice(dir.length + 1)] = [
      ...result.findings.map(
        (finding) => `${finding.span.start} ${finding.ruleId}/${finding.messageId}: ${finding.message}`,
      ),
      ...result.policies.map((note) => `policy ${note.span.start}: ${note.policy.summary}`),
    ];
  }
  return { results: summary, reused: cache?.counts.reused ?? 0, analyzed: cache?.counts.analyzed ?? results.length };
}

/** Runs warm (with the cache) and cold, asserts they agree, and returns the warm run. */
async function warmEqualsCold(dir: string, config?: ResolvedConfig): Promise<Run> {
  const warm = await run(dir, { cache: true, config });
  const cold = await run(dir, { cache: false, config });
  assert.deepEqual(warm.results, cold.results, 'the warm run reports what a cold run reports');
  return warm;
}

const AXIOS_CLIENT = `import axios from 'axios';\nexport const client = axios.create({ baseURL: 'https://x' });\n`;
const USES_CLIENT = `import { client } from './client';\nexport const get = () => client.get('/a');\n`;
const OTHER = `export const add = (a: number, b: number) => a + b;\n`;

test('an unchanged workspace reuses every result; the first run analyzes all', async () => {
  const dir = makeProject({ 'src/client.ts': AXIOS_CLIENT, 'src/use.ts': USES_CLIENT, 'src/other.ts': OTHER });
  const first = await warmEqualsCold(dir);
  assert.equal(first.analyzed, 3);
  assert.equal(first.reused, 0);
  assert.match(first.results['src/use.ts']!.join('\n'), /no timeout/, 'the hover reads the instance in client.ts');
  const second = await warmEqualsCold(dir);
  assert.deepEqual([second.reused, second.analyzed], [3, 0]);
});

test('an edit of an imported module re-analyzes its importers, not unrelated files', async () => {
  const dir = makeProject({ 'src/client.ts': AXIOS_CLIENT, 'src/use.ts': USES_CLIENT, 'src/other.ts': OTHER });
  await warmEqualsCold(dir);
  writeFiles(dir, {
    'src/client.ts': AXIOS_CLIENT.replace("baseURL: 'https://x'", "baseURL: 'https://x', timeout: 2000"),
  });
  const warm = await warmEqualsCold(dir);
  assert.deepEqual([warm.reused, warm.analyzed], [1, 2], 'client.ts and use.ts again; other.ts reused');
  assert.match(warm.results['src/use.ts']!.join('\n'), /timeout 2 s, set on the instance/);
});

test('a file that appears and makes an import resolve re-analyzes the importer', async () => {
  const dir = makeProject({ 'src/use.ts': USES_CLIENT, 'src/other.ts': OTHER });
  const before = await warmEqualsCold(dir);
  assert.deepEqual(before.results['src/use.ts'], [], 'client unknown');
  writeFiles(dir, { 'src/client.ts': AXIOS_CLIENT });
  const after = await warmEqualsCold(dir);
  assert.deepEqual([after.reused, after.analyzed], [1, 2]);
  assert.match(after.results['src/use.ts']!.join('\n'), /no timeout/);
});

test('a deleted module re-analyzes its importers', async () => {
  const dir = makeProject({ 'src/client.ts': AXIOS_CLIENT, 'src/use.ts': USES_CLIENT, 'src/other.ts': OTHER });
  await warmEqualsCold(dir);
  rmSync(join(dir, 'src/client.ts'));
  const warm = await warmEqualsCold(dir);
  assert.deepEqual([warm.reused, warm.analyzed], [1, 1]);
  assert.deepEqual(warm.results['src/use.ts'], []);
});

test('a module too large to parse is recorded by its text: reused while it stays, re-analyzed when it shrinks', async () => {
  const config = { ...CONFIG, maxFileSizeKb: 1 };
  const large = `${AXIOS_CLIENT}// ${'x'.repeat(2000)}\n`;
  const dir = makeProject({ 'src/client.ts': large, 'src/use.ts': USES_CLIENT, 'src/other.ts': OTHER });
  assert.deepEqual((await warmEqualsCold(dir, config)).results['src/use.ts'], [], 'client.ts is not read: the client is unknown');
  const again = await warmEqualsCold(dir, config);
  assert.deepEqual([again.reused, again.analyzed], [3, 0]);
  writeFiles(dir, { 'src/client.ts': AXIOS_CLIENT });
  const shrunk = await warmEqualsCold(dir, config);
  assert.deepEqual([shrunk.reused, shrunk.analyzed], [1, 2]);
  assert.match(shrunk.results['src/use.ts']!.join('\n'), /no timeout/);
});

test('a workspace-wide fact set in a file nobody imports (axios.defaults) re-analyzes the files that used it', async () => {
  const dir = makeProject({ 'src/client.ts': AXIOS_CLIENT, 'src/use.ts': USES_CLIENT, 'src/other.ts': OTHER });
  await warmEqualsCold(dir);
  writeFiles(dir, { 'src/setup.ts': `import axios from 'axios';\naxios.defaults.timeout = 3000;\n` });
  const warm = await warmEqualsCold(dir);
  assert.match(warm.results['src/use.ts']!.join('\n'), /timeout 3 s/);
  assert.ok(warm.reused >= 1, 'other.ts does not use axios defaults');
});

test('a package version change in package.json re-analyzes the files whose verdict depends on it', async () => {
  const code = `import fetch from 'node-fetch';\nexport const get = () => fetch('https://x', { timeout: 5000 });\n`;
  const manifest = (range: string) => `{ "dependencies": { "node-fetch": "${range}" } }`;
  const dir = makeProject({ 'package.json': manifest('^3.3.2'), 'src/get.ts': code, 'src/other.ts': OTHER });
  const three = await warmEqualsCold(dir);
  assert.ok(
    three.results['src/get.ts']!.some((line) => line.includes('no-unenforced-timeout')),
    'node-fetch 3 ignores timeout',
  );
  writeFiles(dir, { 'package.json': manifest('^2.7.0') });
  const two = await warmEqualsCold(dir);
  assert.ok(
    !two.results['src/get.ts']!.some((line) => line.includes('no-unenforced-timeout')),
    'node-fetch 2 honours it',
  );
  assert.deepEqual([two.reused, two.analyzed], [1, 1]);
});

test('another config drops the whole cache', async () => {
  const dir = makeProject({ 'src/client.ts': AXIOS_CLIENT, 'src/use.ts': USES_CLIENT });
  await warmEqualsCold(dir);
  const quieter = structuredClone(CONFIG);
  quieter.rules['require-timeout']!.severity = 'off';
  const warm = await warmEqualsCold(dir, quieter);
  assert.deepEqual([warm.reused, warm.analyzed], [0, 2]);
});

test('property: after deleting or editing any one example file, warm and cold runs agree', async () => {
  const examples = join(__dirname, '../../examples');
  const dir = makeProject({});
  cpSync(examples, dir, { recursive: true });
  await warmEqualsCold(dir);
  const files = sourceFiles(dir);
  assert.ok(files.length >= 10);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // Numbers are what the rules read (timeouts, delays, sizes): change them all.
    writeFileSync(
      file,
      text.replace(/\b\d+\b/g, (digits) => String(Number(digits) * 3 + 1)),
    );
    const edited = await warmEqualsCold(dir);
    assert.ok(edited.reused > 0, `${file}: some results reused`);
    rmSync(file);
    await warmEqualsCold(dir);
    writeFileSync(file, text);
    const restored = await warmEqualsCold(dir);
    assert.ok(restored.analyzed < files.length, `${file}: not everything analyzed again`);
  }
});

test('CLI: --cache writes node_modules/.cache/goodput/check-results.json, and the warm report is the cold one byte for byte', async () => {
  const dir = makeProject({ 'src/client.ts': AXIOS_CLIENT, 'src/use.ts': USES_CLIENT });
  const cold = await check(dir, ['-f', 'json']);
  const first = await check(dir, ['-f', 'json', '--cache']);
  assert.ok(existsSync(join(dir, 'node_modules/.cache/goodput/check-results.json')));
  const warm = await check(dir, ['-f', 'json', '--cache']);
  assert.equal(warm.code, cold.code);
  assert.equal(first.stdout, cold.stdout);
  assert.equal(warm.stdout, cold.stdout);
  assert.equal(warm.stderr, '');
});

test('CLI: --cache-location takes a file or a directory', async () => {
  const dir = makeProject({ 'src/use.ts': USES_CLIENT, 'cache/.keep': '' });
  await check(dir, ['--cache-location', 'cache']);
  assert.ok(existsSync(join(dir, 'cache/.goodputcache')));
  await check(dir, ['--cache-location', 'results.json']);
  assert.ok(existsSync(join(dir, 'results.json')));
  await check(dir, ['--cache-location', '.cache/goodput/results.json']);
  assert.ok(existsSync(join(dir, '.cache/goodput/results.json')), 'missing directories are created');
  assert.ok(!existsSync(join(dir, 'node_modules')));
});

test('CLI: a corrupt cache is said once, ignored and rewritten; an unwritable one is said and the check still runs', async () => {
  const dir = makeProject({ 'src/client.ts': AXIOS_CLIENT, 'src/use.ts': USES_CLIENT });
  const cold = await check(dir, ['-f', 'json']);
  writeFileSync(join(dir, 'cache.json'), '{"format":1,');
  const corrupt = await check(dir, ['-f', 'json', '--cache-location', 'cache.json']);
  assert.equal(corrupt.stdout, cold.stdout);
  assert.equal(corrupt.stderr.match(/ignoring the cache/g)?.length, 1, corrupt.stderr);
  const rewritten = await check(dir, ['-f', 'json', '--cache-location', 'cache.json']);
  assert.equal(rewritten.stderr, '');

  // A cache below a regular file cannot be written (even by root).
  const unwritable = await check(dir, ['-f', 'json', '--cache-location', 'src/use.ts/cache.json']);
  assert.equal(unwritable.stdout, cold.stdout);
  assert.equal(unwritable.code, cold.code);
  assert.equal(
    unwritable.stderr.match(/cannot write the cache .*src\/use\.ts\/cache\.json/g)?.length,
    1,
    unwritable.stderr,
  );
});

test('cache file: a round trip keeps every kind of query; malformed content throws, another key reads as empty', () => {
  const pattern = /^axios(\/|$)/i;
  const entry: CacheEntry = {
    hash: 'h1',
    texts: new Map([
      ['/w/b.ts', 'h2'],
      ['/w/gone.ts', null],
    ]),
    queries: [
      { kind: 'importsPackage', file: '/w/a.ts', pattern, answer: true },
      { kind: 'importsPackageDirectly', file: '/w/a.ts', pattern, answer: false },
      { kind: 'importsModuleMatching', file: '/w/a.ts', pattern: /fetch/, answer: false },
      { kind: 'packageMajor', file: '/w/a.ts', packageName: 'node-fetch', answer: undefined },
      { kind: 'packageOf', file: '/w/a.ts', answer: '/w\0api\0express' },
      { kind: 'packageOf', file: '/w/b.ts', answer: undefined },
      { kind: 'resolveModule', file: '/w/a.ts', specifier: './b', answer: '/w/b.ts' },
      { kind: 'filesContaining', needle: '.defaults', answer: ['/w/b.ts'] },
    ],
    result: { findings: [], policies: [], skipped: undefined },
  };
  const decoded = decodeCache(encodeCache('k', [['/w/a.ts', entry]]), 'k').get('/w/a.ts')!;
  assert.deepEqual(decoded.texts, entry.texts);
  assert.deepEqual(
    decoded.queries.map((query) => ('pattern' in query ? { ...query, pattern: String(query.pattern) } : query)),
    entry.queries.map((query) => ('pattern' in query ? { ...query, pattern: String(query.pattern) } : query)),
  );
  const [first, second] = decoded.queries as Array<{ pattern: RegExp }>;
  assert.equal(first!.pattern, second!.pattern, 'one RegExp object per pattern');
  assert.equal(decodeCache(encodeCache('k', [['/w/a.ts', entry]]), 'other').size, 0);
  const bad = (entries: unknown) => JSON.stringify({ format: 2, key: 'k', paths: ['/w/a.ts'], patterns: [], entries });
  assert.throws(() => decodeCache(bad([[5, entry]]), 'k'), /index 5 out of range/);
  assert.throws(
    () =>
      decodeCache(bad([[0, { hash: 'h', texts: [], queries: [['x']], result: { findings: [], policies: [] } }]]), 'k'),
    /unknown query kind/,
  );
  assert.throws(() => decodeCache(bad([[0, { hash: 'h', texts: [], queries: [] }]]), 'k'), /malformed result/);
  assert.throws(() => decodeCache(bad({}), 'k'), /malformed cache/);
});
