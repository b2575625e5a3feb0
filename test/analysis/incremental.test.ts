import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/analysis';

// Keystrokes re-parse incrementally; the result must be exactly what a fresh analysis gives.

test('edit after edit, the incremental analysis equals a fresh one', () => {
  const lines = Array.from({ length: 400 }, (_, i) => `export async function f${i}(u: string) { return ${i % 7 === 0 ? 'fetch(u)' : `u + ${i}`}; }`);
  let text = lines.join('\n');
  const editing = new Analyzer({ rootDir: '/ws' });
  editing.analyzeFile('/ws/big.ts', text);
  const edits: Array<(t: string) => string> = [
    (t) => t.replace('fetch(u)', 'fetch(u, { signal: AbortSignal.timeout(5) })'),
    (t) => t.replace('u + 3;', 'u + 3 + fetch(u).toString();'),
    (t) => `// header\n${t}`,
    (t) => t.slice(0, t.length / 2) + t.slice(t.length / 2 + 1), // delete one character mid-file
    (t) => t.replace('// header\n', ''),
  ];
  for (const edit of edits) {
    text = edit(text);
    const incremental = editing.analyzeFile('/ws/big.ts', text);
    const fresh = new Analyzer({ rootDir: '/ws' }).analyzeFile('/ws/big.ts', text);
    assert.deepEqual(incremental.findings, fresh.findings);
    assert.deepEqual(incremental.policies, fresh.policies);
  }
});
