import { DEPENDENCY_FIELDS, parentDir, parseJson } from './package-versions';
import type { ReadFile } from './workspace-files';

// Which package of the workspace a source file belongs to: the directory of its nearest
// package.json, that manifest's name and the packages it depends on. A workspace-wide fact that
// only holds inside one package — a middleware that puts a signal on every request — reaches the
// files of that package and of the packages that depend on it, not a monorepo's other services.
// Read through the adapter's `readFile`: no IO here.

export interface PackageScope {
  /** The directory of the package.json. */
  readonly dir: string;
  /** The manifest's `name`, when it has one. */
  readonly name: string | undefined;
  /** Every package name the manifest depends on, in any dependency field. */
  readonly dependencies: ReadonlySet<string>;
}

export class PackageScopes {
  /** directory → the package it lies in (null: none, up to the file system's root). */
  private readonly byDir = new Map<string, PackageScope | null>();

  constructor(private readonly readFile: ReadFile) {}

  /** Forget what was read (a package.json changed). */
  reset(): void {
    this.byDir.clear();
  }

  /** The package `fileName` belongs to; undefined when no package.json lies above it. */
  of(fileName: string): PackageScope | undefined {
    return this.inDirectory(parentDir(fileName)) ?? undefined;
  }

  private inDirectory(dir: string | undefined): PackageScope | null {
    if (dir === undefined) return null;
    const known = this.byDir.get(dir);
    if (known !== undefined) return known;
    const text = this.readFile(`${dir}/package.json`);
    const scope = text === undefined ? this.inDirectory(parentDir(dir)) : manifestScope(dir, text);
    this.byDir.set(dir, scope);
    return scope;
  }
}

/**
 * Whether what a file of `source` sets up applies to the files of `target`: the same package (or
 * neither lies in one), or `target` depends on `source` by name — a shared middleware package.
 */
export function appliesTo(source: PackageScope | undefined, target: PackageScope | undefined): boolean {
  if (source?.dir === target?.dir) return true;
  return !!source?.name && !!target?.dependencies.has(source.name);
}

/** A stable text for a scope: recorded answers compare equal exactly when the scope is the same. */
export function scopeKey(scope: PackageScope | undefined): string | undefined {
  return scope && `${scope.dir}\0${scope.name ?? ''}\0${[...scope.dependencies].sort().join(',')}`;
}

function manifestScope(dir: string, text: string): PackageScope {
  // A package.json being edited still marks its package; it just names nothing yet.
  const manifest = parseJson(text) ?? {};
  const dependencies = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const entries = manifest[field];
    if (entries && typeof entries === 'object') for (const name of Object.keys(entries)) dependencies.add(name);
  }
  return { dir, name: typeof manifest.name === 'string' ? manifest.name : undefined, dependencies };
}
