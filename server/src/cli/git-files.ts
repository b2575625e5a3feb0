import { execFile } from 'node:child_process';
import { toPosixPath } from './io';

// Asking git which files belong to a work tree is the only way to honour every .gitignore level,
// .git/info/exclude and the global excludes file exactly as the user's `git status` does.

/** Enough for `ls-files` of a very large monorepo (paths only). */
const MAX_GIT_OUTPUT_BYTES = 512 * 1024 * 1024;

/** The work tree root containing `dir`, or undefined outside git (or when git is not installed). */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel']);
  const top = result.ok ? result.stdout.trim() : undefined;
  return top ? toPosixPath(top) : undefined;
}

/**
 * Tracked and untracked-but-not-ignored files under `pathspecs` (relative to `topLevel`), as
 * absolute forward-slash paths. Files deleted from the disk but still tracked are included: the
 * caller reads each file and drops the ones it cannot read.
 */
export async function gitListFiles(topLevel: string, pathspecs: readonly string[]): Promise<string[]> {
  // --literal-pathspecs: a directory named `[id]` or `*` is a path, not a pattern.
  const args = [
    '--literal-pathspecs',
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
    '--',
    ...pathspecs,
  ];
  const result = await runGit(topLevel, args);
  if (!result.ok) throw new Error(`git ls-files failed in ${topLevel}: ${result.message}`);
  const files = new Set<string>();
  for (const entry of result.stdout.split('\0')) {
    // An untracked nested repository is listed as `dir/`: it is another project, not a file.
    if (entry === '' || entry.endsWith('/')) continue;
    files.add(`${topLevel.replace(/\/$/, '')}/${toPosixPath(entry)}`);
  }
  return [...files];
}

export type GitResult = { ok: true; stdout: string } | { ok: false; message: string };

/**
 * Settings that let a repository's own config run commands on read-only git calls. Goodput only
 * reads (ls-files, diff, show): a checked-out repository under review must not run anything.
 */
const NO_REPOSITORY_COMMANDS = ['-c', 'core.fsmonitor=false', '-c', 'diff.external=', '-c', 'core.pager=cat'];

export function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...NO_REPOSITORY_COMMANDS, ...args],
      { cwd, encoding: 'utf8', maxBuffer: MAX_GIT_OUTPUT_BYTES, windowsHide: true },
      (error, stdout, stderr) => {
        // git's own first line of stderr says what went wrong ("fatal: …"); keep it for the user.
        if (error) resolve({ ok: false, message: stderr.trim().split('\n')[0] || error.message });
        else resolve({ ok: true, stdout });
      },
    );
  });
}
