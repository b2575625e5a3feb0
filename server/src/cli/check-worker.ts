import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer, type FileResult, type ResolvedConfig } from '../analysis';
import type { CacheEntry } from './cache-file';
import { readFromDisk } from './analyze-files';
import { analyzeRecording, TextHashes } from './result-cache';

// One worker thread of `goodput check --concurrency`: the same program (dist/cli.js) started again,
// with every file's text handed in, so that it sees exactly the workspace the main thread sees. It
// analyzes the files it is sent, a batch at a time, and answers with their results.

export interface WorkerSetup {
  config: ResolvedConfig;
  rootDir: string;
  /** Every loaded file (analyzed or context only) with its text. */
  texts: Array<[file: string, text: string]>;
  /** Whether to record what each result depends on (`--cache`). */
  record: boolean;
}

export interface WorkerAnswer {
  file: string;
  result: FileResult;
  /** With `record`: the cache entry, unless the result must not be kept. */
  entry?: CacheEntry;
}

/** Serves batches of files (string[]) until the main thread terminates the worker. */
export function serveCheckWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('serveCheckWorker runs in a worker thread');
  const setup = workerData as WorkerSetup;
  const analyzer = new Analyzer({ config: setup.config, readFile: readFromDisk, rootDir: setup.rootDir });
  for (const [file, text] of setup.texts) analyzer.setFile(file, text);
  const hashes = new TextHashes();
  port.on('message', (files: string[]) => {
    const answers = files.map((file): WorkerAnswer => {
      if (!setup.record) return { file, result: analyzer.analyzeFile(file) };
      return { file, ...analyzeRecording(file, analyzer, hashes) };
    });
    port.postMessage(answers);
  });
}
