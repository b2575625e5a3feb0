import { ts } from 'ts-morph';
import * as sources from './bundled-analysis-entry';
import type { ReadFile } from '../server/src/analysis/workspace-files';
import type { RuleContext, RuleDefinition } from '../server/src/analysis/rule';
import { loadBundledAnalysis, type AnalysisModules } from './bundled-analysis';
import type { CorpusFile } from './corpus';

// Whole-corpus analysis time ÷ TypeScript's own `createSourceFile` on the same files, measured
// in one process, alternating, median of several rounds. Ratios, not absolute times: machines
// are noisy, ratios between two runs of the same workload much less so.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function parseAll(files: readonly CorpusFile[]): number {
  const started = performance.now();
  for (const file of files) {
    ts.createSourceFile(file.fileName, file.text, ts.ScriptTarget.Latest, false, sources.scriptKindOf(file.fileName));
  }
  return performance.now() - started;
}

/**
 * A whole-workspace analysis as `goodput check` and the server's workspace mode run it: every file
 * loaded, then each analyzed after the modules it imports (`analysisOrder`, timed too).
 */
function analyzeAll(
  { Analyzer }: AnalysisModules,
  files: readonly CorpusFile[],
  readFile?: ReadFile,
): { ms: number; findings: number } {
  const started = performance.now();
  const analyzer = new Analyzer({ rootDir: '/', readFile });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  let findings = 0;
  const order = analyzer.analysisOrder(files.map((file) => file.fileName));
  for (const fileName of order) findings += analyzer.analyzeFile(fileName).findings.length;
  return { ms: performance.now() - started, findings };
}

/**
 * The floor for rules that must look at every file: parse each file and run the engine's single
 * linked traversal with a visitor on every call. Today's rules skip most files (see engine.ts);
 * this keeps the number honest for the rule families still to come. `treeCacheChars`: 0 drops
 * each tree after its walk; the default keeps trees as the analysis does, for the files that
 * import them, and shows what keeping them costs (they outlive young-generation collections).
 */
function traverseAll({ WorkspaceFiles, runRules }: AnalysisModules, files: readonly CorpusFile[], treeCacheChars?: number): number {
  const started = performance.now();
  const workspace = new WorkspaceFiles(undefined, treeCacheChars);
  for (const file of files) workspace.setFile(file.fileName, file.text);
  let calls = 0;
  const countCalls = {
    id: 'count-calls',
    meta: { family: 'timeout', severity: 'hint', docs: { description: '' }, messages: {}, fix: 'none', options: {} },
    create: () => ({ [ts.SyntaxKind.CallExpression]: () => void calls++ }),
  } as RuleDefinition;
  for (const file of files) {
    runRules(file.fileName, () => workspace.tree(file.fileName)!, [{ rule: countCalls, options: {}, context: {} as RuleContext }]);
  }
  if (calls === 0) throw new Error('the traversal visited no call');
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface ParseFigures {
  files: number;
  mib: number;
  parseMs: number;
  /** The analysis as shipped: bundled (bundled-analysis.ts). */
  analysisMs: number;
  /** The same analysis loaded from sources through tsx. */
  sourcesAnalysisMs: number;
  /** Parse and linked traversal, no tree kept. */
  traversalMs: number;
  /** The same with trees kept in the tree cache, as the analysis keeps them. */
  cachedTraversalMs: number;
  /** The lowest and highest analysis ÷ parse of single rounds: how much the median can be trusted. */
  analysisRatioRange: [number, number];
  findings: number;
}

/**
 * Median of ROUNDS alternating rounds of: raw parse, Goodput analysis (bundled, then from
 * sources), full linked traversal without and with the tree cache.
 * `readFile` gives the analyzer what it reads beside the sources (package manifests).
 */
export function measureParseRatios(files: readonly CorpusFile[], readFile?: ReadFile): ParseFigures {
  const bundled = loadBundledAnalysis();
  parseAll(files); // warm-up: JIT and the parser's caches
  analyzeAll(bundled, files, readFile);
  analyzeAll(sources, files, readFile);
  traverseAll(bundled, files, 0);
  const parse: number[] = [];
  const analysis: number[] = [];
  const sourcesAnalysis: number[] = [];
  const traversal: number[] = [];
  const cachedTraversal: number[] = [];
  let findings = 0;
  for (let round = 0; round < ROUNDS; round++) {
    parse.push(parseAll(files));
    const result = analyzeAll(bundled, files, readFile);
    analysis.push(result.ms);
    findings = result.findings;
    sourcesAnalysis.push(analyzeAll(sources, files, readFile).ms);
    traversal.push(traverseAll(bundled, files, 0));
    cachedTraversal.push(traverseAll(bundled, files));
  }
  const mib = files.reduce((sum, file) => sum + file.text.length, 0) / 1024 / 1024;
  const roundRatios = analysis.map((ms, round) => ms / parse[round]!);
  return {
    files: files.length,
    mib,
    parseMs: median(parse),
    analysisMs: median(analysis),
    sourcesAnalysisMs: median(sourcesAnalysis),
    traversalMs: median(traversal),
    cachedTraversalMs: median(cachedTraversal),
    analysisRatioRange: [Math.min(...roundRatios), Math.max(...roundRatios)],
    findings,
  };
}
