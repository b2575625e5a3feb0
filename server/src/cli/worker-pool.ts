import { Worker } from 'node:worker_threads';
import type { WorkerAnswer, WorkerSetup } from './check-worker';

// The main thread's side of `--concurrency`: hands out batches of files to worker threads as each
// finishes its last one, so a worker that drew large files does not hold up the run. Batches are
// runs of neighbouring paths: files of one directory tend to import the same modules, which a
// worker then parses once. A worker that dies leaves its batch, and once none is left the rest, to
// the main thread: the run still reports every file, and says once what went wrong.

/**
 * Batches per worker: enough that the one finishing last is not long alone, few enough that each
 * batch is a long run of neighbours (what one worker parses, the other need not).
 */
const BATCHES_PER_WORKER = 8;

export interface PoolInput {
  /** The program to start again as a worker (dist/cli.js). */
  script: string;
  workerCount: number;
  setup: WorkerSetup;
  files: readonly string[];
  onAnswer(answer: WorkerAnswer): void;
  /** Analyzes one file in this thread, for batches a worker could not finish. */
  analyzeHere(file: string): WorkerAnswer;
  warn(message: string): void;
}

export function analyzeInWorkers(input: PoolInput): Promise<void> {
  const batches: string[][] = [];
  const batchFiles = Math.ceil(input.files.length / (input.workerCount * BATCHES_PER_WORKER));
  for (let start = 0; start < input.files.length; start += batchFiles) {
    batches.push(input.files.slice(start, start + batchFiles));
  }
  let live = 0;
  return new Promise((resolve, reject) => {
    const finishHere = (files: readonly string[]) => {
      for (const file of files) input.onAnswer(input.analyzeHere(file));
    };
    const settleIfDone = () => {
      if (live > 0) return;
      try {
        while (batches.length > 0) finishHere(batches.shift()!);
        resolve();
      } catch (error) {
        reject(error);
      }
    };
    const start = () => {
      const worker = new Worker(input.script, { workerData: input.setup });
      let batch: string[] | undefined;
      let ended = false;
      live++;
      const next = () => {
        batch = batches.shift();
        if (batch) worker.postMessage(batch);
        else void worker.terminate();
      };
      // After an error, or an exit nobody asked for: the unanswered batch is analyzed here.
      const end = (problem?: string) => {
        if (ended) return;
        ended = true;
        live--;
        if (batch) {
          input.warn(`a worker thread ${problem ?? 'stopped'}; the main thread analyzes its files`);
          const unanswered = batch;
          batch = undefined;
          try {
            finishHere(unanswered);
          } catch (error) {
            reject(error);
            return;
          }
        }
        settleIfDone();
      };
      worker.on('message', (answers: WorkerAnswer[]) => {
        for (const answer of answers) input.onAnswer(answer);
        next();
      });
      worker.on('error', (error) => end(`failed (${error.message})`));
      worker.on('exit', (code) => end(`stopped (exit code ${code})`));
      next();
    };
    for (let i = 0; i < Math.min(input.workerCount, batches.length); i++) start();
    settleIfDone();
  });
}
