import { Analyzer, allRules, defaultConfig, type Finding } from '../server/src/analysis';
import { loadCorpus } from './corpus';

// Precision of require-server-timeouts on real code nobody here wrote: the shipped sources of npm
// packages that create HTTP servers (frameworks, dev servers, proxies). Runs with the load
// balancer option set (60000, an ALB) so the keep-alive check is exercised too. Prints every
// finding with its source line, to be judged by hand; `--summary` prints only the counts.

export const SERVER_CORPUS = [
  'fastify@5.6.1',
  'koa@3.0.1',
  'express@5.1.0',
  'http-proxy@1.18.1',
  'micro@10.0.1',
  'serve@14.2.5',
];
const RULE = 'require-server-timeouts';

function main(): void {
  const files = loadCorpus('server-timeouts', SERVER_CORPUS);
  const config = defaultConfig(allRules);
  for (const id of Object.keys(config.rules)) if (id !== RULE) config.rules[id]!.severity = 'off';
  config.rules[RULE]!.options = { ...config.rules[RULE]!.options, loadBalancerIdleTimeoutMs: 60_000 };
  const analyzer = new Analyzer({ config, rootDir: files[0]?.fileName.replace(/node_modules\/.*$/, 'node_modules') });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  const findings: Finding[] = [];
  for (const file of files) {
    const result = analyzer.analyzeFile(file.fileName);
    findings.push(...result.findings);
    for (const failure of result.failures) console.error(`rule failure: ${failure.file}: ${failure.message}`);
  }
  const texts = new Map(files.map((file) => [file.fileName, file.text.split('\n')]));
  if (!process.argv.includes('--summary'))
    for (const finding of findings) {
      const line = texts.get(finding.file)?.[finding.span.startPos.line - 1]?.trim().slice(0, 140);
      console.log(
        `${analyzer.displayPath(finding.file)}:${finding.span.startPos.line} ${finding.messageId}\n    ${line}`,
      );
    }
  console.log(`\ncorpus: ${files.length} files; ${RULE}: ${findings.length} findings`);
}

if (require.main === module) main();
