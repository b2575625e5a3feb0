import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GIT_ISOLATION_ENV } from './projects';

// Runs the bundled CLI (`node dist/cli.js`) the way users and CI do, rebuilding the bundle
// first when it is missing or older than the sources.

export const REPO_ROOT = resolve(__dirname, '../../..');
export const CLI = join(REPO_ROOT, 'dist/cli.js');
const SOURCES = [join(REPO_ROOT, 'server/src'), join(REPO_ROOT, 'package.json'), join(REPO_ROOT, 'scripts/build.mjs')];
/** Variables that would change the CLI's output if the developer happens to have them set. */
const SCRUBBED = ['NO_COLOR', 'FORCE_COLOR', 'CI', 'GOODPUT_DEBUG', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT'];

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

let built = false;

export function ensureCliBuilt(): void {
  if (built) return;
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < Math.max(...SOURCES.map(newestMtimeMs))) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`node scripts/build.mjs failed:\n${build.stdout}${build.stderr}`);
  }
  built = true;
}

export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): CliRun {
  ensureCliBuilt();
  const env: Record<string, string | undefined> = { ...process.env, ...GIT_ISOLATION_ENV, ...options.env };
  for (const name of SCRUBBED) if (!options.env || !(name in options.env)) delete env[name];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtimeMs(join(path, name))));
}
