import { Analyzer, allRules, defaultConfig, type Finding } from '../server/src/analysis';
import { loadCorpus } from './corpus';

// Precision of the timeout family on real code nobody here wrote: the shipped sources of npm
// packages that make outbound calls (SDKs over axios, fetch, undici and node http; job queues and
// session stores over pg and ioredis). Prints every finding with its source line, to be judged by
// hand; `--summary` prints only the counts. The verdicts are recorded in docs/rules (precision).

export const TIMEOUT_CORPUS = [
  '@slack/web-api@8.2.0',
  'twilio@6.2.0',
  '@sendgrid/client@8.1.6',
  'openai@7.57.0',
  'stripe@23.1.0',
  '@octokit/request@10.0.16',
  'mailgun.js@14.0.1',
  '@elastic/elasticsearch@9.5.1',
  '@notionhq/client@5.26.0',
  'bull@4.16.5',
  'connect-pg-simple@10.0.0',
  'pg-boss@12.38.0',
  'graphile-worker@0.18.0',
  '@keyv/redis@5.1.6',
  'node-telegram-bot-api@2.1.0',
  'rate-limiter-flexible@11.4.0',
];

const RULES = ['require-timeout', 'no-unenforced-timeout', 'require-deadline-propagation'];

function main(): void {
  const files = loadCorpus('timeout', TIMEOUT_CORPUS);
  const config = defaultConfig(allRules);
  for (const id of Object.keys(config.rules)) if (!RULES.includes(id)) config.rules[id]!.severity = 'off';
  const analyzer = new Analyzer({ config, rootDir: files[0]?.fileName.replace(/node_modules\/.*$/, 'node_modules') });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  const findings: Finding[] = [];
  let failures = 0;
  const started = performance.now();
  for (const file of files) {
    const result = analyzer.analyzeFile(file.fileName);
    findings.push(...result.findings);
    failures += result.failures.length;
    for (const failure of result.failures)
      console.error(`rule failure: ${failure.ruleId} ${failure.file}: ${failure.message}`);
  }
  const ms = performance.now() - started;
  const texts = new Map(files.map((file) => [file.fileName, file.text.split('\n')]));
  if (!process.argv.includes('--summary')) {
    for (const finding of findings) {
      const line = texts.get(finding.file)?.[finding.span.startPos.line - 1]?.trim().slice(0, 140);
      console.log(
        `${analyzer.displayPath(finding.file)}:${finding.span.startPos.line} ${finding.ruleId}/${finding.messageId}\n    ${line}\n    ${finding.policy?.summary ?? ''}`,
      );
    }
  }
  console.log(
    `\ncorpus: ${files.length} files (${TIMEOUT_CORPUS.length} packages + dependencies), analysed in ${ms.toFixed(0)} ms, ${failures} rule failures`,
  );
  for (const id of RULES) console.log(`${id}: ${findings.filter((finding) => finding.ruleId === id).length} findings`);
}

if (require.main === module) main();
