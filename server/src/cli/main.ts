import { isMainThread } from 'node:worker_threads';
import { runCheckCommand } from './check';
import { serveCheckWorker } from './check-worker';
import { runMergeCommand } from './commands/merge';
import { runSimulateCommand } from './commands/simulate';
import { runReportCommand } from './report/report-command';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliEnvironment, type CliIo } from './io';
import { TOOL_VERSION } from './tool-info';

// The `goodput` executable: argv → subcommand → exit code. esbuild bundles this file to
// dist/cli.js (run directly, or through bin/goodput.js), so it runs on load; nothing imports it.
// Started as a worker thread (check --concurrency), the same file serves analysis instead.
// Commands receive their io and environment rather than reaching for `process`.

const MAIN_HELP = `Usage: goodput <command> [options]

Commands:
  check [paths...]   Find code that turns a traffic spike into an outage
                     (run 'goodput check --help' for its options)
  simulate <model>   Run a failure-mode simulation (e.g. retry-storm) and print
                     its metrics ('goodput simulate --list' names the models)
  merge <files...>   Combine the json or sarif outputs of 'check --shard i/n'
                     runs into one report

Options:
  -h, --help         Show this help
  -v, --version      Print the version
`;

export async function main(argv: readonly string[], io: CliIo, environment: CliEnvironment): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheckCommand(rest, io, environment);
      case 'simulate':
        // Owns its arguments, messages and exit codes (sim/ inputs → 2, run failures → 1).
        return runSimulateCommand([...rest], io);
      case 'merge':
        return runMergeCommand(rest, io, environment);
      case 'report':
        return await runReportCommand(rest, io, environment);
      case '-h':
      case '--help':
      case 'help':
        io.out(MAIN_HELP);
        return EXIT_OK;
      case '-v':
      case '--version':
        io.out(`${TOOL_VERSION}\n`);
        return EXIT_OK;
      case undefined:
        // Bare `goodput` checks nothing; in CI that must not look like a pass.
        io.err(MAIN_HELP);
        return EXIT_FAILURE;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    return reportError(error, command === 'check' || command === 'merge' ? command : undefined, io, environment);
  }
}

/** One line per problem, no stack trace unless GOODPUT_DEBUG=1: users need the what, not the where. */
function reportError(error: unknown, command: string | undefined, io: CliIo, environment: CliEnvironment): number {
  const prefix = command ? `goodput ${command}` : 'goodput';
  if (error instanceof UsageError) {
    io.err(`${prefix}: ${error.message}\n`);
    if (error.hintHelp) io.err(`Run '${prefix} --help' for usage.\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${prefix}: internal error: ${message}\n`);
    if (environment.env.GOODPUT_DEBUG !== '1') io.err('Set GOODPUT_DEBUG=1 to see the stack trace.\n');
  }
  if (environment.env.GOODPUT_DEBUG === '1' && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return EXIT_FAILURE;
}

function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
}

if (isMainThread) {
  // `goodput check | head` closes our stdout early; that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });

  const environment: CliEnvironment = {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    workerScript: __filename,
  };
  void main(process.argv.slice(2), processIo(), environment).then((code) => {
    process.exitCode = code;
  });
} else {
  serveCheckWorker();
}
