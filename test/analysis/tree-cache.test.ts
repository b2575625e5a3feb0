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
  for (const name of ['/1.ts', '/2.ts', '/3.ts', '/4.ts']) cache.set(name, tree(name, 20));
  cache.set('/big.ts', tree('/big.ts', 70));
  assert.deepEqual(['/1.ts', '/2.ts', '/3.ts', '/4.ts', '/big.ts'].map((name) => cache.has(name)), [false, false, false, true, true]);
});

test('keeps the tree just added even when it alone is over the budget', () => {
  const cache = new TreeCache(10);
  cache.set('/small.ts', tree('/small.ts', 5));
  cache.set('/huge.ts', tree('/huge.ts', 50));
  assert.equal(cache.has('/huge.ts'), true);
  assert.equal(cache.has('/small.ts'), false);
});

test('replacing or deleting a tree gives its characters back to the budget', () => {
  const cache = new TreeCache(100);
  cache.set('/a.ts', tree('/a.ts', 60));
  cache.set('/a.ts', tree('/a.ts', 60));
  cache.set('/b.ts', tree('/b.ts', 40));
  assert.equal(cache.has('/a.ts'), true, 'the replaced tree was counted once');
  assert.ok(cache.delete('/a.ts'));
  cache.set('/c.ts', tree('/c.ts', 60));
  assert.deepEqual(['/b.ts', '/c.ts'].map((name) => cache.has(name)), [true, true]);
});

test('a workspace file whose tree was evicted is parsed again from its text', () => {
  const files = new WorkspaceFiles(undefined, 100);
  files.setFile('/ws/a.ts', `export const a = 1; // ${'a'.repeat(60)}`);
  files.setFile('/ws/b.ts', `export const b = 2; // ${'b'.repeat(60)}`);
  const first = files.tree('/ws/a.ts')!;
  files.tree('/ws/b.ts');
  assert.equal(files.hasTree('/ws/a.ts'), false);
  const again = files.tree('/ws/a.ts')!;
  assert.notEqual(again, first);
  assert.equal(again.text, first.text);
});
