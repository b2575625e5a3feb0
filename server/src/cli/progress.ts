import type { CliEnvironment, CliIo } from './io';

// "Analyzing 120/800 files…" on stderr, redrawn in place — only on a terminal and outside CI,
// where a line rewritten with \r would turn into hundreds of log lines. Erased when done, so it
// never sits above the report.

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };
/** Redraws at most this many times per run: writing to a terminal is not free. */
const MAX_REDRAWS = 100;

export function progressReporter(io: CliIo, environment: CliEnvironment): Progress {
  if (!environment.stderrIsTTY || environment.env.CI) return SILENT;
  let shown = false;
  let lastStep = -1;
  return {
    update(done, total) {
      const step = Math.floor((done * MAX_REDRAWS) / Math.max(total, 1));
      if (step === lastStep && done !== total) return;
      lastStep = step;
      shown = true;
      io.err(`\r\u001b[KAnalyzing ${done}/${total} files…`);
    },
    done() {
      if (shown) io.err('\r\u001b[K');
      shown = false;
    },
  };
}
