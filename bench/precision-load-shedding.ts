import { Analyzer, allRules, defaultConfig, type Finding } from '../server/src/analysis';
import { loadCorpus } from './corpus';
import { SERVER_CORPUS } from './precision-server-timeouts';

// Precision of require-load-shedding and of no-unbounded-queue's Redis offline-queue and p-queue
// findings on real code nobody here wrote: servers, dev servers and Redis-backed job queues
// (shipped npm sources). Prints every finding with its source line, to be judged by hand.

const EXTRA = ['http-server@14.1.1', 'json-server@0.17.4', 'bull@4.16.5', 'redis@4.7.1', 'p-queue@8.1.0'];
const RULES = ['require-load-shedding', 'no-unbounded-queue'];
const NEW_MESSAGES = new Set(['noLoadShedding', 'redisOfflineQueueUnbounded', 'workQueueAddUncapped']);

function main(): void {
  const files = loadCorpus('load-shedding', [...SERVER_CORPUS, ...EXTRA]);
  const config = defaultConfig(allRules);
  for (const id of Object.keys(config.rules)) if (!RULES.includes(id)) config.rules[id]!.severity = 'off';
  const analyzer = new Analyzer({ config, rootDir: files[0]?.fileName.replace(/node_modules\/.*$/, 'node_modules') });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  const findings: Finding[] = [];
  for (const file of files) {
    const result = analyzer.analyzeFile(file.fileName);
    findings.push(...result.findings.filter((finding) => NEW_MESSAGES.has(finding.messageId)));
    for (const failure of result.failures) console.error(`rule failure: ${failure.file}: ${failure.message}`);
  }
  const texts = new Map(files.map((file) => [file.fileName, file.text.split('\n')]));
  for (const finding of findings) {
    const line = texts.get(finding.file)?.[finding.span.startPos.line - 1]?.trim().slice(0, 140);
    console.log(
      `${analyzer.displayPath(finding.file)}:${finding.span.startPos.line} ${finding.messageId}\n    ${line}`,
    );
  }
  console.log(`\ncorpus: ${files.length} files`);
  for (const id of NEW_MESSAGES)
    console.log(`| ${id} | ${findings.filter((f) => f.messageId === id).length} findings |`);
}

if (require.main === module) main();
