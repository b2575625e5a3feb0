import { ts } from '../typescript';
import { isAboveSizeLimit, isStackOverflow } from './skip-reasons';
import type { ModuleHost } from './libraries/values';
import { sourceFacts } from './facts/source-facts';
import { ImportGraph } from './import-graph';
import { NeedleIndex } from './needle-index';
import { DEFAULT_TREE_CACHE_CHARS, TreeCache } from './tree-cache';
import { reparse } from './incremental-parse';

// The set of workspace files the analyzer knows, parsed in memory (the core never touches the
// disk itself). Files that are imported but not yet loaded are read on demand through the
// `readFile` the adapter supplies.
//
// Files are parsed with the TypeScript that ts-morph bundles, but directly with
// `ts.createSourceFile` and without parent pointers: a ts-morph `createSourceFile` costs about
// 2.3× a raw parse and setting parents another 0.35×, while the analyzer's single traversal sets
// parents as it goes (see engine.ts). Nothing here needs the type checker yet; when a rule does,
// it should get a ts-morph Project populated lazily with just the files it asks about.

export type ReadFile = (fileName: string) => string | undefined;

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** ESM TypeScript imports name the emitted file (`./client.js`) while the source is `client.ts`. */
const EMITTED_TO_SOURCE: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.jsx': ['.tsx', '.jsx'],
};

export function isAnalyzableFile(fileName: string): boolean {
  return SOURCE_EXTENSIONS.some((extension) => fileName.endsWith(extension)) && !/\.d\.[mc]?ts$/.test(fileName);
}

/** How many barrels deep `importsModuleMatching` follows re-exports. */
const MAX_BARREL_DEPTH = 3;
/** `export * from`, `export * as x from`, `export { a } from`; the braces hold no brace (a `{` without its `}` must not make every later `export {` scan to the end). */
const RE_EXPORT = /\bexport\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^{}]*\})\s*from\b/;

export class WorkspaceFiles implements ModuleHost {
  /**
   * Parsed trees, in a bounded LRU: texts of all files are kept and trees re-parsed on demand.
   * Retaining every tree of a large workspace costs at least the memory of a raw parse of all of
   * it, while analysis only ever needs a file and its imports.
   */
  private readonly trees: TreeCache;
  private readonly texts = new Map<string, string>();
  /** The tree of a file's previous text, kept until the new text is parsed incrementally from it. */
  private readonly edited = new Map<string, ts.SourceFile>();
  /** Files the parser ran out of stack on (nesting tens of thousands deep), with that text. */
  private readonly tooDeep = new Map<string, string>();
  /** Files looked up on disk and not found, so we do not ask again until the workspace changes. */
  private readonly missing = new Set<string>();
  /** Importing directory + specifier → the file it resolves to; dropped when files appear or disappear. */
  private readonly resolutions = new Map<string, string>();
  private generation = 0;
  private maxFileSizeKb = Infinity;
  /** Which files contain which strings, updated per edited file. */
  private readonly needles = new NeedleIndex();
  private readonly importGraph = new ImportGraph({
    textOf: (fileName) => this.texts.get(fileName) ?? this.loadText(fileName),
    resolve: (fromFile, specifier) => {
      const target = this.resolveModule(fromFile, specifier);
      return target && this.texts.has(target) ? target : undefined;
    },
  });

  constructor(
    private readonly readFile: ReadFile = () => undefined,
    treeCacheChars = DEFAULT_TREE_CACHE_CHARS,
  ) {
    this.trees = new TreeCache(treeCacheChars);
  }

  /** Increases whenever any file's content changes: cross-file caches key on it. */
  get version(): number {
    return this.generation;
  }

  /** Records the text of `fileName`; it is parsed when first needed. */
  setFile(fileName: string, text: string): void {
    if (this.texts.get(fileName) === text) return;
    const appeared = !this.texts.has(fileName);
    if (appeared) this.resolutions.clear();
    const previous = this.trees.delete(fileName);
    // An edit of a file whose tree we hold (a keystroke in the editor) re-parses incrementally.
    if (previous) this.edited.set(fileName, previous);
    this.texts.set(fileName, text);
    this.tooDeep.delete(fileName);
    this.needles.changed(fileName);
    this.missing.delete(fileName);
    this.generation++;
    this.importGraph.changed(fileName, appeared);
  }

  /**
   * The tree of a known file, parsed on demand, without parent pointers (the engine links it);
   * undefined for a file nested too deeply for the parser (remembered for its text).
   */
  tree(fileName: string): ts.SourceFile | undefined {
    const cached = this.trees.get(fileName);
    if (cached) return cached;
    const text = this.texts.get(fileName);
    if (text === undefined || this.tooDeep.get(fileName) === text) return undefined;
    const previous = this.edited.get(fileName);
    this.edited.delete(fileName);
    let sourceFile: ts.SourceFile;
    try {
      sourceFile = previous ? reparse(previous, text) : parse(fileName, text);
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      this.tooDeep.set(fileName, text);
      return undefined;
    }
    this.trees.set(fileName, sourceFile);
    return sourceFile;
  }

  /** Whether the file's tree is in memory (it was parsed and not evicted since). */
  hasTree(fileName: string): boolean {
    return this.trees.has(fileName);
  }

  /** The workspace files `fileName` imports (resolved, loaded), from its text: no parsing. */
  workspaceImportsOf(fileName: string): readonly string[] {
    return this.importGraph.importsOf(fileName)?.targets ?? [];
  }

  /** The known files whose text contains `needle`, kept up to date incrementally. */
  filesContaining(needle: string): readonly string[] {
    return this.needles.filesContaining(needle, this.texts);
  }

  /**
   * Whether `fileName`, or a workspace module it imports transitively, imports a package whose
   * specifier matches `pattern` (e.g. /^axios(\/|$)/). Answers from the import graph (a text
   * scan per file, no parsing), kept until some file's imports change.
   */
  importsPackage(fileName: string, pattern: RegExp): boolean {
    return this.importGraph.reachesPackage(fileName, pattern);
  }

  /** Whether `fileName` itself imports a package whose specifier matches `pattern`. */
  importsPackageDirectly(fileName: string, pattern: RegExp): boolean {
    return this.importGraph.importsPackageDirectly(fileName, pattern);
  }

  /**
   * Whether `fileName` imports a workspace module whose text matches `pattern`: directly, or
   * through barrels (modules that re-export, `export * from` / `export { x } from`), a few deep.
   */
  importsModuleMatching(fileName: string, pattern: RegExp): boolean {
    const seen = new Set<string>([fileName]);
    let modules = [fileName];
    for (let depth = 0; depth <= MAX_BARREL_DEPTH && modules.length > 0; depth++) {
      const next: string[] = [];
      for (const module of modules) {
        for (const target of this.importGraph.importsOf(module)?.targets ?? []) {
          if (seen.has(target)) continue;
          seen.add(target);
          const text = this.texts.get(target);
          // Memoised per file text: many files import the same modules.
          if (this.needles.contains(target, text, pattern)) return true;
          if (this.needles.contains(target, text, RE_EXPORT)) next.push(target);
        }
      }
      modules = next;
    }
    return false;
  }

  removeFile(fileName: string): void {
    this.resolutions.clear();
    this.importGraph.removed();
    this.needles.removed(fileName);
    this.trees.delete(fileName);
    this.edited.delete(fileName);
    this.tooDeep.delete(fileName);
    this.texts.delete(fileName);
    this.missing.clear();
    this.generation++;
  }

  hasFile(fileName: string): boolean {
    return this.texts.has(fileName);
  }

  fileNames(): string[] {
    return [...this.texts.keys()];
  }

  getText(fileName: string): string | undefined {
    return this.texts.get(fileName);
  }

  /** The text of a workspace file, read through `readFile` if not known yet; never parsed. */
  moduleText(fileName: string): string | undefined {
    return this.texts.get(fileName) ?? this.loadText(fileName);
  }

  /**
   * Whether a workspace file's text can export `name`: it mentions the name, or re-exports
   * everything (`export *`, or compiled, `__exportStar`); true when there is no text. Remembered per file text: a barrel of a
   * hundred modules is searched for the same names by every file that imports from it, and
   * scanning the modules' texts again each time cost one application 5 ms per such file.
   */
  mayExport(fileName: string, name: string): boolean {
    const text = this.moduleText(fileName);
    if (text === undefined) return true;
    return (
      this.needles.contains(fileName, text, name) ||
      this.needles.contains(fileName, text, 'export *') ||
      this.needles.contains(fileName, text, '__export') // compiled: `__exportStar(require(…), exports)`
    );
  }

  /** A workspace file's tree, linked (parent pointers set) and indexed, ready for resolution. */
  getSourceFile(fileName: string): ts.SourceFile | undefined {
    const sourceFile = this.load(fileName);
    if (sourceFile) sourceFacts(sourceFile); // links the tree on first use
    return sourceFile;
  }

  private load(fileName: string): ts.SourceFile | undefined {
    const text = this.moduleText(fileName);
    if (text === undefined || isAboveSizeLimit(text, this.maxFileSizeKb)) return undefined;
    return this.tree(fileName);
  }

  /**
   * Modules above `maxFileSizeKb` are not parsed when another file imports them: they resolve as
   * unreadable, as they are skipped when analyzed themselves. A bundled chunk of several MB
   * imported by its neighbours otherwise costs more to parse and collect than the rest of a
   * workspace put together, for values that are rarely in it.
   */
  setMaxFileSizeKb(maxFileSizeKb: number): void {
    if (maxFileSizeKb === this.maxFileSizeKb) return;
    this.maxFileSizeKb = maxFileSizeKb;
    this.generation++; // cross-file answers may change: the caches keyed on the version drop them
  }

  /** Reads a file the workspace does not know yet through `readFile` (no parsing). */
  private loadText(fileName: string): string | undefined {
    if (this.missing.has(fileName) || !isAnalyzableFile(fileName)) return undefined;
    const text = this.readFile(fileName);
    if (text === undefined) {
      this.missing.add(fileName);
      return undefined;
    }
    this.setFile(fileName, text);
    return text;
  }

  private exists(fileName: string): boolean {
    return this.texts.has(fileName) || this.loadText(fileName) !== undefined;
  }

  resolveModule(fromFile: string, specifier: string): string | undefined {
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) return undefined;
    const directory = dirname(fromFile);
    const key = `${directory}\0${specifier}`;
    let resolved = this.resolutions.get(key);
    if (resolved === undefined) {
      const base = joinPath(directory, specifier);
      // A relative import we cannot find is still not a package: say "workspace, unknown".
      resolved = candidates(base).find((candidate) => this.exists(candidate)) ?? `${base}#unresolved`;
      this.resolutions.set(key, resolved);
    }
    return resolved;
  }
}

/** No rule reads JSDoc: skipping it parses JavaScript about 12 % faster and makes smaller trees. */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKindOf(fileName));
}

function candidates(base: string): string[] {
  const list: string[] = [];
  const extension = SOURCE_EXTENSIONS.find((ext) => base.endsWith(ext));
  if (extension) {
    const stem = base.slice(0, -extension.length);
    for (const replacement of EMITTED_TO_SOURCE[extension] ?? [extension]) list.push(stem + replacement);
    list.push(base);
  }
  for (const ext of SOURCE_EXTENSIONS) list.push(base + ext);
  for (const ext of SOURCE_EXTENSIONS) list.push(`${base}/index${ext}`);
  return list;
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

/** Joins and normalises `.`/`..` segments of forward-slash paths (ts-morph uses these). */
export function joinPath(directory: string, relative: string): string {
  const parts = (relative.startsWith('/') ? relative : `${directory}/${relative}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}
