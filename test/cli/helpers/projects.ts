import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Throw-away project directories under the OS temp dir. Their real path is returned (git and
// the CLI report real paths), and GIT_CEILING_DIRECTORIES keeps git from finding a repository
// *around* the temp dir, so "not a git project" means that on every machine.

const created: string[] = [];
const TEMP_ROOT = realpathSync(tmpdir());

export const GIT_ISOLATION_ENV = { GIT_CEILING_DIRECTORIES: TEMP_ROOT };

export interface ProjectOptions {
  git?: boolean;
}

export function makeProject(files: Record<string, string>, options: ProjectOptions = {}): string {
  const dir = realpathSync(mkdtempSync(join(TEMP_ROOT, 'goodput-cli-')));
  created.push(dir);
  writeFiles(dir, files);
  if (options.git) git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export function git(dir: string, args: string[]): void {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

export function removeProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A file with one `require-timeout` finding (a fetch that can hang forever). */
export const UNTIMED_FETCH = 'export async function load(url: string) {\n  return fetch(url);\n}\n';
/** The same call with a deadline: no finding. */
export const TIMED_FETCH =
  'export async function load(url: string) {\n  return fetch(url, { signal: AbortSignal.timeout(5000) });\n}\n';
