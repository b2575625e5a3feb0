import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/analysis';
import { isMinified } from '../../server/src/analysis/minified';
import { MINIFIED } from '../../server/src/analysis/skip-reasons';

// Minified files are bundler output: a finding there cannot be fixed where it is. Long data in a
// hand-written or compiled file (an inline source map, a base64 blob, long SQL) must not count.

/** `count` small functions, one of which fetches without a timeout, as statements. */
function statements(count: number): string[] {
  const out = ['function load(u){return fetch(u)}'];
  for (let index = 0; index < count; index++) out.push(`var v${index}=function(a,b){if(a>b){return a-b}return{x:a,y:b}}`);
  return out;
}

const MINIFIED_BUNDLE = `${statements(60).join(';')};load("/a");`;
const PRETTY = `${statements(60).join(';\n')};\nload("/a");\n`;

function analyze(text: string) {
  return new Analyzer().analyzeFile('/ws/bundle.js', text);
}

test('a minified bundle is skipped with the reason; the same code on short lines is analyzed', () => {
  const minified = analyze(MINIFIED_BUNDLE);
  assert.equal(minified.skipped, MINIFIED);
  assert.deepEqual(minified.findings, []);
  const pretty = analyze(PRETTY);
  assert.equal(pretty.skipped, undefined);
  assert.deepEqual(pretty.findings.map((finding) => finding.ruleId), ['require-timeout']);
});

test('a trailing source-map comment does not decide either way', () => {
  // Babel inlines a whole map on one line after short lines of code; a bundler adds a short one.
  const inlineMap = `//# sourceMappingURL=data:application/json;base64,${'eyJ2ZXJzaW9uIjozfQ'.repeat(2200)}\n`;
  assert.equal(isMinified(PRETTY + inlineMap), false);
  assert.equal(analyze(PRETTY + inlineMap).findings.length, 1);
  assert.equal(isMinified(`${MINIFIED_BUNDLE}\n//# sourceMappingURL=bundle.js.map\n`), true);
});

test('long data in a hand-written file is not minified code', () => {
  const blob = `export const logo = "data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAA'.repeat(4000)}";\n`;
  assert.equal(isMinified(PRETTY + blob), false, 'a base64 blob: almost no `;{}`');
  const sql = `export const MIGRATE = \`${'UPDATE jobs SET state = $1 WHERE id = $2 AND queue = $3; '.repeat(1000)}\`;\n`;
  assert.equal(isMinified(PRETTY + sql), false, 'long SQL: whitespace between words');
  const table = `module.exports=/[\\u0041-\\u005A\\u0061-\\u007A${'\\uD835\\uDC00-\\uD835\\uDC19'.repeat(800)}]/;`;
  assert.equal(isMinified(table), false, 'a Unicode table: one literal');
  assert.equal(analyze(PRETTY + blob).findings.length, 1);
});

test('short files and ordinary code are not minified', () => {
  assert.equal(isMinified(''), false);
  assert.equal(isMinified('fetch(u)'), false);
  assert.equal(isMinified(PRETTY), false);
});
