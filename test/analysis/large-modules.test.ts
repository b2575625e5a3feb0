import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, defaultConfig, allRules } from '../../server/src/analysis';

// A file above maxFileSizeKb is skipped when analyzed, and is not parsed when another file imports
// it either: it resolves as unreadable. In application code such files are bundled chunks of
// several MB that their neighbouring chunks import; parsing them as dependencies cost a third of
// the analysis time of ten backend apps, for values that are rarely in them.

// A fetch forwarder: its importer's call is flagged only when the module is read.
const FORWARDER = `export const send = (url: string, init?: RequestInit) => fetch(url, init);\n`;
const LARGE = FORWARDER + `// ${'x'.repeat(2000)}\n`;
const IMPORTER = `import { send } from './chunk';\nexport async function load(url: string) {\n  return send(url);\n}\n`;

function analyzerWithLimit(maxFileSizeKb: number): Analyzer {
  const analyzer = new Analyzer({ rootDir: '/ws' });
  analyzer.setConfig({ ...defaultConfig(allRules), maxFileSizeKb });
  return analyzer;
}

test('an imported module above maxFileSizeKb is not parsed, and its importer is analyzed without it', () => {
  const analyzer = analyzerWithLimit(1);
  analyzer.setFile('/ws/chunk.ts', LARGE);
  const result = analyzer.analyzeFile('/ws/app.ts', IMPORTER);
  assert.deepEqual([result.findings, result.failures, result.skipped], [[], [], undefined]);
  assert.equal(analyzer.files.hasTree('/ws/chunk.ts'), false);
  assert.match(analyzer.analyzeFile('/ws/chunk.ts').skipped ?? '', /above maxFileSizeKb \(1 KiB\)/);
});

test('the same module within the limit is followed, and raising the limit takes effect at once', () => {
  const analyzer = analyzerWithLimit(1);
  analyzer.setFile('/ws/chunk.ts', LARGE);
  assert.equal(analyzer.analyzeFile('/ws/app.ts', IMPORTER).findings.length, 0);
  analyzer.setConfig({ ...defaultConfig(allRules), maxFileSizeKb: 4 });
  const findings = analyzer.analyzeFile('/ws/app.ts', IMPORTER).findings;
  assert.deepEqual(
    findings.map((finding) => [finding.ruleId, finding.span.startPos.line]),
    [['require-timeout', 3]],
  );
});
