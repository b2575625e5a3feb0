import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { JsonReport } from '../formats/json';
import { EXIT_OK, UsageError, type CliEnvironment, type CliIo } from '../io';
import { mergeJsonReports, mergeSarifLogs, type MergeInput } from '../merge-reports';
import { writeOutput } from '../write-output';
import type { Log } from 'sarif';

// `goodput merge <files…>`: the outputs of `goodput check --shard i/n` (all json or all sarif)
// → one report, identical to what an unsharded run prints. A missing or repeated shard is an
// error: a merged report that silently lacks a shard would pass CI for the wrong reason.

export const MERGE_HELP = `Usage: goodput merge [options] <files...>

Combines the reports of 'goodput check --shard i/n' runs (all json or all
sarif, as written by --format json / sarif) into one, identical to the
report of an unsharded run. Every shard 1..n must be given exactly once.

Options:
  -o, --output-file <path>  Write the merged report here, not stdout
  -h, --help                Show this help

Exit codes: 0 merged, 2 usage error, unreadable file, or missing,
repeated or mixed shards.
`;

export function runMergeCommand(argv: readonly string[], io: CliIo, environment: CliEnvironment): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { 'output-file': { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  if (parsed.values.help) {
    io.out(MERGE_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('expects the report files to merge');
  const inputs = parsed.positionals.map((given) => readInput(resolve(environment.cwd, given), given));
  const kinds = new Set(inputs.map((input) => input.kind));
  if (kinds.size > 1) throw new UsageError('cannot merge json and sarif reports together', false);
  const text =
    inputs[0]!.kind === 'json'
      ? `${JSON.stringify(mergeJsonReports(inputs as Array<MergeInput<JsonReport>>), null, 2)}\n`
      : `${JSON.stringify(mergeSarifLogs(inputs as Array<MergeInput<Log>>), null, 2)}\n`;
  writeOutput(text, parsed.values['output-file'], environment.cwd, io);
  return EXIT_OK;
}

function readInput(path: string, given: string): MergeInput<JsonReport> | MergeInput<Log> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UsageError(`cannot read ${given}: ${reason}`, false);
  }
  const candidate = value as { version?: unknown; runs?: unknown; results?: unknown };
  if (candidate?.version === '2.1.0' && Array.isArray(candidate.runs))
    return { kind: 'sarif', name: given, report: value as Log };
  if (candidate?.version === 1 && Array.isArray(candidate.results))
    return { kind: 'json', name: given, report: value as JsonReport };
  throw new UsageError(`${given} is neither a goodput json report nor a SARIF 2.1.0 log`, false);
}
