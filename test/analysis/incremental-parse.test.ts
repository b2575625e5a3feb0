import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from '../../server/src/typescript';
import { commonPrefixLength, commonSuffixLength, reparse } from '../../server/src/analysis/incremental-parse';

// The changed span of a keystroke is found a chunk at a time; it must be exactly the span a
// character-by-character comparison finds, wherever the change falls against the chunks.

function naivePrefix(a: string, b: string): number {
  let length = 0;
  while (length < Math.min(a.length, b.length) && a[length] === b[length]) length++;
  return length;
}

function naiveSuffix(a: string, b: string, max: number): number {
  let length = 0;
  while (length < max && a[a.length - length - 1] === b[b.length - length - 1]) length++;
  return length;
}

/** A deterministic generator (no Math.random in tests). */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

test('the common prefix and suffix equal a character comparison, edits at and around chunk boundaries', () => {
  const random = generator(7);
  const base = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
  const offsets = [0, 1, 1023, 1024, 1025, 2047, 2048, 2500, 4095, 4096, 4999, 5000];
  for (let i = 0; i < 40; i++) offsets.push(Math.floor(random() * 5001));
  for (const offset of offsets) {
    for (const edit of ['x', '', 'yy', 'a'.repeat(1500)]) {
      for (const removed of [0, 1, 3]) {
        const changed = base.slice(0, offset) + edit + base.slice(Math.min(base.length, offset + removed));
        const prefix = commonPrefixLength(base, changed);
        assert.equal(prefix, naivePrefix(base, changed), `prefix, offset ${offset}`);
        const max = Math.min(base.length, changed.length) - prefix;
        assert.equal(commonSuffixLength(base, changed, max), naiveSuffix(base, changed, max), `suffix, offset ${offset}`);
      }
    }
  }
});

test('identical, empty and wholly different texts', () => {
  const text = 'const a = 1;\n'.repeat(300);
  assert.equal(commonPrefixLength(text, text), text.length);
  assert.equal(commonSuffixLength(text, text, text.length), text.length);
  assert.equal(commonPrefixLength('', text), 0);
  assert.equal(commonSuffixLength('abc', 'xyz', 3), 0);
});

test('an incremental parse gives the text and statements of a fresh parse', () => {
  const lines = Array.from({ length: 300 }, (_, i) => `export function f${i}(u: string) { return u + ${i}; }`);
  let previous = ts.createSourceFile('/ws/a.ts', lines.join('\n'), ts.ScriptTarget.Latest);
  let text = previous.text;
  for (const at of [10, 1024, 5000, text.length - 3]) {
    text = `${text.slice(0, at)}/*x*/${text.slice(at)}`;
    const incremental = reparse(previous, text);
    const fresh = ts.createSourceFile('/ws/a.ts', text, ts.ScriptTarget.Latest);
    assert.equal(incremental.text, text);
    assert.deepEqual(
      incremental.statements.map((statement) => [statement.pos, statement.end, statement.kind]),
      fresh.statements.map((statement) => [statement.pos, statement.end, statement.kind]),
    );
    previous = incremental;
  }
});
