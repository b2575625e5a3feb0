import { ts } from '../typescript';
import { AnalysisDependencies, RecordingModuleHost, type WorkspaceQuery } from './analysis-dependencies';
import { defaultConfig, isReported, type ResolvedConfig } from './config';
import { runRules, type ActiveRule } from './engine';
import { dependenciesFirst } from './analysis-order';
import { sourceFacts } from './facts/source-facts';
import { FileAnalysis } from './file-analysis';
import { ValueResolver } from './libraries/values';
import { PackageScopes, scopeKey, type PackageScope } from './package-scopes';
import { PackageVersions } from './package-versions';
import { allRules } from './rules';
import type { RuleDefinition } from './rule';
import { applySuppressions } from './suppression-filter';
import type { Finding, FileResult, RuleFailure } from './types';
import { WorkspaceFiles, type ReadFile } from './workspace-files';
import { isStackOverflow, skipReason, TOO_DEEP, tooDeep } from './skip-reasons';
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
  /** The module host of every value resolver: it notes the reads of the analysis being recorded. */
  private readonly host: RecordingModuleHost;
  /** What the analysis in progress depends on, when its caller asked (see analysis-dependencies.ts). */
  private recording: AnalysisDependencies | undefined;
  private readonly versions: PackageVersions;
  private readonly scopes: PackageScopes;
  private readonly rootDir: string;
  private resolvedVersion = -1;
  private defaults: { assignments: ResolvedDefaultsAssignment[]; dependencies: AnalysisDependencies } | undefined;
  /** `kind:needle` → file → the nodes of that kind in the file's text (as it was). */
  private readonly workspaceNodes = new Map<string, Map<string, { text: string; nodes: ts.Node[] }>>();
  private readonly workspaceNodeLists = new Map<string, { version: number; nodes: ts.Node[] }>();

  constructor(options: AnalyzerOptions = {}) {
    this.rules = options.rules ?? allRules;
    this.config = options.config ?? defaultConfig(this.rules);
    this.files = new WorkspaceFiles(options.readFile);
    this.files.setMaxFileSizeKb(this.config.maxFileSizeKb);
    this.host = new RecordingModuleHost(this.files);
    this.values = new ValueResolver(this.host);
    // package.json and lockfiles: handed-in texts first (tests, open editors), then the disk.
    const readPackageFile: ReadFile = (path) => this.files.getText(path) ?? options.readFile?.(path);
    this.versions = new PackageVersions(readPackageFile);
    this.scopes = new PackageScopes(readPackageFile);
    this.rootDir = withoutTrailingSlashes(options.rootDir ?? '/');
  }

  setConfig(config: ResolvedConfig): void {
    this.config = config;
    this.files.setMaxFileSizeKb(config.maxFileSizeKb);
  }

  getConfig(): ResolvedConfig {
    return this.config;
  }

  setFile(fileName: string, text: string): void {
    this.files.setFile(fileName, text);
    if (isPackageFile(fileName)) this.packageFilesChanged();
  }

  /** A package.json or lockfile changed on disk: versions and package scopes are read again when next needed. */
  packageFilesChanged(): void {
    this.versions.reset();
    this.scopes.reset();
  }

  /** `files` in the order a batch run analyzes them fastest: each after the modules it imports. */
  analysisOrder(files: readonly string[]): string[] {
    return dependenciesFirst(files, (file) => this.files.workspaceImportsOf(file));
  }

  removeFile(fileName: string): void {
    this.files.removeFile(fileName);
  }

  /**
   * Analyzes `fileName` with `text` (or the text already known for it). With `dependencies`, also
   * records there what the result depends on besides the file's own text and the config.
   */
  analyzeFile(fileName: string, text?: string, dependencies?: AnalysisDependencies): FileResult {
    this.recording = this.host.recording = dependencies;
    try {
      return this.analyze(fileName, text);
    } finally {
      this.recording = this.host.recording = undefined;
    }
  }

  /**
   * Whether an analysis that recorded `dependencies` would still give the same result, the file's
   * own text and the config being unchanged: every text it read is the same, every answer too.
   */
  stillHolds(dependencies: AnalysisDependencies): boolean {
    for (const [fileName, text] of dependencies.texts) if (this.files.moduleText(fileName) !== text) return false;
    return dependencies.queries.every((query) => this.stillAnswers(query));
  }

  /**
   * Whether `query` still has the recorded answer. Asking reads texts only (the import graph,
   * module resolution, package files, the needle index), never parses.
   */
  stillAnswers(query: WorkspaceQuery): boolean {
    switch (query.kind) {
      case 'importsPackage':
        return this.files.importsPackage(query.file, query.pattern) === query.answer;
      case 'importsPackageDirectly':
        return this.files.importsPackageDirectly(query.file, query.pattern) === query.answer;
      case 'importsModuleMatching':
        return this.files.importsModuleMatching(query.file, query.pattern) === query.answer;
      case 'packageMajor':
        return this.versions.majorVersion(query.file, query.packageName) === query.answer;
      case 'packageOf':
        return scopeKey(this.scopes.of(query.file)) === query.answer;
      case 'resolveModule':
        return this.files.resolveModule(query.file, query.specifier) === query.answer;
      case 'filesContaining':
        return sameList(this.files.filesContaining(query.needle), query.answer);
    }
  }

  private analyze(fileName: string, text: string | undefined): FileResult {
    const started = performance.now();
    const content = text ?? this.files.getText(fileName) ?? '';
    const skipped = skipReason(content, this.config.maxFileSizeKb);
    if (skipped) return { file: fileName, findings: [], policies: [], failures: [], skipped, analysisMs: 0 };
    this.files.setFile(fileName, content);
    this.refreshCaches();
    // Values hold nodes; a per-file cache keeps memory bounded by the trees actually in use.
    this.values.reset();
    const parse = () => this.files.tree(fileName) ?? tooDeep();
    const file = new FileAnalysis(fileName, content, parse, this.values, this);

    const active: ActiveRule[] = [];
    for (const rule of this.rules) {
      const setting = this.config.rules[rule.id];
      if (!setting || !isReported(setting.severity)) continue;
      active.push({ rule, options: setting.options, context: file.contextFor(rule, setting.severity) });
    }
    let failures: RuleFailure[];
    let reported: Finding[];
    try {
      failures = runRules(fileName, () => file.tree(), active);
      reported = content.includes('goodput-ignore') ? applySuppressions(file.tree(), file.findings, this.config, this.rules) : file.findings;
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      return { file: fileName, findings: [], policies: [], failures: [], skipped: TOO_DEEP, analysisMs: performance.now() - started };
    }
    const { policies } = file;
    for (const finding of file.findings) if (finding.policy) policies.push({ span: finding.span, policy: finding.policy });
    return { file: fileName, findings: reported, policies, failures, analysisMs: performance.now() - started };
  }

  // ── WorkspaceIndex ──────────────────────────────────────────────────────────────────────

  defaultsAssignments(): readonly ResolvedDefaultsAssignment[] {
    this.defaults ??= this.findDefaultsAssignments();
    this.recording?.include(this.defaults.dependencies);
    return this.defaults.assignments;
  }

  /**
   * Computed once per workspace version and shared by later analyses, so it records its own
   * dependencies, with a resolver of its own: values the current analysis already cached would
   * hide reads that a later analysis using these assignments also depends on.
   */
  private findDefaultsAssignments(): NonNullable<Analyzer['defaults']> {
    const dependencies = new AnalysisDependencies();
    const outer = this.host.recording;
    this.host.recording = dependencies;
    try {
      const values = new ValueResolver(this.host);
      const assignments: ResolvedDefaultsAssignment[] = [];
      for (const fileName of this.filesContaining('.defaults', dependencies)) {
        const sourceFile = this.files.getSourceFile(fileName);
        if (!sourceFile) continue;
        for (const assignment of sourceFacts(sourceFile).defaultsAssignments) {
          const target = values.resolve(assignment.target);
          if (target.kind === 'unknown') continue;
          assignments.push({ fileName, target, property: assignment.property, value: assignment.value });
        }
      }
      return { assignments, dependencies };
    } finally {
      this.host.recording = outer;
    }
  }

  packageMajor(fileName: string, packageName: string): number | undefined {
    const answer = this.versions.majorVersion(fileName, packageName);
    this.recording?.ask({ kind: 'packageMajor', file: fileName, packageName, answer });
    return answer;
  }

  packageOf(fileName: string): PackageScope | undefined {
    const scope = this.scopes.of(fileName);
    this.recording?.ask({ kind: 'packageOf', file: fileName, answer: scopeKey(scope) });
    return scope;
  }

  fileImportsPackage(fileName: string, pattern: RegExp): boolean {
    const answer = this.files.importsPackage(fileName, pattern);
    this.recording?.ask({ kind: 'importsPackage', file: fileName, pattern, answer });
    return answer;
  }

  fileImportsPackageDirectly(fileName: string, pattern: RegExp): boolean {
    const answer = this.files.importsPackageDirectly(fileName, pattern);
    this.recording?.ask({ kind: 'importsPackageDirectly', file: fileName, pattern, answer });
    return answer;
  }

  fileImportsModuleMatching(fileName: string, pattern: RegExp): boolean {
    const answer = this.files.importsModuleMatching(fileName, pattern);
    this.recording?.ask({ kind: 'importsModuleMatching', file: fileName, pattern, answer });
    return answer;
  }

  nodesInWorkspace(needle: string, kind: ts.SyntaxKind, mayContain?: (text: string) => boolean): readonly ts.Node[] {
    const key = `${kind}:${needle}`;
    const files = this.filesContaining(needle, this.recording); // a recording depends on the list even when cached
    // The same array while the workspace is unchanged: callers may memoise on its identity.
    const current = this.workspaceNodeLists.get(key);
    if (current && current.version === this.files.version) return current.nodes;
    let perFile = this.workspaceNodes.get(key);
    if (!perFile) this.workspaceNodes.set(key, (perFile = new Map()));
    const found: ts.Node[] = [];
    // Per file and text: after an edit only the edited file is walked again.
    for (const fileName of files) {
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

  /** The files that contain `needle`; a recording depends on that list and on their texts. */
  private filesContaining(needle: string, recording: AnalysisDependencies | undefined): readonly string[] {
    const files = this.files.filesContaining(needle);
    if (recording) {
      recording.ask({ kind: 'filesContaining', needle, answer: files });
      for (const fileName of files) recording.read(fileName, this.files.getText(fileName));
    }
    return files;
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

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** package.json and lockfiles: what package versions are read from. */
export function isPackageFile(fileName: string): boolean {
  return /(?:^|\/)(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock)$/.test(fileName);
}

function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}
