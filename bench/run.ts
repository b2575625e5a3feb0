import { measureParseRatios, type ParseFigures } from './analyzer-vs-parse';
import { eslintMs, goodputMs } from './analyzer-vs-eslint';
import { CORPUS_PACKAGES, loadCorpus } from './corpus';
import { LIMIT, measureApplicationSpread, measurePerFileSpread } from './per-file-times';
import { APPLICATION_PACKAGES, loadPackedSources, readManifest } from './precision-cache';
import { measureResultCache } from './result-cache';
import { measureServer } from './server';
import { measureThreads } from './threads';

// `npm run bench`: every speed figure of the analyzer and the server, as one table. Ratios are
// measured within one run (same machine state); absolute times are for orientation only.

async function main(): Promise<void> {
  const files = loadCorpus();
  const parse = measureParseRatios(files);
  goodputMs(files.slice(0, 200)); // warm-up
  const eslint = await eslintMs(files);
  const goodput = goodputMs(files);
  const server = await measureServer();
  const perFile = measurePerFileSpread(files);
  const cache = measureResultCache(files);
  const threads = await measureThreads(files);
  // Application code (BENCH_APPS=1): ten backend applications published to npm, packed sources.
  const appFiles = process.env.BENCH_APPS ? loadPackedSources('cache-apps', APPLICATION_PACKAGES) : undefined;
  const apps = appFiles && measureParseRatios(appFiles, readManifest);
  const appsPerFile = appFiles && measureApplicationSpread(appFiles);

  const rows: Array<[string, string, string]> = [
    ['analysis ÷ ts.createSourceFile (whole corpus, bundled as shipped; lowest–highest single round)', withRange(parse), '≤ 1.3'],
    ['the same analysis loaded from sources through tsx ÷ parse', ratio(parse.sourcesAnalysisMs / parse.parseMs), '—'],
    ['parse + linked traversal of every file ÷ parse (floor for rules that read every file)', ratio(parse.traversalMs / parse.parseMs), '—'],
    ['the same, trees kept in the tree cache for their importers as the analysis keeps them ÷ parse', ratio(parse.cachedTraversalMs / parse.parseMs), '—'],
    ['analysis ÷ ESLint + typescript-eslint, 5 AST-only rules', ratio(goodput / eslint), '≤ 0.25'],
    ['keystroke → diagnostics, analysis only (2,000-line file)', `${server.keystrokeAnalysisMs.toFixed(1)} ms`, '≤ 5 ms'],
    ['keystroke → diagnostics, end to end over stdio (debounce 0)', `${server.keystrokeEndToEndMs.toFixed(1)} ms`, '—'],
    [`server memory after indexing ${server.files} files ÷ raw parse of them`, ratio(server.serverRssMb / server.rawParseRssMb), '≤ 1.3'],
    ['server cold start → first diagnostics', `${server.coldStartMs.toFixed(0)} ms`, '—'],
    [
      `slowest file ÷ median, analysis ÷ own parse (${perFile.examined} examined of ${perFile.files}: corpus, lib .d.ts, mutated, stress)`,
      ratio(perFile.spread),
      `≤ ${LIMIT}`,
    ],
    ['rule crashes over those files', String(perFile.crashes.length), '0'],
    [`check --cache after editing 5 files (${cache.reanalyzed} analyzed again, cache ${cache.cacheMib.toFixed(1)} MiB) ÷ without the cache`, ratio(cache.warmMs / cache.coldMs), '—'],
    ['first check --cache (recording what each result depends on) ÷ without the cache', ratio(cache.recordingMs / cache.coldMs), '—'],
    [`check --concurrency: analysis in ${threads.threads} worker threads ÷ in 1, both started cold (wall time; ${threads.cores} cores)`, ratio(threads.threadedMs / threads.oneWorkerMs), '—'],
    ...(apps && appsPerFile
      ? ([
          [`analysis ÷ ts.createSourceFile, application code (${apps.files} files, ${apps.mib.toFixed(1)} MiB; bundled)`, withRange(apps), '—'],
          [`slowest file ÷ median, application code (${appsPerFile.examined} examined of ${appsPerFile.files})`, ratio(appsPerFile.spread), `≤ ${LIMIT}`],
          ['rule crashes over application code', String(appsPerFile.crashes.length), '0'],
        ] as Array<[string, string, string]>)
      : []),
  ];
  console.log(`corpus: ${parse.files} files, ${parse.mib.toFixed(1)} MiB from ${CORPUS_PACKAGES.length} pinned npm packages and their dependencies; ${parse.findings} findings`);
  console.log(`raw parse ${parse.parseMs.toFixed(0)} ms · analysis ${parse.analysisMs.toFixed(0)} ms (from sources: ${parse.sourcesAnalysisMs.toFixed(0)} ms) · traversal ${parse.traversalMs.toFixed(0)} ms (trees kept: ${parse.cachedTraversalMs.toFixed(0)} ms) · ESLint ${eslint.toFixed(0)} ms vs Goodput ${goodput.toFixed(0)} ms`);
  console.log(`server: RSS ${server.serverRssMb.toFixed(0)} MB vs raw parse ${server.rawParseRssMb.toFixed(0)} MB; indexed in ${server.indexedMs.toFixed(0)} ms\n`);
  console.log('| measure | result | target |');
  console.log('| --- | --- | --- |');
  for (const [measure, result, target] of rows) console.log(`| ${measure} | ${result} | ${target} |`);
}

/** The median ratio, then the range of single rounds: rounds of the same work differ by up to a tenth. */
function withRange(figures: ParseFigures): string {
  const [lowest, highest] = figures.analysisRatioRange;
  return `${ratio(figures.analysisMs / figures.parseMs)} (${ratio(lowest)}–${ratio(highest)})`;
}

function ratio(value: number): string {
  return value.toFixed(2);
}

void main();
