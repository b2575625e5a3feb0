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
export type ExclusionCheck = (file: string) => string | undefined;

/** Globs and test patterns are relative to `baseDir`; files outside it are never left out. */
export function exclusionCheck(
  config: Pick<ResolvedConfig, 'ignore' | 'ignoreTests' | 'ignoreMigrations'>,
  baseDir: string,
): ExclusionCheck {
  const ignored = globMatcher(config.ignore);
  const test = config.ignoreTests ? globMatcher(TEST_FILE_GLOBS) : undefined;
  const migration = config.ignoreMigrations ? globMatcher(MIGRATION_FILE_GLOBS) : undefined;
  if (!ignored && !test && !migration) return () => undefined;
  const prefix = `${toPosixPath(baseDir).replace(/\/$/, '')}/`;
  return (file) => {
    if (!file.startsWith(prefix)) return undefined;
    const relativePath = file.slice(prefix.length);
    if (ignored?.ignores(relativePath)) return IGNORED_BY_CONFIG;
    if (test?.ignores(relativePath)) return IGNORED_AS_TEST;
    if (migration?.ignores(relativePath)) return IGNORED_AS_MIGRATION;
    return undefined;
  };
}

function globMatcher(globs: readonly string[]): ReturnType<typeof ignore> | undefined {
  return globs.length === 0 ? undefined : ignore().add([...globs]);
}
