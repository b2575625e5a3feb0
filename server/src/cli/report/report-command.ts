import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { allRules, Analyzer, type Finding } from '../../analysis';
import { reportHtml, type ReportData, type ReportFinding } from '../../report/page-html';
import { listModels, runModel, type SimulationResult } from '../../sim';
import { discoverFiles } from '../discover-files';
import { exclusionCheck } from '../excluded-files';
import { buildReport } from '../formats';
import { gitTopLevel } from '../git-files';
import { EXIT_OK, toPosixPath, UsageError, type CliEnvironment, type CliIo } from '../io';
import { loadConfig } from '../load-config';
import { TOOL_VERSION } from '../tool-info';
import { parseReportArgs, REPORT_HELP } from './report-options';

// `goodput report [paths…] -o report.html`: analyze like `goodput check`, simulate each finding's
// scenario as written and with the fix, and write one HTML page that inlines the webview bundle
// (the panel's own rendering code) with the results — a code-review artifact that needs no server.

export async function runReportCommand(
  argv: readonly string[],
  io: CliIo,
  environment: CliEnvironment,
): Promise<number> {
  const options = parseReportArgs(argv);
  if (options.help) {
    io.out(REPORT_HELP);
    return EXIT_OK;
  }
  const bundle = readWebviewBundle();
  const cwd = toPosixPath(realpathSync(environment.cwd));
  const gitRoot = await gitTopLevel(cwd);
  const rootDir = gitRoot ?? cwd;
  const warn = (message: string) => io.err(`goodput report: ${message}\n`);

  const loaded = loadConfig({ cwd, stopDir: gitRoot, configFile: options.configFile, ruleOverrides: [] });
  loaded.errors.forEach(warn);
  const discovery = await discoverFiles({ cwd, paths: options.paths, excluded: exclusionCheck(loaded.config, loaded.ignoreBaseDir) });
  discovery.notices.forEach(warn);

  const analyzer = new Analyzer({ config: loaded.config, readFile: readText, rootDir });
  const texts = new Map<string, string>();
  for (const file of discovery.files) {
    const text = readText(file);
    if (text === undefined) continue;
    texts.set(file, text);
    analyzer.setFile(file, text);
  }
  const results = [...texts.keys()].map((file) => analyzer.analyzeFile(file));
  const report = buildReport({
    rootDir,
    toolVersion: TOOL_VERSION,
    rules: allRules,
    results,
    textOf: (file) => texts.get(file),
  });

  const simulate = memoizedRuns(options.seed);
  const findings: ReportFinding[] = report.files.flatMap((file) =>
    file.findings.map((finding) =>
      reportFinding(
        finding,
        `${file.displayPath}:${finding.span.startPos.line}:${finding.span.startPos.column}`,
        simulate,
      ),
    ),
  );
  const data: ReportData = {
    schema: 'goodput.report/1',
    title: 'Goodput report',
    toolVersion: TOOL_VERSION,
    fileCount: report.fileCount,
    models: listModels(),
    findings,
  };
  const path = resolve(cwd, options.outputFile);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, reportHtml({ nonce: randomBytes(18).toString('base64'), ...bundle, data }), 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot write ${options.outputFile}: ${error instanceof Error ? error.message : String(error)}`,
      false,
    );
  }
  const simulated = findings.filter((finding) => finding.written).length;
  io.err(`goodput report: wrote ${options.outputFile} (${findings.length} findings, ${simulated} simulated)\n`);
  return EXIT_OK;
}

function reportFinding(
  finding: Finding,
  location: string,
  simulate: (model: string, params: Record<string, number | string | boolean>) => SimulationResult,
): ReportFinding {
  const base: ReportFinding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    location,
    policy: finding.policy?.summary,
  };
  const scenario = finding.simulation;
  if (!scenario) return base;
  const written = simulate(scenario.model, scenario.params);
  const fixed = scenario.fixedParams
    ? simulate(scenario.model, { ...scenario.params, ...scenario.fixedParams })
    : undefined;
  return {
    ...base,
    scenario: { model: scenario.model, params: scenario.params, fixedParams: scenario.fixedParams },
    written,
    fixed,
  };
}

/** Findings of one kind share their scenario: each distinct one is simulated once. */
function memoizedRuns(seed: number) {
  const cache = new Map<string, SimulationResult>();
  return (model: string, params: Record<string, number | string | boolean>): SimulationResult => {
    const key = JSON.stringify([model, Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1))]);
    let result = cache.get(key);
    if (!result) {
      result = runModel(model, params, { seed });
      cache.set(key, result);
    }
    return result;
  };
}

/** dist/webview next to dist/cli.js, or the repository's dist/webview when run from sources. */
function readWebviewBundle(): { script: string; style: string } {
  for (const dir of [join(__dirname, 'webview'), join(__dirname, '..', '..', '..', '..', 'dist', 'webview')]) {
    if (existsSync(join(dir, 'panel.js'))) {
      return {
        script: readFileSync(join(dir, 'panel.js'), 'utf8'),
        style: readFileSync(join(dir, 'panel.css'), 'utf8'),
      };
    }
  }
  throw new Error('the webview bundle (dist/webview/panel.js) is missing; build it with `node scripts/build.mjs`');
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
