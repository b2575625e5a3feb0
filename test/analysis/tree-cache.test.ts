import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from '../../server/src/typescript';
import { TreeCache } from '../../server/src/analysis/tree-cache';
import { WorkspaceFiles } from '../../server/src/analysis/workspace-files';

// Parsed trees are kept within a budget of source characters, least recently used out first:
// a large file must not push out many small shared modules, and nothing is lost by eviction
// (the text is kept and parsed again).

const tree = (fileName: string, chars: number): ts.SourceFile =>
  ts.createSourceFile(fileName, `// ${'x'.repeat(Math.max(0, chars - 3))}`, ts.ScriptTarget.Latest);

test('evicts the least recently used trees once their source passes the budget', () => {
  const cache = new TreeCache(100);
  cache.set('/a.ts', tree('/a.ts', 40));
  cache.set('/b.ts', tree('/b.ts', 40));
  assert.ok(cache.get('/a.ts'), 'a is now the most recently used');
  cache.set('/c.ts', tree('/c.ts', 40));
  assert.deepEqual(['/a.ts', '/b.ts', '/c.ts'].map((name) => cache.has(name)), [true, false, true]);
});

test('counts characters, not files: one large tree displaces several small ones', () => {
  const cache = new TreeCache(100);
  const small = ['/1.ts', '/2.ts', '/3.ts', '/4.ts', '/5.ts'];
  for (const name of small) cache.set(name, tree(name, 15));
  cache.set('/big.ts', tree('/big.ts', 45));
  assert.deepEqual([...small, '/big.ts'].map((name) => cache.has(name)), [false, false, true, true, true, true]);
});

test('a tree over half the budget gets a slot of its own: it evicts no shared module, and the next one replaces it', () => {
  const cache = new TreeCache(100);
  cache.set('/shared.ts', tree('/shared.ts', 40));
  cache.set('/generated-client.ts', tree('/generated-client.ts', 300));
  assert.deepEqual(['/shared.ts', '/generated-client.ts'].map((name) => cache.has(name)), [true, true]);
  cache.set('/other-client.ts', tree('/other-client.ts', 60));
  assert.deepEqual(['/shared.ts', '/generated-client.ts', '/other-client.ts'].map((name) => cache.has(name)), [true, false, true]);
  assert.ok(cache.delete('/other-client.ts'));
  assert.equal(cache.has('/other-client.ts'), false);
});

test('replacing or deleting a tree gives its characters back to the budget', () => {
  const cache = new TreeCache(100);
  cache.set('/a.ts', tree('/a.ts', 50));
  cache.set('/a.ts', tree('/a.ts', 50));
  cache.set('/b.ts', tree('/b.ts', 40));
  assert.equal(cache.has('/a.ts'), true, 'the replaced tree was counted once');
  assert.ok(cache.delete('/a.ts'));
  cache.set('/c.ts', tree('/c.ts', 50));
  assert.deepEqual(['/b.ts', '/c.ts'].map((name) => cache.has(name)), [true, true]);
});

test('a workspace file whose tree was evicted is parsed again from its text', () => {
  const files = new WorkspaceFiles(undefined, 100);
  for (const name of ['a', 'b', 'c']) files.setFile(`/ws/${name}.ts`, `export const ${name} = 1; // ${name.repeat(20)}`);
  const first = files.tree('/ws/a.ts')!;
  files.tree('/ws/b.ts');
  files.tree('/ws/c.ts');
  assert.equal(files.hasTree('/ws/a.ts'), false);
  const again = files.tree('/ws/a.ts')!;
  assert.notEqual(again, first);
  assert.equal(again.text, first.text);
});
