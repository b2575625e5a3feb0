import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependenciesFirst } from '../../server/src/analysis/analysis-order';
import { Analyzer } from '../../server/src/analysis';

// A batch run analyzes each file after the workspace modules it imports, so that their trees are
// still cached when the importer reads them. The order is a permutation of the files asked for.

test('each file after what it imports; files not asked for are walked through, not returned', () => {
  const imports: Record<string, string[]> = {
    'routes.ts': ['service.ts', 'config.ts'],
    'service.ts': ['client.ts', 'config.ts'],
    'client.ts': ['config.ts', 'vendor.ts'],
    'vendor.ts': ['config.ts'],
  };
  const order = dependenciesFirst(['routes.ts', 'client.ts', 'service.ts', 'config.ts'], (file) => imports[file] ?? []);
  assert.deepEqual(order, ['config.ts', 'client.ts', 'service.ts', 'routes.ts']);
});

test('an import cycle is cut where the walk meets it again; every file comes once', () => {
  const imports: Record<string, string[]> = { 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts'], 'd.ts': ['a.ts'] };
  assert.deepEqual(
    dependenciesFirst(['d.ts', 'b.ts', 'a.ts', 'c.ts'], (file) => imports[file] ?? []),
    ['c.ts', 'b.ts', 'a.ts', 'd.ts'],
  );
});

test('a chain of 100,000 imports does not exhaust the stack', () => {
  const files = Array.from({ length: 100_000 }, (_, index) => `m${index}.ts`);
  const order = dependenciesFirst(files, (file) => {
    const index = Number(file.slice(1, -3));
    return index + 1 < files.length ? [`m${index + 1}.ts`] : [];
  });
  assert.equal(order.length, files.length);
  assert.equal(order[0], 'm99999.ts');
  assert.equal(order.at(-1), 'm0.ts');
});

test("the analyzer orders by the workspace's own imports, read from the texts", () => {
  const analyzer = new Analyzer({ rootDir: '/ws' });
  analyzer.setFile('/ws/routes.ts', `import { get } from './client';\nexport const r = () => get();\n`);
  analyzer.setFile(
    '/ws/client.ts',
    `import axios from 'axios';\nimport { base } from './config.js';\nexport const get = () => axios.get(base);\n`,
  );
  analyzer.setFile('/ws/config.ts', `export const base = 'https://x';\n`);
  assert.deepEqual(analyzer.analysisOrder(['/ws/routes.ts', '/ws/client.ts', '/ws/config.ts']), [
    '/ws/config.ts',
    '/ws/client.ts',
    '/ws/routes.ts',
  ]);
});
