import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symbolPathsOf } from '../../server/src/cli/formats/symbol-path';

// Where a finding lives, by name (part of its fingerprint). The enclosing node is found by
// bisection over each node's children, computed once for all the spans of a file.

const CODE = `import express from 'express';
export class OrderService {
  async fetchOrder(id: string) {
    return fetch('/orders/' + id);
  }
}
const app = express();
app.get('/orders', async (req, res) => {
  res.json(await fetch('/orders'));
});
export default function () {
  return fetch('/health');
}
`;

const spanOf = (text: string, needle: string, from = 0) => {
  const start = text.indexOf(needle, from);
  assert.notEqual(start, -1, needle);
  return { start, end: start + needle.length };
};

test('names: class > method, the call a callback is passed to, a default export, a variable, nothing at top level', () => {
  const spans = [
    spanOf(CODE, "fetch('/orders/' + id)"),
    spanOf(CODE, "fetch('/orders')"),
    spanOf(CODE, "fetch('/health')"),
    spanOf(CODE, 'express()'),
    spanOf(CODE, 'import express'),
    { start: CODE.length, end: CODE.length },
  ];
  assert.deepEqual(symbolPathsOf('/ws/app.ts', CODE, spans), [
    'OrderService > fetchOrder',
    "app.get('/orders')",
    'default',
    'app',
    '',
    '',
  ]);
});

test('every one of many top-level functions is found, first and last included', () => {
  const count = 500;
  const text = Array.from({ length: count }, (_, i) => `export async function load${i}(u: string) {\n  return fetch(u);\n}\n`).join('');
  const spans = Array.from({ length: count }, (_, i) => spanOf(text, 'fetch(u)', text.indexOf(`function load${i}(`)));
  const paths = symbolPathsOf('/ws/many.ts', text, spans);
  assert.deepEqual(paths, Array.from({ length: count }, (_, i) => `load${i}`));
});
