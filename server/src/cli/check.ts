import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { allRules, Analyzer, type FileResult, type Finding, type ResolvedConfig } from '../analysis';
import { CHECK_HELP, parseCheckArgs, type CheckOptions } from './check-options';
import { discoverFiles } from './discover-files';
import { buildReport, countFindings, formatters, type Report } from './formats';
import { gitTopLevel } from './git-files';
import { EXIT_FINDINGS, EXIT_OK, toPosixPath, UsageError, type CliEnvironment, type CliIo } from './io';
import { loadConfig } from './load-config';
import { TOOL_VERSION } from './tool-info';

// `goodput check [paths…]`: discover files, load the config, analyze every file with one
// Analyzer (all files are loaded before any is analyzed, so cross-module facts such as an axios
// instance's timeout set in another file are known), print a report, and turn it into an exit code.

export async function runCheckCommand(
  argv: readonly string[],
  io: CliIo,
  environment: CliEnvironment,
): Promise<number> {
  const options = parseCheckArgs(argv);
  if (options.help) {
    io.out(CHECK_HELP);
    return EXIT_OK;
  }
  const cwd = toPosixPath(realpathSync(environment.cwd));
  const gitRoot = await gitTopLevel(cwd);
  const rootDir = gitRoot ?? cwd;
  const warn = onceWriter(io);

  const loaded = loadConfig({
    cwd,
    stopDir: gitRoot,
    configFile: options.configFile,
    ruleOverrides: options.ruleOverrides,
  });
  for (const error of loaded.errors) warn(error);

  const discovery = await discoverFiles({
    cwd,
    paths: options.paths,
    ignore: loaded.config.ignore,
    ignoreBaseDir: loaded.ignoreBaseDir,
  });
  for (const notice of discovery.notices) warn(notice);
  // Said once, unless the notices above already explain why nothing is left to analyze.
  if (discovery.files.length === 0 && discovery.notices.length === 0) {
    warn(`no JavaScript or TypeScript files found in ${options.paths.join(', ')}`);
  }

  const progress = environment.stderrIsTTY && !environment.env.CI;
  if (progress && discovery.files.length > 0) io.err(`Analyzing ${plural(discovery.files.length, 'file')}…`);
  const { results, texts } = analyzeFiles(discovery.files, loaded.config, rootDir, warn);
  // Erase the progress line so it does not sit above the report in the terminal.
  if (progress && discovery.files.length > 0) io.err('\r\u001b[K');

  const report = buildReport({
    rootDir,
    toolVersion: TOOL_VERSION,
    rules: allRules,
    results,
    textOf: (file) => texts.get(file),
    keep: options.quiet ? (finding) => finding.severity === 'error' : undefined,
  });
  reportProblems(report, warn);
  writeReport(report, options, environment, cwd, io);
  return exitCode(report, options, warn);
}

function analyzeFiles(
  files: readonly string[],
  config: ResolvedConfig,
  rootDir: string,
  warn: (message: string) => void,
): { results: FileResult[]; texts: Map<string, string> } {
  const analyzer = new Analyzer({ config, readFile: readFromDisk, rootDir });
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = readFromDisk(file);
    // A file git still tracks but that was deleted from the disk is simply not there any more.
    if (text === undefined) {
      if (existsSync(file)) warn(`${file}: cannot be read; not analyzed`);
      continue;
    }
    texts.set(file, text);
    analyzer.setFile(file, text);
  }
  const results = [...texts.keys()].map((file) => analyzer.analyzeFile(file));
  return { results, texts };
}

function readFromDisk(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Crashed rules and skipped files go to stderr, once each; they do not change the exit code. */
function reportProblems(report: Report, warn: (message: string) => void): void {
  for (const failure of report.failures)
    warn(`${failure.displayPath}: rule ${failure.ruleId} failed: ${failure.message}`);
  for (const skipped of report.skipped) warn(`${skipped.displayPath}: ${skipped.reason}`);
}

function writeReport(report: Report, options: CheckOptions, environment: CliEnvironment, cwd: string, io: CliIo): void {
  const toFile = options.outputFile !== undefined;
  const color = options.format === 'stylish' && !toFile && colorEnabled(environment);
  const text = formatters[options.format](report, { color });
  if (!toFile) {
    io.out(text);
    return;
  }
  const path = resolve(cwd, options.outputFile!);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot write ${options.outputFile}: ${error instanceof Error ? error.message : String(error)}`,
      false,
    );
  }
}

/**
 * 1 when there is an error, or more warnings than --max-warnings (default 0). Information and
 * hints never fail: they are advice. Under --quiet only errors were kept, so only they count.
 */
function exitCode(report: Report, options: CheckOptions, warn: (message: string) => void): number {
  const counts = countFindings(report.files.flatMap((file): Finding[] => file.findings));
  const tooManyWarnings = counts.warningCount > options.maxWarnings;
  if (tooManyWarnings && options.maxWarningsGiven) {
    warn(`${plural(counts.warningCount, 'warning')} found; --max-warnings allows ${options.maxWarnings}`);
  }
  return counts.errorCount > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}

/** NO_COLOR (any non-empty value) wins, then FORCE_COLOR, then "is stdout a terminal". */
export function colorEnabled(environment: CliEnvironment): boolean {
  const { env } = environment;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  return environment.stdoutIsTTY && env.TERM !== 'dumb';
}

/** Each message reaches the user once, however many files repeat it. */
function onceWriter(io: CliIo): (message: string) => void {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    io.err(`goodput: ${message}\n`);
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
