import type { ModuleHost } from './libraries/values';
import type { WorkspaceFiles } from './workspace-files';

// Everything one file's analysis learned from outside its own text, so that a stored result can
// be reused exactly when none of it changed (`goodput check --cache`). Two kinds of fact:
//  - texts of other files: modules the value resolver read, files a workspace-wide scan looked at;
//  - answers to workspace questions that are cheap to ask again without parsing anything: the
//    import graph, module resolution, package versions, which files contain a needle.
// Recording answers rather than the files behind them keeps the check exact and cheap: "does this
// file reach axios?" depends on every module on the way, yet asking it again reads texts only.

export type WorkspaceQuery =
  | {
      kind: 'importsPackage' | 'importsPackageDirectly' | 'importsModuleMatching';
      file: string;
      pattern: RegExp;
      answer: boolean;
    }
  | { kind: 'packageMajor'; file: string; packageName: string; answer: number | undefined }
  /** `answer`: the scope's `scopeKey`. */
  | { kind: 'packageOf'; file: string; answer: string | undefined }
  | { kind: 'resolveModule'; file: string; specifier: string; answer: string | undefined }
  | { kind: 'filesContaining'; needle: string; answer: readonly string[] };

export class AnalysisDependencies {
  /** Other files' texts that were read: file → its text (undefined: there was no such file). */
  readonly texts = new Map<string, string | undefined>();
  readonly queries: WorkspaceQuery[] = [];
  private readonly asked = new Set<string>();

  read(fileName: string, text: string | undefined): void {
    if (!this.texts.has(fileName)) this.texts.set(fileName, text);
  }

  ask(query: WorkspaceQuery): void {
    const key = queryKey(query);
    if (this.asked.has(key)) return;
    this.asked.add(key);
    this.queries.push(query);
  }

  /** Adds what `other` depends on (a shared workspace fact this analysis used). */
  include(other: AnalysisDependencies): void {
    for (const [fileName, text] of other.texts) this.read(fileName, text);
    for (const query of other.queries) this.ask(query);
  }
}

export function queryKey(query: WorkspaceQuery): string {
  switch (query.kind) {
    case 'packageMajor':
      return `${query.kind}\0${query.file}\0${query.packageName}`;
    case 'resolveModule':
      return `${query.kind}\0${query.file}\0${query.specifier}`;
    case 'packageOf':
      return `${query.kind}\0${query.file}`;
    case 'filesContaining':
      return `${query.kind}\0${query.needle}`;
    default:
      return `${query.kind}\0${query.file}\0${query.pattern.source}\0${query.pattern.flags}`;
  }
}

/**
 * The module host the value resolver reads other files through, noting each read into the
 * analysis being recorded (when one is). The only door to other modules' trees and texts.
 */
export class RecordingModuleHost implements ModuleHost {
  recording: AnalysisDependencies | undefined;

  constructor(private readonly files: WorkspaceFiles) {}

  getSourceFile(fileName: string) {
    const sourceFile = this.files.getSourceFile(fileName);
    // The text, whether or not it was parsed: it also decides a module too large or too deep to parse.
    this.recording?.read(fileName, this.files.moduleText(fileName));
    return sourceFile;
  }

  resolveModule(fromFile: string, specifier: string): string | undefined {
    const answer = this.files.resolveModule(fromFile, specifier);
    this.recording?.ask({ kind: 'resolveModule', file: fromFile, specifier, answer });
    return answer;
  }

  mayExport(fileName: string, name: string): boolean {
    this.recording?.read(fileName, this.files.moduleText(fileName));
    return this.files.mayExport(fileName, name);
  }
}
