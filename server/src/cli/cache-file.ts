import type { WorkspaceQuery } from '../analysis/analysis-dependencies';
import type { FileResult } from '../analysis';

// The cache file of `goodput check --cache` (result-cache.ts): JSON, with every path once in a
// table and referred to by index, and queries flattened to arrays. A 3,745-file workspace makes
// about 4 MiB. Reading checks the shape and throws on anything malformed.

const FORMAT = 2;

/** A stored result and what it depends on, with texts as hashes. */
export interface CacheEntry {
  /** The file's own text. */
  hash: string;
  /** Other files read: path → text hash, null when the file did not exist. */
  texts: Map<string, string | null>;
  queries: WorkspaceQuery[];
  result: StoredResult;
}

export type StoredResult = Pick<FileResult, 'findings' | 'policies' | 'skipped'>;

interface StoredEntry {
  hash: string;
  texts: Array<[number, string | null]>;
  queries: StoredQuery[];
  result: StoredResult;
}

/**
 * [kind, …arguments, answer], kinds in one letter: p importsPackage, d importsPackageDirectly,
 * m importsModuleMatching (with a pattern index), v packageMajor, s packageOf, r resolveModule,
 * n filesContaining.
 */
type StoredQuery =
  | ['p' | 'd' | 'm', number, number, boolean]
  | ['v', number, string, number | null]
  | ['s', number, string | null]
  | ['r', number, string, string | null]
  | ['n', string, number[]];

const PATTERN_KINDS = { p: 'importsPackage', d: 'importsPackageDirectly', m: 'importsModuleMatching' } as const;
const PATTERN_CODES = { importsPackage: 'p', importsPackageDirectly: 'd', importsModuleMatching: 'm' } as const;

interface StoredCache {
  format: number;
  /** What the results are valid for: Goodput's build, the config, the root. */
  key: string;
  paths: string[];
  /** RegExps as `flags/source`. */
  patterns: string[];
  entries: Array<[number, StoredEntry]>;
}

export function encodeCache(key: string, entries: Iterable<[string, CacheEntry]>): string {
  const paths = new Table();
  const patterns = new Table();
  const stored: Array<[number, StoredEntry]> = [];
  for (const [file, entry] of entries) stored.push([paths.indexOf(file), encodeEntry(entry, paths, patterns)]);
  const cache: StoredCache = { format: FORMAT, key, paths: paths.items, patterns: patterns.items, entries: stored };
  return JSON.stringify(cache);
}

/** The entries of a cache file written for `key`; none when it was written for another key or format. */
export function decodeCache(json: string, key: string): Map<string, CacheEntry> {
  const cache = JSON.parse(json) as StoredCache;
  const entries = new Map<string, CacheEntry>();
  if (cache?.format !== FORMAT || cache.key !== key) return entries;
  if (!Array.isArray(cache.paths) || !Array.isArray(cache.patterns) || !Array.isArray(cache.entries)) {
    throw new Error('malformed cache');
  }
  // One RegExp object per pattern: the import graph memoises its answers per pattern object.
  const patterns = cache.patterns.map((written) => {
    const slash = written.indexOf('/');
    return new RegExp(written.slice(slash + 1), written.slice(0, slash));
  });
  for (const [file, entry] of cache.entries)
    entries.set(at(cache.paths, file), decodeEntry(entry, cache.paths, patterns));
  return entries;
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

function encodeEntry(entry: CacheEntry, paths: Table, patterns: Table): StoredEntry {
  const texts = [...entry.texts].map(([name, hash]): [number, string | null] => [paths.indexOf(name), hash]);
  const queries = entry.queries.map((query): StoredQuery => {
    switch (query.kind) {
      case 'packageMajor':
        return ['v', paths.indexOf(query.file), query.packageName, query.answer ?? null];
      case 'packageOf':
        return ['s', paths.indexOf(query.file), query.answer ?? null];
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

function decodeEntry(stored: StoredEntry, paths: readonly string[], patterns: readonly RegExp[]): CacheEntry {
  const { result } = stored;
  if (typeof stored.hash !== 'string' || !Array.isArray(stored.texts) || !Array.isArray(stored.queries)) {
    throw new Error('malformed entry');
  }
  if (!Array.isArray(result?.findings) || !Array.isArray(result.policies)) throw new Error('malformed result');
  const path = (index: number): string => at(paths, index);
  const texts = new Map(stored.texts.map(([index, hash]): [string, string | null] => [path(index), hash]));
  const queries = stored.queries.map((query): WorkspaceQuery => {
    switch (query[0]) {
      case 'v':
        return { kind: 'packageMajor', file: path(query[1]), packageName: query[2], answer: query[3] ?? undefined };
      case 's':
        return { kind: 'packageOf', file: path(query[1]), answer: query[2] ?? undefined };
      case 'r':
        return { kind: 'resolveModule', file: path(query[1]), specifier: query[2], answer: query[3] ?? undefined };
      case 'n':
        return { kind: 'filesContaining', needle: query[1], answer: query[2].map(path) };
      case 'p':
      case 'd':
      case 'm':
        return {
          kind: PATTERN_KINDS[query[0]],
          file: path(query[1]),
          pattern: at(patterns, query[2]),
          answer: query[3],
        };
      default:
        throw new Error(`unknown query kind ${JSON.stringify((query as unknown[])[0])}`);
    }
  });
  return { hash: stored.hash, texts, queries, result };
}

function at<T>(items: readonly T[], index: number): T {
  if (Number.isInteger(index) && index >= 0 && index < items.length) return items[index]!;
  throw new Error(`index ${index} out of range`);
}
