import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { Analyzer } from '../server/src/analysis';
import { scriptKindOf, type ReadFile } from '../server/src/analysis/workspace-files';
import { isStackOverflow } from '../server/src/analysis/skip-reasons';
import { mutations } from '../test/helpers/fuzz-inputs';
import { loadCorpus, type CorpusFile } from './corpus';
import { APPLICATION_PACKAGES, loadPackedSources, readManifest } from './precision-cache';
import { stressInputs } from './stress-inputs';

// Robustness of speed: every corpus file, mutated versions of a sample of them, and TypeScript's
// own lib .d.ts files, each analyzed alone. Most files are skipped without parsing (no rule can
// apply), so "100× the median time" would be 100× a no-op; and a small file's first analysis
// also parses the modules it imports, which says nothing about the file itself. So each file is
// analyzed again after a first run, and that time — its own walk and rules, imports already
// loaded — is compared with the file's own parse time; the median is over the files the rules looked at.
// No file may cost more than 100× that median ratio: a rule that goes superlinear on some input
// shows up here. Timing belongs here, not in unit tests (the fuzz test checks the same inputs
// for crashes).

export const LIMIT = 100;

/** A floor for the parse time so that tiny files do not make ratios explode from timer noise. */
const MIN_PARSE_MS = 0.1;

interface Timing {
  fileName: string;
  /** The file analyzed again (its own walk and rules): the fastest of three runs. */
  ms: number;
  /** The first analysis, including parsing the file and the modules it imports. */
  firstMs: number;
  ratio: number;
  /** Whether any rule looked at the file (it was parsed). */
  examined: boolean;
  /** Rules that threw on the file (each is isolated and reported; there should be none). */
  failures: string[];
}

function timeEach(inputs: ReadonlyArray<{ fileName: string; text: string }>, readFile?: ReadFile): Timing[] {
  const analyzer = new Analyzer({ rootDir: '/', readFile });
  for (const input of inputs) analyzer.setFile(input.fileName, input.text);
  for (const input of inputs.slice(0, 200)) analyzer.analyzeFile(input.fileName); // warm-up
  return inputs.map((input) => {
    let started = performance.now();
    try {
      ts.createSourceFile(input.fileName, input.text, ts.ScriptTarget.Latest, false, scriptKindOf(input.fileName));
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      // TypeScript's own parser runs out of stack on this input: there is no parse time to compare
      // with. The analyzer must still come back (it skips the file with a reason).
      const { failures } = analyzer.analyzeFile(input.fileName);
      const failed = failures.map((failure) => `${failure.ruleId}: ${failure.message}`);
      return { fileName: input.fileName, ms: 0, firstMs: 0, ratio: 0, examined: false, failures: failed };
    }
    const parseMs = performance.now() - started;
    started = performance.now();
    const { failures } = analyzer.analyzeFile(input.fileName);
    const firstMs = performance.now() - started;
    const examined = analyzer.files.hasTree(input.fileName);
    // The fastest of three: a garbage collection landing in one run is not the file's cost.
    let ms = Infinity;
    for (let run = 0; run < 3; run++) {
      started = performance.now();
      analyzer.analyzeFile(input.fileName);
      ms = Math.min(ms, performance.now() - started);
    }
    return {
      fileName: input.fileName,
      ms,
      firstMs,
      ratio: ms / Math.max(parseMs, MIN_PARSE_MS),
      examined,
      failures: failures.map((failure) => `${failure.ruleId}: ${failure.message}`),
    };
  });
}

export interface PerFileFigures {
  files: number;
  examined: number;
  medianRatio: number;
  worst: Timing;
  /** Worst file's ratio ÷ the median ratio. */
  spread: number;
  slowest: Timing[];
  slowestFirst: Timing;
  /** `file: rule: message` for every rule that threw. */
  crashes: string[];
  summary: string;
}

/** Every corpus file, TypeScript's lib .d.ts files, mutated corpus files and stress inputs, timed one by one. */
export function measurePerFileSpread(corpus: readonly CorpusFile[]): PerFileFigures {
  const libDir = join(__dirname, '..', 'node_modules', 'typescript', 'lib');
  const libs = readdirSync(libDir)
    .filter((name) => /^lib\..*\.d\.ts$/.test(name))
    .map((name) => ({ fileName: `/lib/${name.replace(/\.d\.ts$/, '.ts')}`, text: readFileSync(join(libDir, name), 'utf8') }));
  const mutated = corpus
    .filter((_, index) => index % 25 === 0)
    .flatMap((file) => mutations(file.text, file.fileName, 4).map((m) => ({ fileName: `/mutated/${m.name}`, text: m.text })));
  const stress = stressInputs();
  return spreadOf(
    timeEach([...corpus, ...libs, ...mutated, ...stress]),
    `corpus ${corpus.length}, lib .d.ts ${libs.length}, mutated ${mutated.length}, stress ${stress.length}`,
  );
}

/**
 * Every file of the application code, timed one by one. Library packages are written to be
 * shipped; applications carry what libraries do not: generated option docs, vendored browser
 * bundles, migrations, long JSDoc-only files. A check that went superlinear there (a RegExp
 * skipping leading comments took 205 s on one such file) showed only as a whole-corpus total.
 */
export function measureApplicationSpread(files: readonly CorpusFile[]): PerFileFigures {
  return spreadOf(timeEach(files, readManifest), `application code ${files.length}`);
}

function spreadOf(all: Timing[], parts: string): PerFileFigures {
  const times = all.filter((timing) => timing.examined).sort((a, b) => a.ratio - b.ratio);
  const medianRatio = times[Math.floor(times.length / 2)]!.ratio;
  const worst = times[times.length - 1]!;
  return {
    files: all.length,
    examined: times.length,
    medianRatio,
    worst,
    spread: worst.ratio / medianRatio,
    slowest: times.slice(-5).reverse(),
    slowestFirst: [...all].sort((a, b) => b.firstMs - a.firstMs)[0]!,
    crashes: all.flatMap((timing) => timing.failures.map((failure) => `${timing.fileName}: ${failure}`)),
    summary: `${all.length} files (${parts}); ${times.length} examined by some rule, the rest skipped unparsed`,
  };
}

function main(): void {
  const runs = [measurePerFileSpread(loadCorpus())];
  if (process.env.BENCH_APPS) runs.push(measureApplicationSpread(loadPackedSources('cache-apps', APPLICATION_PACKAGES)));
  for (const figures of runs) {
    const { worst } = figures;
    console.log(figures.summary);
    console.log(`analysis ÷ own parse over examined files: median ${figures.medianRatio.toFixed(2)}, worst ${worst.ratio.toFixed(2)} (${worst.fileName}, ${worst.ms.toFixed(1)} ms)`);
    console.log(`worst ÷ median: ${figures.spread.toFixed(1)} (limit ${LIMIT})`);
    for (const slow of figures.slowest) console.log(`  ×${slow.ratio.toFixed(2)}  ${slow.ms.toFixed(1)} ms  ${slow.fileName}`);
    console.log(`slowest first analysis (with its imports parsed): ${figures.slowestFirst.firstMs.toFixed(1)} ms, ${figures.slowestFirst.fileName}`);
    console.log(`rule crashes: ${figures.crashes.length}`);
    for (const crash of figures.crashes) console.log(`  ✖ ${crash}`);
  }
  process.exitCode = runs.some((figures) => figures.spread > LIMIT || figures.crashes.length > 0) ? 1 : 0;
}

if (require.main === module) main();
