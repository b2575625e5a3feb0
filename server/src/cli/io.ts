// What a CLI command may touch of the outside world, passed in so tests can run commands in
// process and so no command reaches for `process` directly.

export interface CliIo {
  /** Writes `text` to standard output as is (no newline is added). */
  out(text: string): void;
  /** Writes `text` to standard error as is (no newline is added). */
  err(text: string): void;
}

export interface CliEnvironment {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The running program, which `check --concurrency` starts again as worker threads (unset in-process). */
  workerScript?: string;
}

/** Exit codes, ESLint's convention, which CI systems already understand. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

/** A problem with how the command was invoked: reported as one line, exit code 2, no stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Whether to point at `--help` (for argument mistakes; not for a missing config file). */
    readonly hintHelp = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Forward slashes everywhere: the analysis core and every output format use them. */
export function toPosixPath(path: string): string {
  return path.replace(/\\/g, '/');
}
