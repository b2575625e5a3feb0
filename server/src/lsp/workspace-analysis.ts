import { readFileSync } from 'node:fs';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../analysis';
import { AnalysisDependencies } from '../analysis/analysis-dependencies';
import { toDiagnostic } from './diagnostics';
import { uriOfPath } from './paths';

// Whole-workspace analysis for the editor: "Goodput: Analyze Workspace" (once, on request) and
// `goodput.scope: "workspace"` (kept up to date). Files open in the editor belong to the
// GoodputService (it analyzes the editor's text, debounced); this publishes the diagnostics of
// every other indexed file, so they appear in the Problems view. Progress is LSP work-done
// progress created by the server, so any LSP client shows it and can cancel it.

/** The server-side command the client's `goodput.analyzeWorkspace` executes (workspace/executeCommand). */
export const ANALYZE_WORKSPACE_COMMAND = 'goodput.server.analyzeWorkspace';

export type AnalysisScope = 'openFiles' | 'workspace';

export interface WorkspaceFolderState {
  root: string;
  analyzer: Analyzer;
  settings: { enable: boolean };
  /** Why the folder's config leaves a file out, if it does (excluded-files.ts). */
  excluded(file: string): string | undefined;
}

export interface WorkspaceAnalysisHooks {
  folders(): readonly WorkspaceFolderState[];
  /** URIs of the documents open in the editor (the service owns their diagnostics). */
  openUris(): ReadonlySet<string>;
  /** `goodput.scope` of the workspace. */
  scope(): Promise<AnalysisScope>;
  /** Waits until the folders' files are indexed (cross-module facts complete). */
  ready(): Promise<void>;
}

export interface WorkspaceAnalysisSummary {
  fileCount: number;
  findingCount: number;
  /** Files whose published diagnostics still held (nothing they depend on changed): not analyzed again. */
  reusedCount: number;
  cancelled: boolean;
}

/** What a file's published diagnostics were computed from. */
interface Published {
  text: string;
  dependencies: AnalysisDependencies;
  findingCount: number;
}

/** Files analyzed between yields to the event loop (progress and cancellation get through). */
const CHUNK_FILES = 25;

export class WorkspaceAnalysis {
  /** URIs whose diagnostics this published (to clear them when the scope narrows). */
  private readonly published = new Set<string>();
  /**
   * Per file, what its published diagnostics were computed from: a later run skips the files whose
   * text and dependencies are unchanged (a save re-analyzes what it can affect, not the workspace).
   */
  private readonly current = new Map<string, Published>();
  private running: Promise<WorkspaceAnalysisSummary> | undefined;
  private again = false;

  constructor(
    private readonly connection: Connection,
    private readonly hooks: WorkspaceAnalysisHooks,
  ) {}

  /** Analyzes every indexed file that is not open, with progress; one run at a time. */
  run(): Promise<WorkspaceAnalysisSummary> {
    if (this.running) {
      // Files changed during this run: go once more when it ends, with their new texts.
      this.again = true;
      return this.running;
    }
    this.running = this.analyzeAll().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.running;
  }

  /** After a configuration change: `workspace` scope keeps the Problems view complete; `openFiles` clears it. */
  async configurationChanged(): Promise<void> {
    this.current.clear(); // another config: every result may differ
    if ((await this.hooks.scope()) === 'workspace') await this.run();
    else this.clear();
  }

  /**
   * The folders were indexed, or files changed on disk: in `workspace` scope, bring the Problems
   * view up to date (what a change can affect is analyzed again). In `openFiles` scope nothing
   * happens: what an explicit run published stays until the next run or configuration change.
   */
  async refresh(): Promise<void> {
    if ((await this.hooks.scope()) === 'workspace') await this.run();
  }

  /** A closed document goes back to its on-disk result (the service has just cleared it). */
  async documentClosed(uri: string): Promise<void> {
    if (!this.published.has(uri) && (await this.hooks.scope()) !== 'workspace') return;
    for (const folder of this.hooks.folders()) {
      const file = folder.analyzer.files.fileNames().find((name) => uriOfPath(name) === uri);
      if (!file) continue;
      // The analyzer still holds the editor's last text, which may never have been saved.
      const onDisk = readText(file);
      if (onDisk === undefined) folder.analyzer.removeFile(file);
      else folder.analyzer.setFile(file, onDisk);
      this.current.delete(file); // the service cleared its diagnostics: publish them again
      this.publishFile(folder, file);
    }
  }

  clear(): void {
    const open = this.hooks.openUris();
    for (const uri of this.published)
      if (!open.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.clear();
    this.current.clear();
  }

  private async analyzeAll(): Promise<WorkspaceAnalysisSummary> {
    await this.hooks.ready();
    const progress = await this.connection.window.createWorkDoneProgress();
    const open = this.hooks.openUris();
    const work = this.hooks
      .folders()
      .filter((folder) => folder.settings.enable)
      // Each file after the modules it imports: their trees are still cached (analysis-order.ts).
      .flatMap((folder) => {
        const files = folder.analyzer.analysisOrder(folder.analyzer.files.fileNames());
        return files.map((file) => ({ folder, file }));
      })
      // Files read because another imports them can be ones the config leaves out.
      .filter(({ folder, file }) => !open.has(uriOfPath(file)) && !folder.excluded(file));
    progress.begin('Goodput: analyzing the workspace', 0, `0/${work.length} files`, true);
    let findingCount = 0;
    let reusedCount = 0;
    let done = 0;
    for (; done < work.length; done++) {
      if (done % CHUNK_FILES === 0 && done > 0) {
        progress.report(Math.floor((done * 100) / work.length), `${done}/${work.length} files`);
        await new Promise((resolve) => setImmediate(resolve));
        if (progress.token.isCancellationRequested) break;
      }
      const { folder, file } = work[done]!;
      // Opened meanwhile: the service publishes the editor's version.
      if (this.hooks.openUris().has(uriOfPath(file))) continue;
      const last = this.current.get(file);
      if (last && last.text === folder.analyzer.files.getText(file) && folder.analyzer.stillHolds(last.dependencies)) {
        findingCount += last.findingCount;
        reusedCount++;
        continue;
      }
      findingCount += this.publishFile(folder, file);
    }
    progress.done();
    return { fileCount: done, findingCount, reusedCount, cancelled: done < work.length };
  }

  /** Publishes one on-disk file's diagnostics; returns how many there are. */
  private publishFile(folder: WorkspaceFolderState, file: string): number {
    const text = folder.analyzer.files.getText(file);
    this.current.delete(file);
    if (text === undefined) return 0;
    const uri = uriOfPath(file);
    let diagnostics: Diagnostic[] = [];
    const dependencies = new AnalysisDependencies();
    try {
      const document = TextDocument.create(uri, 'typescript', 0, text);
      const result = folder.analyzer.analyzeFile(file, undefined, dependencies);
      diagnostics = result.findings.map((finding) => toDiagnostic(finding, document));
      if (result.failures.length === 0) this.current.set(file, { text, dependencies, findingCount: diagnostics.length });
    } catch {
      // Analysis never throws on user code; an engine bug here must not stop the other files.
      return 0;
    }
    if (diagnostics.length > 0 || this.published.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics });
    if (diagnostics.length > 0) this.published.add(uri);
    else this.published.delete(uri);
    return diagnostics.length;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function scopeOf(value: unknown): AnalysisScope {
  return value === 'workspace' ? 'workspace' : 'openFiles';
}
