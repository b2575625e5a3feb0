import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type FileResult } from '../analysis';
import { AnalysisDependencies } from '../analysis/analysis-dependencies';
import { isAboveSizeLimit } from '../analysis/skip-reasons';
import { fixAll, minimalEdit } from '../analysis/fixes/fix-all';
import { exclusionCheck, IGNORED_AS_MIGRATION, IGNORED_AS_TEST, type ExclusionCheck } from '../cli/excluded-files';
import type { StatusParams } from '../protocol';
import { toDiagnostic } from './diagnostics';
import { DEFAULT_SETTINGS, loadFolderConfig, type EditorSettings } from './folder-config';
import { isInside, pathOfUri, uriOfPath } from './paths';

// The language server's state: one Analyzer per workspace folder (its files, its config), the
// last result per open document (for hover), and the debounced analysis of edited documents.

export interface ServiceHooks {
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  status(params: StatusParams): void;
  log(message: string): void;
  settingsFor(uri: string): Promise<EditorSettings>;
  /** Lists a folder's source files (respecting .gitignore and what the config leaves out); `warn` hears of .gitignore lines not applied. */
  discover(root: string, excluded: ExclusionCheck, warn: (message: string) => void): Promise<string[]>;
  openDocuments(): readonly TextDocument[];
}

interface Folder {
  root: string;
  analyzer: Analyzer;
  settings: EditorSettings;
  /** What the folder's config leaves out (ignore globs, tests): no diagnostics there, as in the CLI. */
  excluded: ExclusionCheck;
}

interface LastResult {
  version: number;
  result: FileResult;
  /** What the result depends on beyond the document's text: decides whether a change elsewhere re-analyzes it. */
  dependencies: AnalysisDependencies;
}

const INDEX_CHUNK_FILES = 100;

export class GoodputService {
  private readonly folders = new Map<string, Folder>();
  private readonly results = new Map<string, LastResult>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Problems already told to the user: each is said once. */
  private readonly told = new Set<string>();
  private readonly fallback: Folder;

  constructor(private readonly hooks: ServiceHooks) {
    this.fallback = this.createFolder('/');
  }

  async setFolders(roots: readonly string[]): Promise<void> {
    for (const root of [...this.folders.keys()]) if (!roots.includes(root)) this.folders.delete(root);
    await Promise.all(roots.filter((root) => !this.folders.has(root)).map((root) => this.addFolder(root)));
  }

  /** Re-reads settings and goodput.json of every folder, then re-analyzes the open documents. */
  async reloadConfiguration(): Promise<void> {
    for (const folder of [this.fallback, ...this.folders.values()]) await this.configure(folder);
    this.reanalyzeOpenDocuments(0);
  }

  schedule(document: TextDocument, delayMs?: number): void {
    const folder = this.folderFor(pathOfUri(document.uri));
    clearTimeout(this.timers.get(document.uri));
    const delay = delayMs ?? folder.settings.debounceMs;
    this.timers.set(document.uri, setTimeout(() => {
      this.timers.delete(document.uri);
      this.analyze(document.uri);
    }, delay));
  }

  close(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.results.delete(uri);
    this.hooks.publish(uri, 0, []);
  }

  /** Analyzes the current version of an open document and publishes its diagnostics. */
  analyze(uri: string): void {
    const document = this.hooks.openDocuments().find((candidate) => candidate.uri === uri);
    if (!document) return;
    const fileName = pathOfUri(uri);
    const folder = this.folderFor(fileName);
    if (!folder.settings.enable) {
      this.hooks.publish(uri, document.version, []);
      return;
    }
    const exclusion = folder.excluded(fileName);
    if (exclusion) {
      this.results.delete(uri);
      this.hooks.publish(uri, document.version, []);
      this.hooks.status({ state: 'ready', text: exclusionLabel(exclusion), detail: `Not analyzed: ${exclusion}` });
      // Not reported on, but its text still counts for the open files that import it.
      if (folder.analyzer.files.getText(fileName) !== document.getText()) {
        folder.analyzer.setFile(fileName, document.getText());
        this.reanalyzeDependents(folder, folder.settings.debounceMs * 2, uri);
      }
      return;
    }
    this.hooks.status({ state: 'analyzing', text: 'analyzing…' });
    const text = document.getText();
    const changed = folder.analyzer.files.getText(fileName) !== text;
    let result: FileResult;
    const dependencies = new AnalysisDependencies();
    try {
      result = folder.analyzer.analyzeFile(fileName, text, dependencies);
    } catch (error) {
      this.tellOnce(`analysis of ${fileName} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`, 'error');
      return;
    }
    this.results.set(uri, { version: document.version, result, dependencies });
    this.hooks.publish(uri, document.version, result.findings.map((finding) => toDiagnostic(finding, document)));
    if (result.skipped) this.tellOnce(`${fileName}: ${result.skipped}`, 'warning');
    for (const failure of result.failures) this.tellOnce(`rule ${failure.ruleId} failed on ${failure.file}: ${failure.message}`, 'warning');
    this.hooks.status({
      state: 'ready',
      text: `${result.analysisMs.toFixed(1)} ms`,
      lastAnalysisMs: result.analysisMs,
      fileCount: folder.analyzer.files.fileNames().length,
    });
    // A change here can change the effective policy of calls in other open files: those whose
    // last analysis read this file or asked something whose answer it changes.
    // (A skipped file is not kept by the analyzer, so it always looks changed: it cannot affect others.)
    if (changed && !result.skipped) this.reanalyzeDependents(folder, folder.settings.debounceMs * 2, uri);
  }

  /** Each workspace folder's analyzer and settings, for whole-workspace analysis (workspace-analysis.ts). */
  workspaceFolders(): ReadonlyArray<{ root: string; analyzer: Analyzer; settings: EditorSettings; excluded: ExclusionCheck }> {
    return [...this.folders.values()];
  }

  lastResult(uri: string, version: number): FileResult | undefined {
    const last = this.results.get(uri);
    return last && last.version === version ? last.result : undefined;
  }

  /** The edit that applies every safe fix in the document (for `source.fixAll.goodput`). */
  fixAllEdit(document: TextDocument): { start: number; end: number; newText: string } | undefined {
    const fileName = pathOfUri(document.uri);
    const folder = this.folderFor(fileName);
    const before = document.getText();
    const { text } = fixAll(folder.analyzer, fileName, before);
    return text === before ? undefined : minimalEdit(before, text);
  }

  sourceFileOf(document: TextDocument) {
    const fileName = pathOfUri(document.uri);
    const analyzer = this.folderFor(fileName).analyzer;
    analyzer.setFile(fileName, document.getText());
    return analyzer.files.getSourceFile(fileName);
  }

  /** A package.json or lockfile changed: library versions (and so some defaults) may differ. */
  packageFilesChanged(): void {
    for (const folder of [this.fallback, ...this.folders.values()]) {
      folder.analyzer.packageFilesChanged();
      this.reanalyzeDependents(folder, 0);
    }
  }

  /** Files changed on disk (not open in the editor): refresh the workspace's view of them. */
  filesChanged(paths: readonly { path: string; deleted: boolean }[]): void {
    const open = new Set(this.hooks.openDocuments().map((document) => pathOfUri(document.uri)));
    const touched = new Set<Folder>();
    for (const { path, deleted } of paths) {
      if (open.has(path)) continue;
      const folder = this.folderFor(path);
      touched.add(folder);
      if (deleted) folder.analyzer.removeFile(path);
      else {
        const text = readText(path);
        if (text !== undefined) folder.analyzer.setFile(path, text);
      }
    }
    for (const folder of touched) this.reanalyzeDependents(folder, 0);
  }

  private async addFolder(root: string): Promise<void> {
    const folder = this.createFolder(root);
    this.folders.set(root, folder);
    await this.configure(folder);
    await this.index(folder);
    this.reanalyzeOpenDocuments(0);
  }

  private createFolder(root: string): Folder {
    // Nothing is left out until the folder's config is read (configure), nor ever outside every
    // workspace folder: there is no project there.
    const excluded = () => undefined;
    return { root, analyzer: new Analyzer({ rootDir: root, readFile: readText }), settings: DEFAULT_SETTINGS, excluded };
  }

  private async configure(folder: Folder): Promise<void> {
    folder.settings = await this.hooks.settingsFor(folder.root === '/' ? '' : uriOfPath(folder.root));
    if (folder.root === '/') return;
    const { config, errors } = loadFolderConfig(folder.root, folder.settings);
    folder.analyzer.setConfig(config);
    folder.excluded = exclusionCheck(config, folder.root);
    for (const error of errors) this.tellOnce(error, 'warning');
  }

  /** Loads the folder's files so cross-module facts (instances, defaults) are complete. */
  private async index(folder: Folder): Promise<void> {
    this.hooks.status({ state: 'indexing', text: 'indexing…' });
    let files: string[];
    try {
      files = await this.hooks.discover(folder.root, folder.excluded, (message) => this.tellOnce(message, 'warning'));
    } catch (error) {
      this.tellOnce(`could not list the files of ${folder.root}: ${error instanceof Error ? error.message : String(error)}`, 'warning');
      return;
    }
    const { maxFileSizeKb } = folder.analyzer.getConfig();
    for (let index = 0; index < files.length; index += INDEX_CHUNK_FILES) {
      for (const file of files.slice(index, index + INDEX_CHUNK_FILES)) {
        if (folder.analyzer.files.hasFile(file)) continue;
        const text = readText(file);
        if (text !== undefined && !isAboveSizeLimit(text, maxFileSizeKb)) folder.analyzer.setFile(file, text);
      }
      await new Promise((resolve) => setImmediate(resolve)); // stay responsive while indexing
    }
    this.hooks.log(`indexed ${files.length} files in ${folder.root}`);
    this.hooks.status({ state: 'ready', text: `${files.length} files`, fileCount: files.length });
  }

  private folderFor(fileName: string): Folder {
    let best: Folder | undefined;
    for (const folder of this.folders.values()) {
      if (isInside(fileName, folder.root) && (!best || folder.root.length > best.root.length)) best = folder;
    }
    return best ?? this.fallback;
  }

  private reanalyzeOpenDocuments(delayMs: number): void {
    for (const document of this.hooks.openDocuments()) this.schedule(document, delayMs);
  }

  /**
   * After a change in `folder`'s files: the open documents of that folder whose last result may
   * no longer hold (see Analyzer.stillHolds). Other folders have analyzers of their own.
   */
  private reanalyzeDependents(folder: Folder, delayMs: number, except?: string): void {
    for (const document of this.hooks.openDocuments()) {
      if (document.uri === except || this.folderFor(pathOfUri(document.uri)) !== folder) continue;
      const last = this.results.get(document.uri);
      if (last && last.result.failures.length === 0 && folder.analyzer.stillHolds(last.dependencies)) continue;
      this.schedule(document, delayMs);
    }
  }

  private tellOnce(message: string, state: 'warning' | 'error'): void {
    if (this.told.has(message)) return;
    this.told.add(message);
    this.hooks.log(`${state}: ${message}`);
    this.hooks.status({ state, text: state === 'error' ? 'error' : 'problem', detail: message });
  }
}

function exclusionLabel(reason: string): string {
  if (reason === IGNORED_AS_TEST) return 'test file, not analyzed';
  if (reason === IGNORED_AS_MIGRATION) return 'migration, not analyzed';
  return 'ignored by the config';
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
