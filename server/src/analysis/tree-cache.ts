import type { ts } from '../typescript';

/**
 * How much source text the parsed trees kept in memory may span, in characters. A tree costs
 * about 18 bytes per character of its source (measured on the benchmark corpus), so the default
 * holds about 40 MB of trees.
 *
 * Why characters and not a count of files: the analysis of a file re-reads the modules it
 * imports, and a shared module (a config, a client, a utils barrel) evicted between two of its
 * importers is parsed again. A budget of 64 files let a few large files push out many small
 * shared ones: on the application corpus, 29 % more bytes were parsed than the workspace holds,
 * and 2 MiB of source cut that to 6 % and the analysis time by about a tenth.
 * Texts are all kept; a tree evicted is parsed again from its text when next needed.
 */
export const DEFAULT_TREE_CACHE_CHARS = 2 * 1024 * 1024;

/**
 * Parsed trees by file name, least recently used first, evicted past a budget of source
 * characters. A tree larger than half the budget (a generated API client of several MB) is kept
 * in a slot of its own instead: in the budget it would evict every shared module at once.
 */
export class TreeCache {
  /** Most recently used last (a Map keeps insertion order). */
  private readonly trees = new Map<string, ts.SourceFile>();
  private chars = 0;
  /** The most recent tree too large for the budget. */
  private oversized: { fileName: string; tree: ts.SourceFile } | undefined;

  constructor(private readonly budgetChars = DEFAULT_TREE_CACHE_CHARS) {}

  /** The cached tree of `fileName`, marked as the most recently used. */
  get(fileName: string): ts.SourceFile | undefined {
    if (this.oversized?.fileName === fileName) return this.oversized.tree;
    const tree = this.trees.get(fileName);
    if (tree) {
      this.trees.delete(fileName);
      this.trees.set(fileName, tree);
    }
    return tree;
  }

  has(fileName: string): boolean {
    return this.oversized?.fileName === fileName || this.trees.has(fileName);
  }

  /** Caches `tree`, evicting the least recently used trees past the budget (never the one just added). */
  set(fileName: string, tree: ts.SourceFile): void {
    this.delete(fileName);
    if (tree.text.length > this.budgetChars / 2) {
      this.oversized = { fileName, tree };
      return;
    }
    this.trees.set(fileName, tree);
    this.chars += tree.text.length;
    for (const [oldest, oldTree] of this.trees) {
      if (this.chars <= this.budgetChars || oldest === fileName) break;
      this.trees.delete(oldest);
      this.chars -= oldTree.text.length;
    }
  }

  /** Removes and returns the tree of `fileName`, if cached. */
  delete(fileName: string): ts.SourceFile | undefined {
    if (this.oversized?.fileName === fileName) {
      const { tree } = this.oversized;
      this.oversized = undefined;
      return tree;
    }
    const tree = this.trees.get(fileName);
    if (tree) {
      this.trees.delete(fileName);
      this.chars -= tree.text.length;
    }
    return tree;
  }
}
