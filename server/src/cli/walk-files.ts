import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globstarsIn, MAX_GLOBSTARS } from '../analysis/config';
import { toPosixPath } from './io';
// `require`, not `import`: esbuild would otherwise bundle tinyglobby's ESM build, whose fdir
// dependency calls createRequire(import.meta.url), which is undefined in our CommonJS bundle.
import tinyglobby = require('tinyglobby');

// Outside a git work tree there is no `git ls-files`, but a project copied out of git (a
// tarball, a Docker build context) still has its .gitignore files, and the user still expects
// build output and vendored code listed there to be left alone.

/** Directories never descended into: dependencies and git's own storage. */
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

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
  const gitignores = [...ancestorGitignores(root, toPosixPath(stopDir)), ...nestedIgnores.map(toPosixPath)]
    .map((path) => readGitignore(path, warn))
    .filter((file): file is GitignoreFile => file !== undefined);
  return candidates.map(toPosixPath).filter((file) => !gitignores.some((gitignore) => excludes(gitignore, file)));
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
