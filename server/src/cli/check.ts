import { realpathSync } from 'node:fs';
import { allRules, type Finding } from '../analysis';
import { analyzeFiles, readFromDisk } from './analyze-files';
import { applyBaseline } from './apply-baseline';
import { keepChangedFindings } from './changed-since';
import { CHECK_HELP, parseCheckArgs, type CheckOptions } from './check-options';
import { discoverFiles, isSourceFile } from './discover-files';
import { exclusionCheck } from './excluded-files';
import { buildReport, countFindings, formatters, type Report } from './formats';
import { displayPathOf, filterReport } from './formats/report';
import { changesSince, resolveBase } from './git-changes';
import { gitTopLevel } from './git-files';
import { EXIT_FINDINGS, EXIT_OK, toPosixPath, UsageError, type CliEnvironment, type CliIo } from './io';
import { loadConfig } from './load-config';
import { progressReporter } from './progress';
import { cacheFileAt, ResultCache } from './result-cache';
import { inShard } from './shard';
import { TOOL_VERSION } from './tool-info';
import { writeOutput } from './write-output';

// `goodput check [paths…]`: discover files, load the config, analyze them (analyze-files.ts),
// narrow the report (--changed-since, --baseline), print it, and turn it into an exit code.

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
  // Before any analysis: a typo in the ref must fail in a second, not after the whole run.
  const changeBase =
    options.changedSince === undefined ? undefined : await changedSinceBase(gitRoot, cwd, options.changedSince);

  const loaded = loadConfig({
    cwd,
    stopDir: gitRoot,
    configFile: options.configFile,
    ruleOverrides: options.ruleOverrides,
  });
  for (const error of loaded.errors) warn(error);

  const excluded = exclusionCheck(loaded.config, loaded.ignoreBaseDir);
  const discovery = await discoverFiles({ cwd, paths: options.paths, excluded });
  for (const notice of [...discovery.walkNotices, ...discovery.notices]) warn(notice);
  // Said once, unless the notices above already explain why nothing is left to analyze.
  if (discovery.files.length === 0 && discovery.notices.length === 0) {
    warn(`no JavaScript or TypeScript files found in ${options.paths.join(', ')}`);
  }

  const progress = progressReporter(io, environment);
  const shard = options.shard;
  const cache = options.cache
    ? ResultCache.open(cacheFileAt(options.cacheLocation, cwd), { config: loaded.config, rootDir }, warn)
    : undefined;
  const { results, texts } = await analyzeFiles({
    files: discovery.files,
    analyze: shard ? (file) => inShard(displayPathOf(file, rootDir), shard) : undefined,
    config: loaded.config,
    rootDir,
    warn,
    cache,
    onProgress: (done, total) => progress.update(done, total),
    threads: options.concurrency,
    workerScript: environment.workerScript,
  });
  progress.done();
  cache?.save(warn);

  let report = buildReport({
    rootDir,
    toolVersion: TOOL_VERSION,
    rules: allRules,
    results,
    textOf: (file) => texts.get(file),
  });
  report.shard = shard;
  reportProblems(report, warn);
  if (changeBase !== undefined && gitRoot !== undefined) {
    report = await keepChangedFindings({
      report,
      changes: await changesSince(gitRoot, changeBase),
      topLevel: gitRoot,
      config: loaded.config,
      texts,
      wouldAnalyze: (file) => isSourceFile(file) && !excluded(file),
      readFile: readFromDisk,
    });
  }
  if (options.baseline !== undefined || options.baselineWrite !== undefined) {
    const analyzed = new Set(results.map((result) => displayPathOf(result.file, rootDir)));
    report = applyBaseline(report, options, { cwd, rootDir, analyzed, warn });
  }
  if (options.quiet) report = filterReport(report, (finding) => finding.severity === 'error');
  writeReport(report, options, environment, cwd, io);
  return exitCode(report, options, warn);
}

/** The commit `--changed-since` compares with; a usage error outside git or for an unknown ref. */
async function changedSinceBase(gitRoot: string | undefined, cwd: string, ref: string): Promise<string> {
  if (gitRoot === undefined) {
    throw new UsageError(`--changed-since needs a git repository, and ${cwd} is not inside one`, false);
  }
  return resolveBase(gitRoot, ref);
}

/** Crashed rules and skipped files go to stderr, once each; they do not change the exit code. */
function reportProblems(report: Report, warn: (message: string) => void): void {
  for (const failure of report.failures)
    warn(`${failure.displayPath}: rule ${failure.ruleId} failed: ${failure.message}`);
  for (const skipped of report.skipped) warn(`${skipped.displayPath}: ${skipped.reason}`);
}

function writeReport(report: Report, options: CheckOptions, environment: CliEnvironment, cwd: string, io: CliIo): void {
  const color = options.format === 'stylish' && options.outputFile === undefined && colorEnabled(environment);
  writeOutput(formatters[options.format](report, { color }), options.outputFile, cwd, io);
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
