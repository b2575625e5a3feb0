import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globstarsIn, MAX_GLOBSTARS } from '../analysis/config';
import { toPosixPath } from './io';
import { compareStrings } from './sort-order';
// `require`, not `import`: esbuild would otherwise bundle tinyglobby's ESM build, whose fdir
// dependency calls createRequire(import.meta.url), which is undefined in our CommonJS bundle.
import tinyglobby = require('tinyglobby');

// Outside a git work tree there is no `git ls-files`, but a project copied out of git (a
// tarball, a Docker build context) still has its .gitignore files, and the user still expects
// build output and vendored code listed there to be left alone.

/** Directories never descended into: dependencies and git's own storage. */
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

/**
 * Files more than this many directories below a searched directory are left out, and said: the
 * .gitignore and `ignore` matchers backtrack on long paths (three `**` take 1.6 s per path 320
 * directories deep), and no source tree nests this deep. Generated or damaged trees do.
 */
export const MAX_DIRECTORY_DEPTH = 64;

interface GitignoreFile {
  /** The directory the file's patterns are relative to (absolute, forward slashes, no trailing slash). */
  baseDir: string;
  matcher: Ignore;
}

/**
 * Files under `dir` matching `patterns` (globs relative to `dir`), minus those a .gitignore
 * excludes: the .gitignore files inside `dir`, and those in its ancestors up to `stopDir`.
 * `warn` hears of .gitignore lines that are not applied.
 */
export async function walkFiles(
  dir: string,
  patterns: readonly string[],
  stopDir: string,
  warn: (message: string) => void = () => {},
): Promise<string[]> {
  const root = toPosixPath(dir).replace(/\/$/, '');
  const options = { cwd: root, absolute: true, dot: true, ignore: ALWAYS_SKIPPED, followSymbolicLinks: false };
  const [candidates, nestedIgnores] = await Promise.all([
    tinyglobby.glob([...patterns], options),
    tinyglobby.glob(['**/.gitignore'], options),
  ]);
  const shallow = withinDepthLimit(candidates.map(toPosixPath), root, warn);
  const gitignores = [...ancestorGitignores(root, toPosixPath(stopDir)), ...nestedIgnores.map(toPosixPath)]
    .map((path) => readGitignore(path, warn))
    .filter((file): file is GitignoreFile => file !== undefined);
  return shallow.filter((file) => !gitignores.some((gitignore) => excludes(gitignore, file)));
}

/**
 * `files` (absolute, forward slashes, under `root`) less those more than MAX_DIRECTORY_DEPTH
 * directories below `root`, which `warn` hears of in one line: how many, and the first of them.
 */
export function withinDepthLimit(files: readonly string[], root: string, warn: (message: string) => void): string[] {
  const prefixLength = root.replace(/\/$/, '').length + 1;
  const kept: string[] = [];
  const deeper: string[] = [];
  for (const file of files) (directoriesIn(file, prefixLength) > MAX_DIRECTORY_DEPTH ? deeper : kept).push(file);
  if (deeper.length > 0) {
    const first = deeper.reduce((a, b) => (compareStrings(a, b) <= 0 ? a : b));
    const count = deeper.length === 1 ? '1 file is' : `${deeper.length} files are`;
    warn(`${root}: ${count} more than ${MAX_DIRECTORY_DEPTH} directories deep, not analyzed (the first: ${first})`);
  }
  return kept;
}

function directoriesIn(file: string, fromIndex: number): number {
  let count = 0;
  for (let index = file.indexOf('/', fromIndex); index !== -1; index = file.indexOf('/', index + 1)) count++;
  return count;
}

function ancestorGitignores(dir: string, stopDir: string): string[] {
  const stop = stopDir.replace(/\/$/, '');
  if (dir !== stop && !dir.startsWith(`${stop}/`)) return [];
  const files: string[] = [];
  for (let current = dirname(dir); current.length >= stop.length && current !== dir; current = dirname(current)) {
    files.push(`${current.replace(/\/$/, '')}/.gitignore`);
    if (current === stop || dirname(current) === current) break;
  }
  return files;
}

function readGitignore(path: string, warn: (message: string) => void): GitignoreFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return { baseDir: dirname(path), matcher: ignore().add(applicableLines(text, path, warn)) };
}

/**
 * The lines of a .gitignore, less those with more than MAX_GLOBSTARS `**`, as for the config's
 * "ignore": the matcher backtracks on them, for seconds per path a few dozen directories deep,
 * and every file is checked against every line. Such a line is said and not applied.
 */
function applicableLines(text: string, path: string, warn: (message: string) => void): string[] {
  return text.split(/\r?\n/).filter((line, index) => {
    const globstars = globstarsIn(line);
    if (globstars <= MAX_GLOBSTARS || line.startsWith('#')) return true;
    warn(`${path}:${index + 1}: has ${globstars} "**"; at most ${MAX_GLOBSTARS} are supported (the line is not applied)`);
    return false;
  });
}

function excludes(gitignore: GitignoreFile, file: string): boolean {
  const prefix = gitignore.baseDir === '/' ? '/' : `${gitignore.baseDir}/`;
  if (!file.startsWith(prefix)) return false;
  return gitignore.matcher.ignores(file.slice(prefix.length));
}
