import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, defaultConfig, type FileResult } from '../../server/src/analysis';
import { analyzeFiles } from '../../server/src/cli/analyze-files';
import type { WorkerAnswer } from '../../server/src/cli/check-worker';
import { ResultCache } from '../../server/src/cli/result-cache';
import { analyzeInWorkers } from '../../server/src/cli/worker-pool';
import { makeProject, removeProjects } from './helpers/projects';
import { CLI, ensureCliBuilt, REPO_ROOT, runCli } from './helpers/run-cli';

// `goodput check --concurrency n`: worker threads, each loaded with every file, report exactly what
// the main thread alone reports; a worker that dies leaves its files to the main thread.

after(removeProjects);

/** The examples, plus cross-file facts a thread must see although another analyzes their file. */
function workspace(): string {
  const dir = makeProject({
    'package.json': JSON.stringify({ dependencies: { axios: '1.7.0' } }),
    'src/http.ts': "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://x' });\n",
    'src/setup.ts': "import { api } from './http';\napi.defaults.timeout = 0;\n",
    'src/use.ts': "import { api } from './http';\nexport const load = () => api.get('/x');\n",
  });
  cpSync(join(REPO_ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

test('json and sarif reports with 3 threads are the single-thread reports, byte for byte', () => {
  const dir = workspace();
  for (const format of ['json', 'sarif']) {
    const alone = runCli(['check', '-f', format], { cwd: dir });
    const threaded = runCli(['check', '-f', format, '--concurrency', '3'], { cwd: dir });
    assert.equal(alone.status, 1, alone.stderr);
    assert.match(alone.stdout, /src\/use\.ts/, 'the instance set up in another file is reported');
    assert.deepEqual([threaded.status, threaded.stderr], [alone.status, alone.stderr]);
    assert.equal(threaded.stdout, alone.stdout, format);
  }
});

test('--cache: entries recorded by worker threads are reused by a single-thread run', async () => {
  const dir = workspace();
  const files = sourceFiles(dir);
  const config = defaultConfig(allRules);
  const location = join(dir, 'cache.json');
  const run = async (threads: number) => {
    const cache = ResultCache.open(location, { config, rootDir: dir }, assert.fail);
    ensureCliBuilt();
    const { results } = await analyzeFiles({ files, config, rootDir: dir, warn: assert.fail, cache, threads, workerScript: CLI });
    cache.save(assert.fail);
    return { results, counts: cache.counts };
  };
  const recorded = await run(2);
  assert.deepEqual(recorded.counts, { reused: 0, analyzed: files.length });
  const reused = await run(1);
  assert.deepEqual(reused.counts, { reused: files.length, analyzed: 0 });
  assert.deepEqual(reused.results.map(comparable), recorded.results.map(comparable));
  assert.ok(recorded.results.some((result) => result.findings.length > 0));
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.[cm]?[jt]sx?$/.test(path))
    .sort()
    .map((path) => join(dir, path));
}

/** As the cache file keeps it: JSON, where an undefined property is no property. */
function comparable(result: FileResult): string {
  return JSON.stringify([result.file, result.findings, result.policies, result.skipped]);
}

const FILES = Array.from({ length: 40 }, (_, index) => `/w/file-${index}.ts`);

function resultOf(file: string, origin: string): FileResult {
  return { file, findings: [], policies: [], failures: [{ ruleId: origin, file, message: origin }], analysisMs: 0 };
}

async function runPool(workerSource: string, workerCount: number) {
  const script = join(makeProject({}), 'worker.js');
  writeFileSync(script, workerSource);
  const answers = new Map<string, string[]>();
  const warnings: string[] = [];
  await analyzeInWorkers({
    script,
    workerCount,
    setup: { config: {} as never, rootDir: '/w', texts: [], record: false },
    files: FILES,
    onAnswer: (answer: WorkerAnswer) =>
      answers.set(answer.file, [...(answers.get(answer.file) ?? []), answer.result.failures[0]!.ruleId]),
    analyzeHere: (file) => ({ file, result: resultOf(file, 'main') }),
    warn: (message) => void warnings.push(message),
  });
  assert.deepEqual([...answers.keys()].sort(), [...FILES].sort(), 'every file answered');
  assert.ok([...answers.values()].every((origins) => origins.length === 1), 'and answered once');
  const origins = [...answers.values()].flat();
  return { fromWorkers: origins.filter((origin) => origin === 'worker').length, warnings };
}

test('a worker that cannot start leaves every file to the main thread, and says so', async () => {
  const { fromWorkers, warnings } = await runPool("throw new Error('no analyzer here');\n", 2);
  assert.equal(fromWorkers, 0);
  assert.deepEqual(new Set(warnings), new Set(['a worker thread failed (no analyzer here); the main thread analyzes its files']));
});

test('a worker that stops after its first batch: that batch is kept, its next one is analyzed here', async () => {
  const worker = `const { parentPort } = require('node:worker_threads');
let batches = 0;
parentPort.on('message', (files) => {
  if (++batches > 1) process.exit(7);
  parentPort.postMessage(files.map((file) => ({ file, result: ${JSON.stringify(resultOf('FILE', 'worker')).replace(/"FILE"/g, 'file')} })));
});
`;
  const { fromWorkers, warnings } = await runPool(worker, 2);
  assert.ok(fromWorkers >= 2 && fromWorkers < FILES.length, `${fromWorkers} files from the workers`);
  assert.deepEqual(new Set(warnings), new Set(['a worker thread stopped (exit code 7); the main thread analyzes its files']));
});
