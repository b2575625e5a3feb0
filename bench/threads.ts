import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { allRules, defaultConfig, type FileResult } from '../server/src/analysis';
import { analyzeFiles } from '../server/src/cli/analyze-files';
import type { WorkerAnswer } from '../server/src/cli/check-worker';
import { analyzeInWorkers } from '../server/src/cli/worker-pool';
import type { CorpusFile } from './corpus';

// `goodput check --concurrency n` over the corpus: wall time with n worker threads ÷ with one,
// each started cold from the bundle as the CLI starts them (so both pay the same start-up and
// JIT warm-up), and the n-thread results checked against the main thread's.

export interface ThreadFigures {
  threads: number;
  cores: number;
  oneWorkerMs: number;
  threadedMs: number;
}

export async function measureThreads(files: readonly CorpusFile[]): Promise<ThreadFigures> {
  const config = defaultConfig(allRules);
  const names = files.map((file) => file.fileName);
  const threads = Math.max(2, Math.min(4, availableParallelism()));
  const inWorkers = async (workerCount: number) => {
    const results = new Map<string, FileResult>();
    const started = performance.now();
    await analyzeInWorkers({
      script: join(__dirname, '../dist/cli.js'),
      workerCount,
      setup: { config, rootDir: '/', texts: files.map((file) => [file.fileName, file.text]), record: false },
      files: names,
      onAnswer: ({ file, result }: WorkerAnswer) => void results.set(file, result),
      analyzeHere: () => fail('a worker thread failed'),
      warn: fail,
    });
    return { ms: performance.now() - started, results: names.map((name) => results.get(name)!) };
  };
  const oneWorker = await inWorkers(1);
  const threaded = await inWorkers(threads);
  const { results } = await analyzeFiles({ files: names, config, rootDir: '/', warn: fail });
  for (const [label, run] of [['one worker', oneWorker], [`${threads} workers`, threaded]] as const) {
    if (JSON.stringify(run.results.map(comparable)) !== JSON.stringify(results.map(comparable))) {
      throw new Error(`${label} reported something the main thread did not`);
    }
  }
  return { threads, cores: availableParallelism(), oneWorkerMs: oneWorker.ms, threadedMs: threaded.ms };
}

function comparable(result: FileResult): unknown {
  return [result.file, result.findings, result.policies, result.skipped];
}

function fail(message: string): never {
  throw new Error(message);
}
