import { Analyzer, allRules, defaultConfig } from '../server/src/analysis';
import { loadCorpus, type CorpusFile } from './corpus';

// Precision of the retry rules on real code nobody here wrote: the shipped sources of npm
// packages that retry (SDKs, HTTP clients, drivers, queue libraries), pinned. Prints every
// finding with its computed schedule so each one can be judged by reading the code.
// Usage: npx tsx bench/precision-retry.ts [--quiet]

const RETRY_RULES = ['no-fixed-interval-retry', 'require-retry-jitter', 'no-unbounded-retry', 'no-retry-amplification'];

/** Packages that retry, beyond the main corpus (which already has bullmq, ioredis, mongodb, kafkajs, amqplib, cockatiel, p-retry, axios-retry, undici, @smithy). */
export const RETRY_CORPUS_PACKAGES = [
  '@slack/web-api@7.8.0',
  'stripe@17.7.0',
  'openai@4.104.0',
  'gaxios@6.7.1',
  'redis@4.7.0',
  'got@14.4.7',
  'async-retry@1.3.3',
  'promise-retry@2.0.1',
  'exponential-backoff@3.1.1',
];

function analyze(files: readonly CorpusFile[]) {
  const config = defaultConfig(allRules);
  for (const [id, rule] of Object.entries(config.rules)) if (!RETRY_RULES.includes(id)) rule.severity = 'off';
  const analyzer = new Analyzer({ config, rootDir: '/' });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  const started = performance.now();
  const findings = files.flatMap((file) => analyzer.analyzeFile(file.fileName).findings);
  return { findings, ms: performance.now() - started };
}

function main(): void {
  const quiet = process.argv.includes('--quiet');
  const files = [...loadCorpus(), ...loadCorpus('retry', RETRY_CORPUS_PACKAGES)];
  const { findings, ms } = analyze(files);
  const perRule = new Map(RETRY_RULES.map((id) => [id, 0]));
  for (const finding of findings) {
    perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
    if (quiet) continue;
    const where = finding.file.replace(/^.*\/node_modules\//, '');
    console.log(
      `${where}:${finding.span.startPos.line}  ${finding.ruleId}\n    ${finding.policy?.summary ?? finding.message}`,
    );
  }
  console.log(`\n${files.length} files analyzed in ${ms.toFixed(0)} ms`);
  console.log('| rule | findings |\n| --- | --- |');
  for (const [id, count] of perRule) console.log(`| ${id} | ${count} |`);
}

if (require.main === module) main();
