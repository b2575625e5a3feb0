import { Analyzer, allRules } from '../server/src/analysis';
import { loadCorpus, type CorpusFile } from './corpus';

// How much of the corpus each rule's cheap per-file check lets through (those files are parsed
// and walked) against how much of it yields a finding or a hover note. The analysis time follows
// the share parsed, so a check that lets much through for little found is where speed is: this
// is how the retry, fetch, route and signal checks were found to read prose as code (session
// notes of issue 11). Run: node --import tsx bench/gate-coverage.ts

interface RuleCoverage {
  id: string;
  /** Files the rule's analysis parsed: the file itself and the modules it read. */
  parsed: Set<string>;
  /** Files where the rule reported a finding or a hover note. */
  productive: Set<string>;
}

function coverage(files: readonly CorpusFile[], ruleId: string): RuleCoverage {
  const analyzer = new Analyzer({ rootDir: '/', rules: allRules.filter((rule) => rule.id === ruleId) });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  const parsed = new Set<string>();
  // Every parse goes through the workspace's tree(): wrap this instance's to record them.
  const workspace = analyzer.files;
  const tree = workspace.tree.bind(workspace);
  workspace.tree = (fileName) => {
    parsed.add(fileName);
    return tree(fileName);
  };
  const productive = new Set<string>();
  for (const file of files) {
    const result = analyzer.analyzeFile(file.fileName);
    if (result.findings.length > 0 || result.policies.length > 0) productive.add(file.fileName);
  }
  return { id: ruleId, parsed, productive };
}

function main(): void {
  const files = loadCorpus();
  const chars = new Map(files.map((file) => [file.fileName, file.text.length]));
  const total = files.reduce((sum, file) => sum + file.text.length, 0);
  const share = (names: Iterable<string>) => {
    let sum = 0;
    for (const name of names) sum += chars.get(name) ?? 0;
    return `${((100 * sum) / total).toFixed(1)} %`;
  };
  const rules = allRules.map((rule) => coverage(files, rule.id));
  const union = (list: readonly RuleCoverage[]) => new Set(list.flatMap((rule) => [...rule.parsed]));
  console.log(`corpus: ${files.length} files; share of its characters parsed by all rules: ${share(union(rules))}\n`);
  console.log('| rule | parsed | productive | parsed by all rules but this one |');
  console.log('| --- | --- | --- | --- |');
  for (const rule of rules) {
    const others = union(rules.filter((other) => other !== rule));
    console.log(`| ${rule.id} | ${share(rule.parsed)} | ${share(rule.productive)} | ${share(others)} |`);
  }
  // The four retry rules share one check: what the parse would lose without a family's checks.
  const familyOf = new Map(allRules.map((rule) => [rule.id, rule.meta.family]));
  console.log('\n| family | parsed by all rules of the other families |');
  console.log('| --- | --- |');
  for (const family of new Set(familyOf.values())) {
    const others = union(rules.filter((rule) => familyOf.get(rule.id) !== family));
    console.log(`| ${family} | ${share(others)} |`);
  }
}

main();
