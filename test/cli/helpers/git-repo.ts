import { runCheckCommand } from '../../../server/src/cli/check';
import type { CliEnvironment } from '../../../server/src/cli/io';
import { git, GIT_ISOLATION_ENV, makeProject, writeFiles } from './projects';

// Temporary git repositories with commits, and `goodput check` run in process against them
// (fast: no bundle, no child node). Git runs with a fixed identity and without the user's hooks.

Object.assign(process.env, GIT_ISOLATION_ENV);

const IDENTITY = [
  '-c',
  'user.name=Goodput Test',
  '-c',
  'user.email=test@example.invalid',
  '-c',
  'core.hooksPath=/dev/null',
];

/** A repository whose first commit on `main` holds `files`. */
export function makeRepo(files: Record<string, string>): string {
  const dir = makeProject(files, { git: true });
  commitAll(dir, 'initial');
  return dir;
}

export function commitAll(dir: string, message: string): void {
  git(dir, ['add', '-A']);
  git(dir, [...IDENTITY, 'commit', '-q', '--allow-empty', '-m', message]);
}

export { git, writeFiles };

export interface CheckRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function check(dir: string, args: readonly string[]): Promise<CheckRun> {
  let stdout = '';
  let stderr = '';
  const environment: CliEnvironment = { cwd: dir, env: {}, stdoutIsTTY: false, stderrIsTTY: false };
  const code = await runCheckCommand(
    ['check', ...args].slice(1),
    { out: (text) => void (stdout += text), err: (text) => void (stderr += text) },
    environment,
  );
  return { code, stdout, stderr };
}

/** `check -f json` → "path:line ruleId" per finding, in report order. */
export async function findingsOf(dir: string, args: readonly string[] = []): Promise<string[]> {
  const run = await check(dir, ['-f', 'json', ...args]);
  const report = JSON.parse(run.stdout) as {
    results: Array<{ filePath: string; findings: Array<{ line: number; ruleId: string }> }>;
  };
  return report.results.flatMap((result) =>
    result.findings.map((finding) => `${result.filePath}:${finding.line} ${finding.ruleId}`),
  );
}
