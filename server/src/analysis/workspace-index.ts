import type { ts } from '../typescript';
import type { Value } from './libraries/values';
import type { PackageScope } from './package-scopes';

// Workspace-wide facts a rule may need beyond its own file. Computed lazily by the analyzer
// and invalidated whenever any workspace file changes.

/** `<target>.defaults.<property> = <value>` somewhere in the workspace, with the target resolved. */
export interface ResolvedDefaultsAssignment {
  fileName: string;
  target: Value;
  property: string;
  value: ts.Expression;
}

export interface WorkspaceIndex {
  defaultsAssignments(): readonly ResolvedDefaultsAssignment[];
  /**
   * The major version of `packageName` that `fileName` runs against: from the nearest lockfile
   * (npm, pnpm, yarn), else the nearest package.json's range; undefined when nothing says.
   */
  packageMajor(fileName: string, packageName: string): number | undefined;
  /**
   * Whether the file, or a workspace module it imports transitively, imports a package whose
   * specifier matches `pattern` (`node:` stripped). Use a stable (module-level) RegExp: answers
   * are memoised per pattern.
   */
  fileImportsPackage(fileName: string, pattern: RegExp): boolean;
  /**
   * The package the file belongs to: its nearest package.json's directory, name and dependencies;
   * undefined when no package.json lies above it.
   */
  packageOf(fileName: string): PackageScope | undefined;
  /** Whether the file itself imports a package whose specifier matches `pattern` (`node:` stripped). */
  fileImportsPackageDirectly(fileName: string, pattern: RegExp): boolean;
  /**
   * Whether the file imports a workspace module whose text matches `pattern` (read, not parsed):
   * itself, or through barrels that re-export it.
   */
  fileImportsModuleMatching(fileName: string, pattern: RegExp): boolean;
  /**
   * Nodes of `kind` anywhere in the workspace, from the files whose text contains `needle` (a cheap
   * filter: pick a rare word such as `setGlobalDispatcher`) and, when given, passes `mayContain` —
   * a necessary condition on the text, so that files that cannot hold such a node are never
   * parsed. Pass the same (module-level) function for a needle every time. Linked trees; cached
   * per file text.
   */
  nodesInWorkspace(needle: string, kind: ts.SyntaxKind, mayContain?: (text: string) => boolean): readonly ts.Node[];
  /** A path for messages: relative to the workspace root, forward slashes. */
  displayPath(fileName: string): string;
}
