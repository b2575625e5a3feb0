import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { Analyzer } from '../server/src/analysis';
import { scriptKindOf } from '../server/src/analysis/workspace-files';
import { mutations } from '../test/helpers/fuzz-inputs';
import { loadCorpus } from './corpus';

// Robustness of speed: every corpus file, mutated versions of a sample of them, and TypeScript's
// own lib .d.ts files, each analyzed alone. Most files are skipped without parsing (no rule can
// apply), so "100× the median time" would be 100× a no-op; instead each file's analysis time is
// compared with its own parse time, and no file may cost more than 100× the median of that ratio:
// a rule that goes superlinear on some input shows up here. Timing belongs here, not in unit
// tests (the fuzz test checks the same inputs for crashes).

const LIMIT = 100;

/** A floor for the parse time so that tiny files do not make ratios explode from timer noise. */
const MIN_PARSE_MS = 0.1;

interface Timing {
  fileName: string;
  ms: number;
  ratio: number;
}

function timeEach(inputs: Array<{ fileName: string; text: string }>): Timing[] {
  const analyzer = new Analyzer({ rootDir: '/' });
  for (const input of inputs) analyzer.setFile(input.fileName, input.text);
  for (const input of inputs.slice(0, 200)) analyzer.analyzeFile(input.fileName); // warm-up
  return inputs.map((input) => {
    let started = performance.now();
    ts.createSourceFile(input.fileName, input.text, ts.ScriptTarget.Latest, false, scriptKindOf(input.fileName));
    const parseMs = performance.now() - started;
    started = performance.now();
    analyzer.analyzeFile(input.fileName);
    const ms = performance.now() - started;
    return { fileName: input.fileName, ms, ratio: ms / Math.max(parseMs, MIN_PARSE_MS) };
  });
}

function main(): void {
  const corpus = loadCorpus();
  const libDir = join(__dirname, '..', 'node_modules', 'typescript', 'lib');
  const libs = readdirSync(libDir)
    .filter((name) => /^lib\..*\.d\.ts$/.test(name))
    .map((name) => ({ fileName: `/lib/${name.replace(/\.d\.ts$/, '.ts')}`, text: readFileSync(join(libDir, name), 'utf8') }));
  const mutated = corpus
    .filter((_, index) => index % 25 === 0)
    .flatMap((file) => mutations(file.text, file.fileName, 4).map((m) => ({ fileName: `/mutated/${m.name}`, text: m.text })));
  const times = timeEach([...corpus, ...libs, ...mutated]).sort((a, b) => a.ratio - b.ratio);
  const median = times[Math.floor(times.length / 2)]!.ratio;
  const worst = times[times.length - 1]!;
  const spread = worst.ratio / median;
  console.log(`${times.length} files (corpus ${corpus.length}, lib .d.ts ${libs.length}, mutated ${mutated.length})`);
  console.log(`analysis ÷ own parse: median ${median.toFixed(2)}, worst ${worst.ratio.toFixed(2)} (${worst.fileName}, ${worst.ms.toFixed(1)} ms)`);
  console.log(`worst ÷ median: ${spread.toFixed(1)} (limit ${LIMIT})`);
  for (const slow of times.slice(-5).reverse()) console.log(`  ×${slow.ratio.toFixed(2)}  ${slow.ms.toFixed(1)} ms  ${slow.fileName}`);
  process.exitCode = spread > LIMIT ? 1 : 0;
}

main();
