import { realpathSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ignore from 'ignore';
import { gitListFiles, gitTopLevel } from './git-files';
import { toPosixPath, UsageError } from './io';
import { compareStrings } from './sort-order';
import { walkFiles } from './walk-files';

// Which files a run analyzes. Directories: in a git work tree, what `git ls-files` lists
// (tracked + untracked, minus ignored); elsewhere a walk that applies .gitignore files. Always
// skipped: node_modules, declaration files, and the config's `ignore` globs. A file named on the
// command line skips the .gitignore check (the user asked for it by name) but not the config's
// `ignore` (pre-commit hooks pass every staged file; the project's ignores must still hold).

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`;

export interface DiscoverOptions {
  /** Paths on the command line are relative to this directory. */
  cwd: string;
  paths: readonly string[];
  /** The config's `ignore` globs (.gitignore syntax), relative to `ignoreBaseDir`. */
  ignore: readonly string[];
  ignoreBaseDir: string;
}

export interface Discovery {
  /** Absolute forward-slash paths, sorted, each once. */
  files: string[];
  /** Explicitly named files that were not analyzed, and why: one line each for stderr. */
  notices: string[];
}

export async function discoverFiles(options: DiscoverOptions): Promise<Discovery> {
  const isConfigIgnored = configIgnoreMatcher(options.ignore, options.ignoreBaseDir);
  const files = new Set<string>();
  const notices: string[] = [];
  for (const given of options.paths) {
    const path = existingRealPath(resolve(options.cwd, given), given);
    if (statSync(path).isFile()) {
      const reason = isSourceFile(path)
        ? isConfigIgnored(path)
          ? 'matches "ignore" in the config'
          : undefined
        : notSourceReason(path);
      if (reason) notices.push(`${given}: not analyzed: ${reason}`);
      else files.add(path);
      continue;
    }
    for (const file of await filesInDirectory(path, toPosixPath(options.cwd))) {
      if (isSourceFile(file) && !isConfigIgnored(file)) files.add(file);
    }
  }
  return { files: [...files].sort(compareStrings), notices };
}

/** Whether a path is one the analyzer should read: a JS/TS source, not a declaration, not a dependency. */
export function isSourceFile(path: string): boolean {
  return notSourceReason(path) === undefined;
}

function notSourceReason(path: string): string | undefined {
  if (/(^|\/)node_modules\//.test(path)) return 'inside node_modules';
  if (/\.d\.[mc]?ts$/.test(path)) return 'a declaration file';
  if (!SOURCE_EXTENSIONS.some((extension) => path.endsWith(extension))) {
    return `not a JavaScript or TypeScript file (${SOURCE_EXTENSIONS.join(' ')})`;
  }
  return undefined;
}

/** `cwd`: outside git, .gitignore files from the directory up to here apply too. */
async function filesInDirectory(dir: string, cwd: string): Promise<string[]> {
  const topLevel = await gitTopLevel(dir);
  if (topLevel === undefined) return walkFiles(dir, [SOURCE_GLOB], cwd);
  const pathspec = toPosixPath(relative(topLevel, dir)) || '.';
  return gitListFiles(topLevel, [pathspec]);
}

/** Matches a file against the config's `ignore` globs; files outside their base never match. */
export function configIgnoreMatcher(globs: readonly string[], baseDir: string): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const matcher = ignore().add([...globs]);
  const prefix = `${toPosixPath(baseDir).replace(/\/$/, '')}/`;
  return (file) => file.startsWith(prefix) && matcher.ignores(file.slice(prefix.length));
}

/**
 * The real path of an existing command-line path, so that files reached through a symlinked
 * directory get the same name as in `git ls-files` output (and are not analyzed twice).
 */
function existingRealPath(path: string, given: string): string {
  try {
    return toPosixPath(realpathSync(path));
  } catch {
    throw new UsageError(`no such file or directory: ${given}`, false);
  }
}
