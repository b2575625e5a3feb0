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

// What a rule concludes about a call can depend on another module (options, helpers, wrappers).
// When that module changes, the importer is analysed again with its tree unchanged; nothing
// remembered about its nodes may survive from the analysis before.
const crossModuleEdits = [
  {
    name: 'p-retry options exported by another module',
    importer: `import pRetry from 'p-retry';\nimport { opts } from './b';\nexport const run = (fn: () => Promise<void>) => pRetry(fn, opts);\n`,
    before: `export const opts = { retries: 5, minTimeout: 1000, factor: 1 };\n`,
    after: `export const opts = { retries: 5, minTimeout: 1000, factor: 2, randomize: true };\n`,
  },
  {
    name: 'a hand-rolled retry whose delay comes from a helper in another module',
    importer: [
      `import { delayMs } from './b';`,
      `export async function load(fetchOnce: () => Promise<string>): Promise<string> {`,
      `  for (let attempt = 0; attempt < 5; attempt++) {`,
      `    try { return await fetchOnce(); } catch { await new Promise((r) => setTimeout(r, delayMs(attempt))); }`,
      `  }`,
      `  throw new Error('gave up');`,
      `}`,
    ].join('\n'),
    before: `export const delayMs = (attempt: number) => 1000;\n`,
    after: `export const delayMs = (attempt: number) => Math.random() * 100 * 2 ** attempt;\n`,
  },
];

for (const scenario of crossModuleEdits) {
  test(`after an edit of an imported module, the importer's analysis equals a fresh one: ${scenario.name}`, () => {
    const editing = new Analyzer({ rootDir: '/ws' });
    editing.setFile('/ws/b.ts', scenario.before);
    const before = editing.analyzeFile('/ws/a.ts', scenario.importer);
    editing.setFile('/ws/b.ts', scenario.after);
    const after = editing.analyzeFile('/ws/a.ts', scenario.importer);

    const fresh = new Analyzer({ rootDir: '/ws' });
    fresh.setFile('/ws/b.ts', scenario.after);
    const expected = fresh.analyzeFile('/ws/a.ts', scenario.importer);
    assert.notDeepEqual(before.findings, expected.findings, 'the edit should change what is found');
    assert.deepEqual(after.findings, expected.findings);
    assert.deepEqual(after.policies, expected.policies);
  });
}
