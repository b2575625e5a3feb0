import { existsSync, readFileSync } from 'node:fs';
import { Analyzer, type FileResult, type ResolvedConfig } from '../analysis';
import type { ResultCache } from './result-cache';

// Loads every discovered file into one Analyzer before analyzing any (so cross-module facts, such
// as an axios instance's timeout set in another file, are known), then analyzes the files this run
// is responsible for: all of them, or one shard. A shard still loads everything: its findings must
// equal the same files' findings in an unsharded run.

export interface AnalyzeInput {
  files: readonly string[];
  /** Which of `files` to analyze (default: all). */
  analyze?: (file: string) => boolean;
  config: ResolvedConfig;
  rootDir: string;
  warn(message: string): void;
  /** Earlier results to reuse where nothing they depend on changed (`--cache`). */
  cache?: ResultCache;
  /** Called after each analyzed file with (done, total). */
  onProgress?(done: number, total: number): void;
}

export interface AnalyzeOutput {
  results: FileResult[];
  /** Texts of every loaded file (analyzed or context only), by absolute path. */
  texts: Map<string, string>;
}

export function analyzeFiles(input: AnalyzeInput): AnalyzeOutput {
  const analyzer = new Analyzer({ config: input.config, readFile: readFromDisk, rootDir: input.rootDir });
  const texts = new Map<string, string>();
  for (const file of input.files) {
    const text = readFromDisk(file);
    // A file git still tracks but that was deleted from the disk is simply not there any more.
    if (text === undefined) {
      if (existsSync(file)) input.warn(`${file}: cannot be read; not analyzed`);
      continue;
    }
    texts.set(file, text);
    analyzer.setFile(file, text);
  }
  const selected = [...texts.keys()].filter((file) => input.analyze?.(file) ?? true);
  const results = selected.map((file, index) => {
    const { cache } = input;
    const result = cache ? (cache.lookup(file, analyzer) ?? cache.analyze(file, analyzer)) : analyzer.analyzeFile(file);
    input.onProgress?.(index + 1, selected.length);
    return result;
  });
  return { results, texts };
}

export function readFromDisk(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
