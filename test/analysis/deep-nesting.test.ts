import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/analysis';

// TypeScript's parser is recursive: a file nested a hundred thousand deep (a generated or
// damaged file) exhausts the stack. That file is skipped with a reason; it must not end the
// analysis of the others, nor of the modules that import it.

// Shaped like a fetch forwarder, so that its importer's call has to be resolved into it.
const DEEP = `export const deep = (url: string, init?: RequestInit) => fetch(url, init);\nconst x = ${'('.repeat(100_000)}`;

test('a file nested too deeply for the parser is skipped with a reason, and stays skipped until it changes', () => {
  const analyzer = new Analyzer({ rootDir: '/ws' });
  const first = analyzer.analyzeFile('/ws/deep.ts', DEEP);
  assert.equal(first.skipped, 'skipped: nested too deeply to parse (the parser ran out of stack)');
  assert.deepEqual([first.findings, first.failures], [[], []]);
  assert.equal(analyzer.analyzeFile('/ws/deep.ts', DEEP).skipped, first.skipped);
  const fixed = analyzer.analyzeFile('/ws/deep.ts', `export async function load(url: string) {\n  return fetch(url);\n}\n`);
  assert.equal(fixed.skipped, undefined);
  assert.equal(fixed.findings.length, 1);
});

test('a module that imports a file too deep to parse is analyzed; the import just resolves to nothing', () => {
  const analyzer = new Analyzer({ rootDir: '/ws' });
  analyzer.setFile('/ws/deep.ts', DEEP);
  const result = analyzer.analyzeFile(
    '/ws/app.ts',
    `import { deep } from './deep';\nexport async function load(url: string) {\n  await deep(url);\n  return fetch(url);\n}\n`,
  );
  assert.deepEqual(result.failures, []);
  assert.equal(result.skipped, undefined);
  assert.deepEqual(result.findings.map((finding) => finding.ruleId), ['require-timeout']);
});
