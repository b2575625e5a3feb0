import { ts } from '../typescript';
import { defaultConfig, isReported, type ResolvedConfig } from './config';
import { runRules, type ActiveRule } from './engine';
import { sourceFacts } from './facts/source-facts';
import { FileAnalysis } from './file-analysis';
import { ValueResolver } from './libraries/values';
import { PackageVersions } from './package-versions';
import { allRules } from './rules';
import type { RuleDefinition } from './rule';
import { applySuppressions } from './suppression-filter';
import type { FileResult } from './types';
import { WorkspaceFiles, type ReadFile } from './workspace-files';
import type { ResolvedDefaultsAssignment, WorkspaceIndex } from './workspace-index';

// The analysis entry point shared by the language server and the CLI. It owns the workspace's
// parsed files and answers "what is wrong with this file?" as plain data (FileResult).

export interface AnalyzerOptions {
  config?: ResolvedConfig;
  rules?: readonly RuleDefinition[];
  /** How to read workspace files that were not handed in (imports of analyzed files). */
  readFile?: ReadFile;
  /** Paths in messages are shown relative to this directory. */
  rootDir?: string;
}

export class Analyzer implements WorkspaceIndex {
  readonly files: WorkspaceFiles;
  readonly rules: readonly RuleDefinition[];
  private config: ResolvedConfig;
  private readonly values: ValueResolver;
  private readonly versions: PackageVersions;
  private readonly rootDir: string;
  private resolvedVersion = -1;
  private defaults: ResolvedDefaultsAssignment[] | undefined;
  /** `kind:needle` → file → the nodes of that kind in the file's text (as it was). */
  private readonly workspaceNodes = new Map<string, Map<string, { text: string; nodes: ts.Node[] }>>();
  private readonly workspaceNodeLists = new Map<string, { version: number; nodes: ts.Node[] }>();

  constructor(options: AnalyzerOptions = {}) {
    this.rules = options.rules ?? allRules;
    this.config = options.config ?? defaultConfig(this.rules);
    this.files = new WorkspaceFiles(options.readFile);
    this.values = new ValueResolver(this.files);
    // package.json and lockfiles: handed-in texts first (tests, open editors), then the disk.
    this.versions = new PackageVersions((path) => this.files.getText(path) ?? options.readFile?.(path));
    this.rootDir = (options.rootDir ?? '/').replace(/\/+$/, '');
  }

  setConfig(config: ResolvedConfig): void {
    this.config = config;
  }

  getConfig(): ResolvedConfig {
    return this.config;
  }

  setFile(fileName: string, text: string): void {
    this.files.setFile(fileName, text);
    if (isPackageFile(fileName)) this.versions.reset();
  }

  /** A package.json or lockfile changed on disk: versions are read again when next needed. */
  packageFilesChanged(): void {
    this.versions.reset();
  }

  removeFile(fileName: string): void {
    this.files.removeFile(fileName);
  }

  /** Analyzes `fileName` with `text` (or the text already known for it). */
  analyzeFile(fileName: string, text?: string): FileResult {
    const started = performance.now();
    const content = text ?? this.files.getText(fileName) ?? '';
    const skipped = skipReason(content, this.config.maxFileSizeKb);
    if (skipped) return { file: fileName, findings: [], policies: [], failures: [], skipped, analysisMs: 0 };
    this.files.setFile(fileName, content);
    this.refreshCaches();
    // Values hold nodes; a per-file cache keeps memory bounded by the trees actually in use.
    this.values.reset();
    const file = new FileAnalysis(fileName, content, () => this.files.tree(fileName)!, this.values, this);

    const active: ActiveRule[] = [];
    for (const rule of this.rules) {
      const setting = this.config.rules[rule.id];
      if (!setting || !isReported(setting.severity)) continue;
      active.push({ rule, options: setting.options, context: file.contextFor(rule, setting.severity) });
    }
    const failures = runRules(fileName, () => file.tree(), active);
    const { findings, policies } = file;
    for (const finding of findings) if (finding.policy) policies.push({ span: finding.span, policy: finding.policy });
    const reported = content.includes('goodput-ignore') ? applySuppressions(file.tree(), findings, this.config, this.rules) : findings;
    return { file: fileName, findings: reported, policies, failures, analysisMs: performance.now() - started };
  }

  // ── WorkspaceIndex ──────────────────────────────────────────────────────────────────────

  defaultsAssignments(): readonly ResolvedDefaultsAssignment[] {
    if (!this.defaults) {
      this.defaults = [];
      for (const fileName of this.files.filesContaining('.defaults')) {
        const sourceFile = this.files.getSourceFile(fileName);
        if (!sourceFile) continue;
        for (const assignment of sourceFacts(sourceFile).defaultsAssignments) {
          const target = this.values.resolve(assignment.target);
          if (target.kind === 'unknown') continue;
          this.defaults.push({ fileName, target, property: assignment.property, value: assignment.value });
        }
      }
    }
    return this.defaults;
  }

  packageMajor(fileName: string, packageName: string): number | undefined {
    return this.versions.majorVersion(fileName, packageName);
  }

  fileImportsPackage(fileName: string, pattern: RegExp): boolean {
    return this.files.importsPackage(fileName, pattern);
  }

  fileImportsPackageDirectly(fileName: string, pattern: RegExp): boolean {
    return this.files.importsPackageDirectly(fileName, pattern);
  }

  fileImportsModuleMatching(fileName: string, pattern: RegExp): boolean {
    return this.files.importsModuleMatching(fileName, pattern);
  }

  nodesInWorkspace(needle: string, kind: ts.SyntaxKind, mayContain?: (text: string) => boolean): readonly ts.Node[] {
    const key = `${kind}:${needle}`;
    // The same array while the workspace is unchanged: callers may memoise on its identity.
    const current = this.workspaceNodeLists.get(key);
    if (current && current.version === this.files.version) return current.nodes;
    let perFile = this.workspaceNodes.get(key);
    if (!perFile) this.workspaceNodes.set(key, (perFile = new Map()));
    const found: ts.Node[] = [];
    // Per file and text: after an edit only the edited file is walked again.
    for (const fileName of this.files.filesContaining(needle)) {
      const text = this.files.getText(fileName)!;
      let cached = perFile.get(fileName);
      if (!cached || cached.text !== text) {
        const nodes: ts.Node[] = [];
        const visit = (node: ts.Node): void => {
          if (node.kind === kind) nodes.push(node);
          ts.forEachChild(node, visit);
        };
        const sourceFile = !mayContain || mayContain(text) ? this.files.getSourceFile(fileName) : undefined;
        if (sourceFile) visit(sourceFile);
        perFile.set(fileName, (cached = { text, nodes }));
      }
      found.push(...cached.nodes);
    }
    this.workspaceNodeLists.set(key, { version: this.files.version, nodes: found });
    return found;
  }

  displayPath(fileName: string): string {
    const prefix = `${this.rootDir}/`;
    return fileName.startsWith(prefix) ? fileName.slice(prefix.length) : fileName;
  }

  private refreshCaches(): void {
    if (this.resolvedVersion === this.files.version) return;
    this.resolvedVersion = this.files.version;
    this.values.reset();
    this.defaults = undefined;
  }
}

/** package.json and lockfiles: what package versions are read from. */
export function isPackageFile(fileName: string): boolean {
  return /(?:^|\/)(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock)$/.test(fileName);
}

function skipReason(text: string, maxFileSizeKb: number): string | undefined {
  const sizeKb = text.length / 1024;
  if (sizeKb > maxFileSizeKb) {
    return `skipped: ${Math.round(sizeKb)} KiB is above maxFileSizeKb (${maxFileSizeKb} KiB)`;
  }
  if (text.includes('\u0000')) return 'skipped: not a text file (contains NUL bytes)';
  return undefined;
}
