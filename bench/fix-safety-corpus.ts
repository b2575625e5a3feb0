import { Analyzer } from '../server/src/analysis';
import type { Finding } from '../server/src/analysis/types';
import { checkFixes, parseErrors } from '../test/helpers/rule-tester';
import { CORPUS_PACKAGES, loadCorpus } from './corpus';
import { CACHE_PACKAGES } from './precision-cache';
import { RETRY_CORPUS_PACKAGES } from './precision-retry';
import { SERVER_CORPUS } from './precision-server-timeouts';
import { TIMEOUT_CORPUS } from './precision-timeout';

// The fix-safety property over every finding in the corpora (code nobody here wrote): each fix
// parses (no parse error the file did not already have), removes its finding, and changes
// nothing outside the flagged node except insertions at the top of the module. The unit tests
// check the same property over every fixture and the example backend; this run needs the
// pinned packages, so it lives with the benchmarks (`node --import tsx bench/fix-safety-corpus.ts`).

const CORPORA: Array<[string, readonly string[]]> = [
  ['main', CORPUS_PACKAGES],
  ['retry', RETRY_CORPUS_PACKAGES],
  ['timeout', TIMEOUT_CORPUS],
  ['server-timeouts', SERVER_CORPUS],
  ['cache', CACHE_PACKAGES],
];

function main(): void {
  let findings = 0;
  let fixes = 0;
  let skipped = 0;
  const failures: string[] = [];
  for (const [name, packages] of CORPORA) {
    const files = loadCorpus(name, packages);
    const analyzer = new Analyzer({ rootDir: '/' });
    for (const file of files) analyzer.setFile(file.fileName, file.text);
    for (const file of files) {
      const found: Finding[] = analyzer.analyzeFile(file.fileName).findings.filter((finding) => finding.fixes.length > 0);
      if (found.length === 0) continue;
      // A file that does not parse cleanly as it is cannot tell us whether a fix broke it.
      if (parseErrors(file.fileName, file.text).length > 0) {
        skipped += found.length;
        continue;
      }
      for (const finding of found) {
        findings++;
        fixes += finding.fixes.length;
        try {
          checkFixes(analyzer, file.fileName, file.text, finding, finding.ruleId);
        } catch (error) {
          const where = `${file.fileName.replace(/^.*node_modules\//, '')}:${finding.span.startPos.line} ${finding.ruleId}`;
          failures.push(`${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        }
      }
    }
  }
  console.log(`${findings} findings with fixes (${fixes} fixes) over ${CORPORA.length} corpora; ${skipped} skipped in files that do not parse cleanly`);
  for (const failure of failures) console.log(`  ✖ ${failure}`);
  console.log(failures.length === 0 ? 'every fix: parses, removes its finding, stays in its node' : `${failures.length} unsafe fixes`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main();
