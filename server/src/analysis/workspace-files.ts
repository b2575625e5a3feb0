import { Project, ts } from 'ts-morph';
import type { ModuleHost } from './libraries/values';

// The set of workspace files the analyzer knows, parsed and held by a ts-morph project (in
// memory: the core never touches the disk itself). Files that are imported but not yet loaded
// are read on demand through the `readFile` the adapter supplies.

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
  return SOURCE_EXTENSIONS.some((extension) => fileName.endsWith(extension)) && !fileName.endsWith('.d.ts');
}

export class WorkspaceFiles implements ModuleHost {
  private readonly project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ES2022, noLib: true },
  });
  private readonly texts = new Map<string, string>();
  /** Files looked up on disk and not found, so we do not ask again until the workspace changes. */
  private readonly missing = new Set<string>();
  private generation = 0;

  constructor(private readonly readFile: ReadFile = () => undefined) {}

  /** Increases whenever any file's content changes: cross-file caches key on it. */
  get version(): number {
    return this.generation;
  }

  setFile(fileName: string, text: string): ts.SourceFile {
    const existing = this.project.getSourceFile(fileName);
    if (existing && this.texts.get(fileName) === text) return existing.compilerNode;
    this.texts.set(fileName, text);
    this.missing.delete(fileName);
    this.generation++;
    return this.project.createSourceFile(fileName, text, { overwrite: true, scriptKind: scriptKindOf(fileName) }).compilerNode;
  }

  removeFile(fileName: string): void {
    const existing = this.project.getSourceFile(fileName);
    if (existing) this.project.removeSourceFile(existing);
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

  getSourceFile(fileName: string): ts.SourceFile | undefined {
    if (this.texts.has(fileName)) return this.project.getSourceFile(fileName)?.compilerNode;
    if (this.missing.has(fileName) || !isAnalyzableFile(fileName)) return undefined;
    const text = this.readFile(fileName);
    if (text === undefined) {
      this.missing.add(fileName);
      return undefined;
    }
    return this.setFile(fileName, text);
  }

  resolveModule(fromFile: string, specifier: string): string | undefined {
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) return undefined;
    const base = joinPath(dirname(fromFile), specifier);
    for (const candidate of candidates(base)) {
      if (this.getSourceFile(candidate)) return candidate;
    }
    // A relative import we cannot find is still not a package: say "workspace, unknown".
    return `${base}#unresolved`;
  }

  /** The ts-morph project, for the few places that need the type checker (lazily). */
  get morphProject(): Project {
    return this.project;
  }
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
