import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer, allRules, defaultConfig, type FileResult } from '../server/src/analysis';
import { ResultCache } from '../server/src/cli/result-cache';
import type { CorpusFile } from './corpus';

// `goodput check --cache`: a re-check after a small edit, with the results of the previous run
// stored, against the same re-check without them. Both in one process, on in-memory texts, the
// way `analyze-files.ts` runs a check (every file loaded first, then each analyzed or looked up).

const EDITED_FILES = 5;

export interface CacheFigures {
  /** Analysis of every file, no cache. */
  coldMs: number;
  /** The same with the cache being recorded (the first --cache run). */
  recordingMs: number;
  /** After editing EDITED_FILES files: lookups plus the analyses the edit made necessary. */
  warmMs: number;
  reanalyzed: number;
  cacheMib: number;
}

export function measureResultCache(files: readonly CorpusFile[]): CacheFigures {
  const config = defaultConfig(allRules);
  const dir = mkdtempSync(join(tmpdir(), 'goodput-bench-cache-'));
  const location = join(dir, '.goodputcache');
  const texts = new Map(files.map((file) => [file.fileName, file.text]));
  const check = (cached: boolean): { ms: number; results: FileResult[]; cache?: ResultCache } => {
    const analyzer = new Analyzer({ config, rootDir: '/', readFile: (name) => texts.get(name) });
    const started = performance.now();
    const cache = cached ? ResultCache.open(location, { config, rootDir: '/' }, fail) : undefined;
    for (const [name, text] of texts) analyzer.setFile(name, text);
    const results = [...texts.keys()].map(
      (name) => cache?.lookup(name, analyzer) ?? cache?.analyze(name, analyzer) ?? analyzer.analyzeFile(name),
    );
    cache?.save(fail);
    return { ms: performance.now() - started, results, cache };
  };
  try {
    check(false); // warm-up
    const coldMs = check(false).ms;
    const recordingMs = check(true).ms;
    // A small commit: the first number in a few files spread over the corpus changes.
    const names = [...texts.keys()];
    for (let index = 0; index < EDITED_FILES; index++) {
      const name = names[Math.floor(((index + 0.5) * names.length) / EDITED_FILES)]!;
      texts.set(name, texts.get(name)!.replace(/\b\d+\b/, (digits) => String(Number(digits) + 1)) + '\n');
    }
    const warm = check(true);
    const cold = check(false);
    if (JSON.stringify(warm.results.map(comparable)) !== JSON.stringify(cold.results.map(comparable))) {
      throw new Error('the warm run reported something the cold run did not');
    }
    return {
      coldMs,
      recordingMs,
      warmMs: warm.ms,
      reanalyzed: warm.cache!.counts.analyzed,
      cacheMib: statSync(location).size / 1024 / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function comparable(result: FileResult): unknown {
  return [result.file, result.findings, result.policies, result.skipped];
}

function fail(message: string): never {
  throw new Error(message);
}
