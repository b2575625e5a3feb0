import { realpathSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { gitListFiles, gitTopLevel } from './git-files';
import { toPosixPath, UsageError } from './io';
import type { ExclusionCheck } from './excluded-files';
import { compareStrings } from './sort-order';
import { walkFiles, withinDepthLimit } from './walk-files';

// Which files a run analyzes. Directories: in a git work tree, what `git ls-files` lists
// (tracked + untracked, minus ignored); elsewhere a walk that applies .gitignore files. Always
// skipped: node_modules, declaration files, and what the config leaves out (its `ignore` globs and
// test files, excluded-files.ts). A file named on the command line skips the .gitignore check (the
// user asked for it by name) but not the config (pre-commit hooks pass every staged file; the
// project's choices must still hold): it gets a notice instead.

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`;

export interface DiscoverOptions {
  /** Paths on the command line are relative to this directory. */
  cwd: string;
  paths: readonly string[];
  /** What the config leaves out, and why (excluded-files.ts). */
  excluded: ExclusionCheck;
}

export interface Discovery {
  /** Absolute forward-slash paths, sorted, each once. */
  files: string[];
  /** Explicitly named files that were not analyzed, and why: one line each for stderr. */
  notices: string[];
  /** What a directory's search left out (.gitignore lines not applied, files nested too deep): one line each for stderr. */
  walkNotices: string[];
}

export async function discoverFiles(options: DiscoverOptions): Promise<Discovery> {
  const files = new Set<string>();
  const notices: string[] = [];
  const walkNotices: string[] = [];
  for (const given of options.paths) {
    const path = existingRealPath(resolve(options.cwd, given), given);
    if (statSync(path).isFile()) {
      const reason = notSourceReason(path) ?? options.excluded(path);
      if (reason) notices.push(`${given}: not analyzed: ${reason}`);
      else files.add(path);
      continue;
    }
    for (const file of await filesInDirectory(path, toPosixPath(options.cwd), (notice) => walkNotices.push(notice))) {
      if (isSourceFile(file) && !options.excluded(file, path)) files.add(file);
    }
  }
  return { files: [...files].sort(compareStrings), notices, walkNotices };
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

/**
 * `cwd`: outside git, .gitignore files from the directory up to here apply too. `warn` hears of
 * .gitignore lines that do not, and of files nested too deeply to be searched.
 */
async function filesInDirectory(dir: string, cwd: string, warn: (message: string) => void): Promise<string[]> {
  const topLevel = await gitTopLevel(dir);
  if (topLevel === undefined) return walkFiles(dir, [SOURCE_GLOB], cwd, warn);
  const pathspec = toPosixPath(relative(topLevel, dir)) || '.';
  return withinDepthLimit(await gitListFiles(topLevel, [pathspec]), toPosixPath(dir), warn);
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
