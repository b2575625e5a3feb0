import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AnalysisDependencies } from '../analysis/analysis-dependencies';
import type { Analyzer, FileResult, ResolvedConfig } from '../analysis';
import { decodeCache, encodeCache, type CacheEntry } from './cache-file';
import { TOOL_VERSION } from './tool-info';

// `goodput check --cache`: results of earlier runs, reused for every file whose result cannot
// have changed. A file's result depends on its own text, on the texts of the modules its
// analysis read, and on answers to workspace questions (see analysis/analysis-dependencies.ts);
// a stored result is used only when all of them are as they were, so a warm run reports exactly
// what a cold one would. The whole cache is dropped when Goodput, the config or the root change.

/**
 * Where the cache lives unless told: under node_modules, like other tools' caches, so that it is
 * never committed by accident and `npm ci` starts it afresh. A cache someone else can write could
 * hide findings (its entries are trusted), so it must not travel with the code under review.
 */
export const DEFAULT_CACHE_PATH = 'node_modules/.cache/goodput/check-results.json';
/** The file name used when `--cache-location` names a directory. */
export const CACHE_FILE_NAME = '.goodputcache';

export class ResultCache {
  private entries = new Map<string, CacheEntry>();
  /** Files this run looked up or analyzed: their entries are current. */
  private readonly seen = new Set<string>();
  private readonly hashes = new TextHashes();
  /** How many results this run reused and how many it computed. */
  readonly counts = { reused: 0, analyzed: 0 };

  private constructor(
    readonly location: string,
    private readonly key: string,
  ) {}

  /**
   * Opens the cache at `location`. A missing cache, or one written by another version, config or
   * root, starts empty; so does an unreadable one, and `warn` says why.
   */
  static open(
    location: string,
    settings: { config: ResolvedConfig; rootDir: string },
    warn: (message: string) => void,
  ): ResultCache {
    const cache = new ResultCache(location, cacheKey(settings.config, settings.rootDir));
    if (!existsSync(location)) return cache;
    try {
      cache.entries = decodeCache(readFileSync(location, 'utf8'), cache.key);
    } catch (error) {
      warn(`ignoring the cache ${location} (${(error as Error).message}); it will be rewritten`);
    }
    return cache;
  }

  /** The stored result of `file`, if nothing it depends on changed; asks `analyzer` about the workspace. */
  lookup(file: string, analyzer: Analyzer): FileResult | undefined {
    this.seen.add(file);
    const entry = this.entries.get(file);
    if (!entry || !this.holds(entry, file, analyzer)) return undefined;
    this.counts.reused++;
    return { file, ...entry.result, failures: [], analysisMs: 0 };
  }

  /** Analyzes `file` and keeps the result with what it depends on. */
  analyze(file: string, analyzer: Analyzer): FileResult {
    const { result, entry } = this.record(file, analyzer);
    this.store(file, entry);
    return result;
  }

  /** Analyzes `file`, recording what the result depends on; `store` keeps it. */
  record(file: string, analyzer: Analyzer): { result: FileResult; entry?: CacheEntry } {
    return analyzeRecording(file, analyzer, this.hashes);
  }

  /** Keeps the entry of a result computed elsewhere (a worker thread); none when it must be computed again next run. */
  store(file: string, entry: CacheEntry | undefined): void {
    this.seen.add(file);
    this.counts.analyzed++;
    this.entries.delete(file);
    if (entry) this.entries.set(file, entry);
  }

  /**
   * Writes the entries of this run's files, and those of files this run did not look at that
   * still exist (a run over one directory keeps the rest). Atomic: no reader sees half a file.
   */
  save(warn: (message: string) => void): void {
    const kept = [...this.entries].filter(([file]) => this.seen.has(file) || existsSync(file));
    const temporary = `${this.location}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.location), { recursive: true });
      writeFileSync(temporary, encodeCache(this.key, kept));
      renameSync(temporary, this.location);
    } catch (error) {
      warn(`cannot write the cache ${this.location}: ${(error as Error).message}`);
      removeQuietly(temporary);
    }
  }

  private holds(entry: CacheEntry, file: string, analyzer: Analyzer): boolean {
    if (entry.hash !== this.hashes.of(file, analyzer.files.getText(file))) return false;
    for (const [name, hash] of entry.texts)
      if (this.hashes.of(name, analyzer.files.moduleText(name)) !== hash) return false;
    return entry.queries.every((query) => analyzer.stillAnswers(query));
  }

}

/** Goodput's version and build, the resolved config and the root: a change of any drops the cache. */
function cacheKey(config: ResolvedConfig, rootDir: string): string {
  const hash = createHash('sha1');
  hash.update(`${TOOL_VERSION}\0${rootDir}\0${JSON.stringify(config)}\0`);
  // The running build itself, so that a development build never reuses another build's results.
  const program = typeof __filename === 'string' ? __filename : undefined;
  if (program && existsSync(program)) hash.update(readFileSync(program));
  return hash.digest('base64url');
}

/** `--cache-location`: a file, or a directory (existing, or written with a trailing slash) to keep `.goodputcache` in. */
export function cacheFileAt(location: string | undefined, cwd: string): string {
  if (location === undefined) return join(cwd, DEFAULT_CACHE_PATH);
  const path = location.startsWith('/') ? location : join(cwd, location);
  const isDirectory = location.endsWith('/') || (existsSync(path) && statSync(path).isDirectory());
  return isDirectory ? join(path, CACHE_FILE_NAME) : path;
}

/** Removes a half-written file, if there is one and it can be removed (the write's error was already said). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // e.g. ENOTDIR: there was no file to remove
  }
}

/**
 * Analyzes `file`, recording what the result depends on, as the cache entry to keep. No entry when
 * a rule failed (the file is tried again next run) or the file has no text.
 */
export function analyzeRecording(
  file: string,
  analyzer: Analyzer,
  hashes: TextHashes,
): { result: FileResult; entry?: CacheEntry } {
  const dependencies = new AnalysisDependencies();
  const result = analyzer.analyzeFile(file, undefined, dependencies);
  const hash = hashes.of(file, analyzer.files.getText(file));
  if (result.failures.length > 0 || hash === null) return { result };
  const texts = new Map<string, string | null>();
  for (const [name, text] of dependencies.texts) texts.set(name, hashes.of(name, text));
  const { findings, policies, skipped } = result;
  return { result, entry: { hash, texts, queries: dependencies.queries, result: { findings, policies, skipped } } };
}

/** Text hashes, remembered per file and text: a module many files import is hashed once. */
export class TextHashes {
  private readonly known = new Map<string, { text: string | undefined; hash: string | null }>();

  /** null: there is no such file. */
  of(file: string, text: string | undefined): string | null {
    const known = this.known.get(file);
    if (known && known.text === text) return known.hash;
    const hash = text === undefined ? null : createHash('sha1').update(text).digest('base64url');
    this.known.set(file, { text, hash });
    return hash;
  }
}
