import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisDependencies, type WorkspaceQuery } from '../analysis/analysis-dependencies';
import type { Analyzer, FileResult, ResolvedConfig } from '../analysis';
import { TOOL_VERSION } from './tool-info';

// `goodput check --cache`: results of earlier runs, reused for every file whose result cannot
// have changed. A file's result depends on its own text, on the texts of the modules its
// analysis read, and on answers to workspace questions (see analysis/analysis-dependencies.ts);
// a stored result is used only when all of them are as they were, so a warm run reports exactly
// what a cold one would. The whole cache is dropped when Goodput, the config or the root change.

export const DEFAULT_CACHE_FILE = '.goodputcache';
const FORMAT = 1;

/** A result and what it depends on, with texts as hashes. */
interface Entry {
  /** The file's own text. */
  hash: string;
  /** Other files read: path → text hash, null when the file did not exist. */
  texts: Map<string, string | null>;
  queries: WorkspaceQuery[];
  result: StoredResult;
}

type StoredResult = Pick<FileResult, 'findings' | 'policies' | 'skipped'>;

/** On disk, paths are indexes into one table and queries are flat: [kind, …arguments, answer]. */
interface StoredEntry {
  hash: string;
  texts: Array<[number, string | null]>;
  queries: StoredQuery[];
  result: StoredResult;
}

/**
 * [kind, …arguments, answer], kinds in one letter: p importsPackage, d importsPackageDirectly,
 * m importsModuleMatching (with a pattern index), v packageMajor, r resolveModule, n filesContaining.
 */
type StoredQuery =
  | ['p' | 'd' | 'm', number, number, boolean]
  | ['v', number, string, number | null]
  | ['r', number, string, string | null]
  | ['n', string, number[]];

const PATTERN_KINDS = { p: 'importsPackage', d: 'importsPackageDirectly', m: 'importsModuleMatching' } as const;
const PATTERN_CODES = { importsPackage: 'p', importsPackageDirectly: 'd', importsModuleMatching: 'm' } as const;

interface StoredCache {
  format: number;
  key: string;
  paths: string[];
  /** RegExps as `flags/source`. */
  patterns: string[];
  entries: Array<[number, StoredEntry]>;
}

/** Numbers the paths and patterns of the file being written. */
class Table {
  readonly items: string[] = [];
  private readonly indexes = new Map<string, number>();

  indexOf(item: string): number {
    let index = this.indexes.get(item);
    if (index === undefined) this.indexes.set(item, (index = this.items.push(item) - 1));
    return index;
  }
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  /** Files this run looked up or analyzed: their entries are current. */
  private readonly seen = new Set<string>();
  private readonly hashes = new Map<string, { text: string | undefined; hash: string | null }>();
  private readonly patterns = new Map<string, RegExp>();
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
      const stored = JSON.parse(readFileSync(location, 'utf8')) as StoredCache;
      if (stored.format !== FORMAT || stored.key !== cache.key) return cache;
      for (const [file, entry] of stored.entries) cache.entries.set(stored.paths[file]!, cache.fromStored(entry, stored));
    } catch (error) {
      cache.entries.clear();
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

  /** Analyzes `file`, keeping the result with what it depends on (unless a rule failed: then it is tried again next run). */
  analyze(file: string, analyzer: Analyzer): FileResult {
    this.seen.add(file);
    const dependencies = new AnalysisDependencies();
    const result = analyzer.analyzeFile(file, undefined, dependencies);
    this.counts.analyzed++;
    const hash = this.hashOf(file, analyzer.files.getText(file));
    this.entries.delete(file);
    if (result.failures.length > 0 || hash === null) return result;
    const texts = new Map<string, string | null>();
    for (const [name, text] of dependencies.texts) texts.set(name, this.hashOf(name, text));
    const { findings, policies, skipped } = result;
    this.entries.set(file, { hash, texts, queries: dependencies.queries, result: { findings, policies, skipped } });
    return result;
  }

  /**
   * Writes the entries of this run's files, and those of files this run did not look at that
   * still exist (a run over one directory keeps the rest). Atomic: no reader sees half a file.
   */
  save(warn: (message: string) => void): void {
    const paths = new Table();
    const patterns = new Table();
    const entries: Array<[number, StoredEntry]> = [];
    for (const [file, entry] of this.entries) {
      if (this.seen.has(file) || existsSync(file)) entries.push([paths.indexOf(file), toStored(entry, paths, patterns)]);
    }
    const stored: StoredCache = { format: FORMAT, key: this.key, paths: paths.items, patterns: patterns.items, entries };
    const temporary = `${this.location}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify(stored));
      renameSync(temporary, this.location);
    } catch (error) {
      rmSync(temporary, { force: true });
      warn(`cannot write the cache ${this.location}: ${(error as Error).message}`);
    }
  }

  private holds(entry: Entry, file: string, analyzer: Analyzer): boolean {
    if (entry.hash !== this.hashOf(file, analyzer.files.getText(file))) return false;
    for (const [name, hash] of entry.texts) if (this.hashOf(name, analyzer.files.moduleText(name)) !== hash) return false;
    return entry.queries.every((query) => analyzer.stillAnswers(query));
  }

  /** Hashes are remembered per file and text: a module many files import is hashed once. */
  private hashOf(file: string, text: string | undefined): string | null {
    const known = this.hashes.get(file);
    if (known && known.text === text) return known.hash;
    const hash = text === undefined ? null : createHash('sha1').update(text).digest('base64url');
    this.hashes.set(file, { text, hash });
    return hash;
  }

  private fromStored(stored: StoredEntry, table: StoredCache): Entry {
    const { result } = stored;
    if (typeof stored.hash !== 'string' || !Array.isArray(stored.texts) || !Array.isArray(stored.queries)) {
      throw new Error('malformed entry');
    }
    if (!Array.isArray(result?.findings) || !Array.isArray(result.policies)) throw new Error('malformed result');
    const at = <T>(items: readonly T[], index: number): T => {
      if (index in items) return items[index]!;
      throw new Error(`index ${index} out of range`);
    };
    const path = (index: number): string => at(table.paths, index);
    const texts = new Map(stored.texts.map(([index, hash]): [string, string | null] => [path(index), hash]));
    const queries = stored.queries.map((query): WorkspaceQuery => {
      switch (query[0]) {
        case 'v':
          return { kind: 'packageMajor', file: path(query[1]), packageName: query[2], answer: query[3] ?? undefined };
        case 'r':
          return { kind: 'resolveModule', file: path(query[1]), specifier: query[2], answer: query[3] ?? undefined };
        case 'n':
          return { kind: 'filesContaining', needle: query[1], answer: query[2].map(path) };
        case 'p':
        case 'd':
        case 'm':
          return { kind: PATTERN_KINDS[query[0]], file: path(query[1]), pattern: this.pattern(at(table.patterns, query[2])), answer: query[3] };
        default:
          throw new Error(`unknown query kind ${JSON.stringify(query[0])}`);
      }
    });
    return { hash: stored.hash, texts, queries, result };
  }

  /** One RegExp object per pattern: the import graph memoises its answers per pattern object. */
  private pattern(written: string): RegExp {
    let pattern = this.patterns.get(written);
    if (!pattern) {
      const slash = written.indexOf('/');
      this.patterns.set(written, (pattern = new RegExp(written.slice(slash + 1), written.slice(0, slash))));
    }
    return pattern;
  }
}

function toStored(entry: Entry, paths: Table, patterns: Table): StoredEntry {
  const texts = [...entry.texts].map(([name, hash]): [number, string | null] => [paths.indexOf(name), hash]);
  const queries = entry.queries.map((query): StoredQuery => {
    switch (query.kind) {
      case 'packageMajor':
        return ['v', paths.indexOf(query.file), query.packageName, query.answer ?? null];
      case 'resolveModule':
        return ['r', paths.indexOf(query.file), query.specifier, query.answer ?? null];
      case 'filesContaining':
        return ['n', query.needle, query.answer.map((file) => paths.indexOf(file))];
      default: {
        const pattern = patterns.indexOf(`${query.pattern.flags}/${query.pattern.source}`);
        return [PATTERN_CODES[query.kind], paths.indexOf(query.file), pattern, query.answer];
      }
    }
  });
  return { hash: entry.hash, texts, queries, result: entry.result };
}

/** Goodput's version and build, the resolved config and the root: a change of any drops the cache. */
function cacheKey(config: ResolvedConfig, rootDir: string): string {
  const hash = createHash('sha1');
  hash.update(`${TOOL_VERSION}\0${rootDir}\0${JSON.stringify(config)}\0`);
  // The running build itself, so that a development build never reuses another build's results.
  const program = typeof __filename === 'string' ? __filename : undefined;
  if (program && existsSync(program)) hash.update(`${statSync(program).size}\0`).update(readFileSync(program));
  return hash.digest('base64url');
}

/** `--cache-location`: a directory (existing, or written with a trailing slash) holds the default file name. */
export function cacheFileAt(location: string | undefined, cwd: string): string {
  if (location === undefined) return join(cwd, DEFAULT_CACHE_FILE);
  const path = location.startsWith('/') ? location : join(cwd, location);
  const isDirectory = location.endsWith('/') || (existsSync(path) && statSync(path).isDirectory());
  return isDirectory ? join(path, DEFAULT_CACHE_FILE) : path;
}
