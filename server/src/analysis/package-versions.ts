import type { ReadFile } from './workspace-files';

// Which major version of a package a source file runs against, for the defaults that changed
// between majors (ioredis 5 → 6 retry strategy, redis 4/5/6 timeouts, node-fetch 2 → 3 timeout).
// The installed version comes from the nearest lockfile (npm, pnpm, yarn); without one, from the
// range the nearest package.json declares. Read through the adapter's `readFile`: no IO here.

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'];
export const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

export class PackageVersions {
  /** directory → package → major (undefined: the directory does not say). */
  private readonly cache = new Map<string, Map<string, number | undefined>>();

  constructor(private readonly readFile: ReadFile) {}

  /** Forget what was read (a package.json or lockfile changed). */
  reset(): void {
    this.cache.clear();
  }

  majorVersion(fromFile: string, packageName: string): number | undefined {
    for (let dir = parentDir(fromFile); dir !== undefined; dir = parentDir(dir)) {
      const found = this.inDirectory(dir, packageName);
      if (found !== undefined) return found;
      if (this.readFile(`${dir}/package.json`) !== undefined && this.isWorkspaceRoot(dir)) return undefined;
    }
    return undefined;
  }

  private inDirectory(dir: string, packageName: string): number | undefined {
    let known = this.cache.get(dir);
    if (!known) this.cache.set(dir, (known = new Map()));
    if (known.has(packageName)) return known.get(packageName);
    const major = this.fromLockfiles(dir, packageName) ?? this.fromManifest(dir, packageName);
    known.set(packageName, major);
    return major;
  }

  private fromLockfiles(dir: string, packageName: string): number | undefined {
    for (const name of LOCKFILES) {
      const text = this.readFile(`${dir}/${name}`);
      if (text === undefined) continue;
      const version = name.endsWith('.json') ? npmLockVersion(text, packageName)
        : name === 'pnpm-lock.yaml' ? pnpmLockVersion(text, packageName)
        : yarnLockVersion(text, packageName);
      if (version !== undefined) return version;
    }
    return undefined;
  }

  private fromManifest(dir: string, packageName: string): number | undefined {
    const manifest = parseJson(this.readFile(`${dir}/package.json`));
    if (!manifest) return undefined;
    for (const field of DEPENDENCY_FIELDS) {
      const range = (manifest[field] as Record<string, unknown> | undefined)?.[packageName];
      if (typeof range === 'string') return majorOfRange(range);
    }
    return undefined;
  }

  /** A package.json with workspaces, or a lockfile beside it, ends the upward search. */
  private isWorkspaceRoot(dir: string): boolean {
    const manifest = parseJson(this.readFile(`${dir}/package.json`));
    return manifest?.workspaces !== undefined || LOCKFILES.some((name) => this.readFile(`${dir}/${name}`) !== undefined);
  }
}

function npmLockVersion(text: string, packageName: string): number | undefined {
  const lock = parseJson(text);
  const packages = lock?.packages as Record<string, { version?: string }> | undefined;
  const entry = packages?.[`node_modules/${packageName}`] ??
    (lock?.dependencies as Record<string, { version?: string }> | undefined)?.[packageName];
  return entry?.version ? majorOfRange(entry.version) : undefined;
}

function pnpmLockVersion(text: string, packageName: string): number | undefined {
  // importers: `      <name>:\n        specifier: ^5.0.0\n        version: 5.4.1(...)`; or v5 `/<name>/5.4.1:`.
  const escaped = escapeRegExp(packageName);
  // Indentation is `[ \t]`, never `\s`: `^\s+` runs across blank lines from every line start.
  const importer = new RegExp(`^[ \\t]+'?${escaped}'?:[ \\t]*\\r?\\n[ \\t]+specifier:[^\\n]*\\n[ \\t]+version:[ \\t]*'?(\\d+)\\.`, 'm').exec(text);
  if (importer) return Number(importer[1]);
  const key = new RegExp(`^[ \\t]+'?/?${escaped}[@/](\\d+)\\.\\d+\\.\\d+`, 'm').exec(text);
  return key ? Number(key[1]) : undefined;
}

function yarnLockVersion(text: string, packageName: string): number | undefined {
  const escaped = escapeRegExp(packageName);
  const entry = new RegExp(`^"?${escaped}@[^\\n]*:[ \\t]*\\r?\\n[ \\t]+version:?[ \\t]+"?(\\d+)\\.`, 'm').exec(text);
  return entry ? Number(entry[1]) : undefined;
}

/** `^5.2.0` → 5, `~6.0` → 6, `>=4 <6` → 4, `5.x` → 5, `npm:ioredis@5` → 5; tags and URLs → undefined. */
export function majorOfRange(range: string): number | undefined {
  const match = /(?:^|[\s@^~=<>v])(\d+)(?:\.|$|\s|x)/.exec(range.trim());
  return match ? Number(match[1]) : undefined;
}

/** A JSON object, or undefined when `text` is missing, malformed or not an object. */
export function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The directory holding `path` (forward slashes); undefined above the root. */
export function parentDir(path: string): string | undefined {
  const index = path.lastIndexOf('/');
  if (index <= 0) return path === '/' || index === -1 ? undefined : '/';
  return path.slice(0, index);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
