import { buildSync } from 'esbuild';
import { join } from 'node:path';

// The analyzer as Goodput ships it: the CLI and the language server run esbuild bundles, in
// which the analysis modules are one scope and call each other directly. Loaded from sources
// through tsx, as the rest of the bench is, every call into another module goes through that
// module's export getter first; the parse ratio is measured on both, and the bundle is what
// users run. Packages stay external, so both measure the same TypeScript parser.

export type AnalysisModules = typeof import('./bundled-analysis-entry');

const OUTFILE = join(__dirname, '.build', 'analysis.cjs');

let loaded: AnalysisModules | undefined;

/** Bundles once per process: the corpus and the application code measure the same bundle. */
export function loadBundledAnalysis(): AnalysisModules {
  return (loaded ??= build());
}

function build(): AnalysisModules {
  buildSync({
    entryPoints: [join(__dirname, 'bundled-analysis-entry.ts')],
    outfile: OUTFILE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(OUTFILE) as AnalysisModules;
}
