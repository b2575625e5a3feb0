import ignore from 'ignore';
import { MIGRATION_FILE_GLOBS, TEST_FILE_GLOBS, type ResolvedConfig } from '../analysis';
import { toPosixPath } from './io';

// Source files a run leaves out on purpose: those the config's `ignore` globs match and, unless
// the config says `"ignoreTests": false`, test code. Tests, their helpers and their mocks never
// serve production traffic: a fetch without a timeout or a Promise.all over fixtures there cannot
// take a service down, and such findings were most of what an audit of application code found in
// test directories. Database migrations likewise (`"ignoreMigrations"`): they run once at deploy
// time; 4 of 29 sampled findings of the load rules in application code were in migrations. The
// CLI, the editor and the editor's whole-workspace analysis all ask here, so a file is left out
// everywhere or nowhere.

export const IGNORED_BY_CONFIG = 'matches "ignore" in the config';
export const IGNORED_AS_TEST = 'a test file (set "ignoreTests": false in the config to analyze tests)';
export const IGNORED_AS_MIGRATION =
  'a database migration (set "ignoreMigrations": false in the config to analyze migrations)';

/** Why a source file is left out, or undefined when it is analyzed. */
/** Why `file` is left out, if it is; `searchedDir`: the directory whose search found it. */
export type ExclusionCheck = (file: string, searchedDir?: string) => string | undefined;

/**
 * The config's `ignore` globs are relative to `baseDir` and say nothing of files outside it. The
 * built-in test and migration patterns describe what a file is wherever it lies: outside
 * `baseDir` (`goodput check ../other-service`) they apply relative to the directory searched.
 */
export function exclusionCheck(
  config: Pick<ResolvedConfig, 'ignore' | 'ignoreTests' | 'ignoreMigrations'>,
  baseDir: string,
): ExclusionCheck {
  const ignored = globMatcher(config.ignore);
  const test = config.ignoreTests ? globMatcher(TEST_FILE_GLOBS) : undefined;
  const migration = config.ignoreMigrations ? globMatcher(MIGRATION_FILE_GLOBS) : undefined;
  if (!ignored && !test && !migration) return () => undefined;
  const base = directoryPrefix(baseDir);
  const builtIn = (relativePath: string) => {
    if (test?.ignores(relativePath)) return IGNORED_AS_TEST;
    if (migration?.ignores(relativePath)) return IGNORED_AS_MIGRATION;
    return undefined;
  };
  return (file, searchedDir) => {
    if (file.startsWith(base)) {
      const relativePath = file.slice(base.length);
      return ignored?.ignores(relativePath) ? IGNORED_BY_CONFIG : builtIn(relativePath);
    }
    const searched = searchedDir === undefined ? undefined : directoryPrefix(searchedDir);
    return searched && file.startsWith(searched) ? builtIn(file.slice(searched.length)) : undefined;
  };
}

function directoryPrefix(dir: string): string {
  return `${toPosixPath(dir).replace(/\/$/, '')}/`;
}

function globMatcher(globs: readonly string[]): ReturnType<typeof ignore> | undefined {
  return globs.length === 0 ? undefined : ignore().add([...globs]);
}
