import { Analyzer, allRules, defaultConfig, type Finding } from '../server/src/analysis';
import { loadCorpus, CORPUS_PACKAGES } from './corpus';

// Precision of the pool family on real code nobody here wrote: the shipped sources of the
// benchmark corpus (npm packages, pinned). Prints every finding with its line so each one can
// be judged by hand, then the counts per rule. `BENCH_CORPUS=apps` runs the application-style set below instead.

const POOL_RULES = new Set(allRules.filter((rule) => rule.meta.family === 'pool').map((rule) => rule.id));

/** Extra pinned packages with application-style code (servers, workers, CLIs that fan out). */
const APPLICATION_PACKAGES = ['typeorm@1.1.1', 'node-pg-migrate@9.0.0'];

function main(): void {
  const name = process.env.BENCH_CORPUS ?? 'main';
  const packages = name === 'apps' ? APPLICATION_PACKAGES : CORPUS_PACKAGES;
  const files = loadCorpus(name, packages);
  const config = defaultConfig(allRules);
  for (const [id, rule] of Object.entries(config.rules)) if (!POOL_RULES.has(id)) rule!.severity = 'off';
  const analyzer = new Analyzer({ config, rootDir: '/' });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  const findings: Finding[] = [];
  let failures = 0;
  for (const file of files) {
    const result = analyzer.analyzeFile(file.fileName);
    failures += result.failures.length;
    for (const finding of result.findings) {
      findings.push(finding);
      const line = file.text.split('\n')[finding.span.startPos.line - 1]!.trim().slice(0, 140);
      const where = finding.file.replace(/^.*node_modules\//, '');
      console.log(
        `${where}:${finding.span.startPos.line} ${finding.ruleId}\n    ${line}\n    ${finding.policy?.summary ?? ''}`,
      );
    }
  }
  console.log(`\ncorpus "${name}": ${files.length} files; rule failures: ${failures}`);
  for (const id of POOL_RULES) console.log(`| ${id} | ${findings.filter((f) => f.ruleId === id).length} findings |`);
}

if (require.main === module) main();
