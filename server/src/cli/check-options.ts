import { parseArgs } from 'node:util';
import { UsageError } from './io';
import { parseShard, type Shard } from './shard';

// `goodput check` arguments → typed options. Every mistake is a UsageError (exit 2) that names
// the offending argument, because a CI job that silently ignores a typo passes for the wrong reason.

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface CheckOptions {
  paths: string[];
  format: FormatName;
  outputFile?: string;
  configFile?: string;
  /** `--rule id=severity`, in the order given (a later one wins). */
  ruleOverrides: Array<[ruleId: string, severity: string]>;
  /** Warnings allowed before the exit code becomes 1. */
  maxWarnings: number;
  /** Whether `--max-warnings` was given: then exceeding it is explained on stderr. */
  maxWarningsGiven: boolean;
  quiet: boolean;
  /** `--changed-since <ref>`: only findings this change is responsible for. */
  changedSince?: string;
  /** `--baseline <file>`: hide the findings recorded there. */
  baseline?: string;
  /** `--baseline-write <file>`: record the current findings there. */
  baselineWrite?: string;
  shard?: Shard;
  /** `--cache`: reuse results of earlier runs where nothing they depend on changed. */
  cache: boolean;
  /** `--cache-location <path>`: the cache file, or a directory for it (implies --cache). */
  cacheLocation?: string;
  /** `--concurrency <n>`: threads that analyze files (1: only the main thread). */
  concurrency: number;
  help: boolean;
}

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'changed-since': { type: 'string' },
  baseline: { type: 'string' },
  'baseline-write': { type: 'string' },
  shard: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  concurrency: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CHECK_HELP = `Usage: goodput check [options] [paths...]

Finds backend code that turns a traffic spike into an outage: missing
timeouts, fixed-interval retries, unbounded pools and queues, cache
stampedes. Reads .ts .tsx .mts .cts .js .jsx .mjs .cjs files.

Paths default to "." and may be files or directories. Inside a git work
tree a directory contributes the files git lists (tracked and untracked,
minus what .gitignore excludes); elsewhere it is walked and its .gitignore
files are applied. Always skipped: node_modules, declaration files (.d.ts),
the config's "ignore" globs (.gitignore syntax, relative to the config
file) and, unless the config says "ignoreTests": false, test files
(*.test.*, *.spec.*, __tests__/, __mocks__/, test/, tests/, e2e/) and, unless
"ignoreMigrations": false, database migrations (migrations/). A file
you name explicitly is analyzed even when .gitignore excludes it, but not
when the config leaves it out (so a pre-commit hook that passes every
staged file respects the project's choices); a note on stderr says so.

Options:
  -c, --config <file>         Use this config file instead of the nearest
                              goodput.json or .goodput.json (searched from
                              the current directory up to the git root)
      --rule <id>=<severity>  Override a rule's severity: off, hint,
                              information, warning or error. Repeatable
  -f, --format <name>         stylish (default), json, sarif, github
                              (workflow commands: pull request annotations)
                              or markdown (a job summary / PR comment, with
                              each finding's simulated impact)
  -o, --output-file <path>    Write the report to this file, not stdout
      --max-warnings <n>      Warnings allowed before the check fails
                              (default 0)
  -q, --quiet                 Report errors only: warnings, information
                              and hints are neither shown nor counted
      --changed-since <ref>   Only findings on lines changed since the merge
                              base of <ref> and HEAD (working tree included),
                              and findings whose effective policy changed
                              because of a change elsewhere
      --baseline <file>       Hide the findings recorded in <file>; fail only
                              on new ones
      --baseline-write <file> Record the current findings in <file> (fixed
                              ones are pruned). With --baseline, only prune
      --shard <i>/<n>         Analyze the i-th of n parts of the files (for a
                              CI matrix); combine outputs with 'goodput merge'
      --cache                 Reuse the results of earlier runs for files
                              whose result cannot have changed: their text,
                              the modules they read and the workspace facts
                              they used are as they were. Same report as
                              without. Stored in node_modules/.cache/goodput/
                              (results there are trusted: never commit it)
      --cache-location <path> The cache file, or a directory to keep
                              .goodputcache in (implies --cache)
      --concurrency <n>       Analyze files in n worker threads (default 1:
                              the main thread only). Each thread loads
                              every file, so it pays on large workspaces
                              and on cores with memory bandwidth of their
                              own; the report is the same either way
  -h, --help                  Show this help

Output: stylish prints "line:col  severity  message  rule" per finding and
the effective policy Goodput computed on a dimmed line below it. The other
formats are described in docs/cli.md. Paths are relative to the git root
(or to the current directory outside git).

Exit codes:
  0  no errors, and no more warnings than --max-warnings (information and
     hints never fail the check)
  1  at least one error, or more warnings than --max-warnings
  2  usage error, config file not found, unknown git ref, or internal
     error

Environment: NO_COLOR / FORCE_COLOR decide colours; progress goes to stderr
only on a terminal and when CI is unset; GOODPUT_DEBUG=1 prints stack
traces.
`;

export function parseCheckArgs(argv: readonly string[]): CheckOptions {
  const { values, positionals } = parseStrict(argv);
  const options: CheckOptions = {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: parseFormat(values.format),
    outputFile: nonEmpty(values['output-file'], '--output-file'),
    configFile: nonEmpty(values.config, '--config'),
    ruleOverrides: (values.rule ?? []).map(parseRuleOverride),
    maxWarnings: values['max-warnings'] === undefined ? 0 : parseCount(values['max-warnings']),
    maxWarningsGiven: values['max-warnings'] !== undefined,
    quiet: values.quiet ?? false,
    changedSince: nonEmpty(values['changed-since'], '--changed-since', 'a git ref'),
    baseline: nonEmpty(values.baseline, '--baseline'),
    baselineWrite: nonEmpty(values['baseline-write'], '--baseline-write'),
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    cache: (values.cache ?? false) || values['cache-location'] !== undefined,
    cacheLocation: nonEmpty(values['cache-location'], '--cache-location'),
    concurrency: values.concurrency === undefined ? 1 : parseThreads(values.concurrency),
    help: values.help ?? false,
  };
  if (options.baselineWrite !== undefined && options.changedSince !== undefined) {
    throw new UsageError('--baseline-write records every finding; it cannot be combined with --changed-since');
  }
  return options;
}

function parseStrict(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(explainParseError(error));
  }
}

function explainParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? '';
    const guess = closestOption(option);
    return `unknown option '${option}'${guess ? ` (did you mean '${guess}'?)` : ''}`;
  }
  // Node's own wording ("Option '--format <value>' argument missing") is clear; keep its first line.
  return message.split('\n')[0]!;
}

/** The known long option nearest to a mistyped one, if it is plausibly a typo. */
function closestOption(option: string): string | undefined {
  const typed = option.replace(/^-+/, '').split('=')[0]!;
  let best: { name: string; distance: number } | undefined;
  for (const name of Object.keys(OPTIONS)) {
    const distance = editDistance(typed, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(typed.length / 4)) ? `--${best.name}` : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function parseFormat(value: string | undefined): FormatName {
  if (value === undefined) return 'stylish';
  if ((FORMAT_NAMES as readonly string[]).includes(value)) return value as FormatName;
  throw new UsageError(`unknown format '${value}' (valid: ${FORMAT_NAMES.join(', ')})`);
}

function parseRuleOverride(value: string): [string, string] {
  const match = /^([^=]+)=(.+)$/.exec(value.trim());
  if (!match) throw new UsageError(`--rule expects <rule-id>=<severity>, got '${value}'`);
  return [match[1]!.trim(), match[2]!.trim()];
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a non-negative integer, got '${value}'`);
  return Number(value);
}

/** Threads are not free: each holds every file's text, so a typo such as 100 must not start 100. */
const MAX_THREADS = 64;

function parseThreads(value: string): number {
  const threads = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (threads >= 1 && threads <= MAX_THREADS) return threads;
  throw new UsageError(`--concurrency expects a number of threads from 1 to ${MAX_THREADS}, got '${value}'`);
}

function nonEmpty(value: string | undefined, option: string, what = 'a path'): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`${option} expects ${what}, got an empty string`);
  return value;
}
