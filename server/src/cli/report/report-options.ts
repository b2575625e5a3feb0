import { parseArgs } from 'node:util';
import { UsageError } from '../io';

// `goodput report` arguments. Kept apart from the command so the parsing is testable alone.

export const REPORT_HELP = `Usage: goodput report [paths...] [options]

Writes a self-contained HTML page with every finding and, for each finding that has a failure
mode, its simulation as written and with the fix (the same charts as the editor's panel).

Options:
  -o, --output <file>   Where to write the page (default: goodput-report.html)
  -c, --config <file>   Use this goodput.json instead of the nearest one
      --seed <n>        Seed of the simulations (default 1)
  -h, --help            Show this help
`;

export interface ReportOptions {
  paths: string[];
  outputFile: string;
  configFile?: string;
  seed: number;
  help: boolean;
}

export function parseReportArgs(argv: readonly string[]): ReportOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    throw new UsageError(`--seed must be an integer in [0, 2^32), not '${values.seed}'`);
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    outputFile: values.output ?? 'goodput-report.html',
    configFile: values.config,
    seed,
    help: values.help === true,
  };
}
