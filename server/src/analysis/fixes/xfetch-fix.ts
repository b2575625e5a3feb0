import { ts } from '../../typescript';
import type { Fix, TextEdit } from '../types';
import { exits, readTarget, type CacheAside } from '../libraries/cache-aside';
import type { TtlVerdict } from '../libraries/cache-ttl';
import { ensureModuleConstant, indentationAt } from './text-edits';
import { formatNumberLiteral } from './timeout-fixes';
import { mergeInsertions } from './text-edits';

// The early-refresh (XFetch) variant of a cache-aside function, offered as a suggestion: the
// cache stores `{ value, deltaMs, expiresAt }` (Δ = how long the last recomputation took) and a
// reader recomputes before expiry when `now − Δ·β·ln(random()) ≥ expiresAt`. The hotter the key
// and the longer Δ, the likelier one early reader refreshes it while everyone else still hits, so
// the key never expires while hot. It changes what is stored under the key, so every other
// reader of that key must unwrap the entry too: never applied by fix-all.

const BETA_COMMENT = [
  'XFetch early refresh: β > 1 refreshes earlier, β < 1 later; 1 is the optimum of Vattani et al.',
  '(docs/rules/no-cache-stampede.md).',
];
const ENTRY_TS = `<T,>(value: T, startedMs: number, ttlMs: number) => ({
  value,
  deltaMs: Date.now() - startedMs,
  expiresAt: Date.now() + ttlMs,
})`;
const CACHED_TS = (
  beta: string,
) => `<T, M>(entry: { value: T; deltaMs: number; expiresAt: number } | null | undefined, miss: M): T | M =>
  typeof entry === 'object' && entry !== null && Date.now() - entry.deltaMs * ${beta} * Math.log(Math.random()) < entry.expiresAt
    ? entry.value
    : miss`;
const PARSE_TS = `(raw: string | null): { value: string; deltaMs: number; expiresAt: number } | null => {
  try {
    const entry = raw === null ? null : JSON.parse(raw);
    // Redis hands back what it stored as a string: so does the entry's value.
    return typeof entry === 'object' && entry !== null ? { ...entry, value: String(entry.value) } : null;
  } catch {
    return null; // a value stored before the switch to XFetch entries: recomputed once
  }
}`;

const START_NAME = 'xfetchStartedMs';

const stripTypes = (text: string) =>
  text
    .replace('<T,>(value: T, startedMs: number, ttlMs: number)', '(value, startedMs, ttlMs)')
    .replace(
      '<T, M>(entry: { value: T; deltaMs: number; expiresAt: number } | null | undefined, miss: M): T | M',
      '(entry, miss)',
    )
    .replace('(raw: string | null): { value: string; deltaMs: number; expiresAt: number } | null', '(raw)');

/**
 * `const cached = await c.get(k); if (cached) return …; <miss path>; await c.set(k, v, TTL)` →
 * the read unwraps an XFetch entry (a miss when absent, stale-soon by lot, or of the old shape),
 * the miss path is timed, and the write stores `{ value: v, deltaMs, expiresAt }`.
 * Offered when the write has a constant TTL and the read lands in a variable tested by an early return.
 */
export function xfetchFix(aside: CacheAside, ttl: TtlVerdict): Fix | undefined {
  const { fn, read, write } = aside;
  if (ttl.kind !== 'constant' || write.client.library === 'map') return undefined;
  const method = (read.call.expression as ts.PropertyAccessExpression).name.text;
  if (method !== 'get' && method !== 'GET') return undefined;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return undefined;
  const target = readTarget(read);
  const initializer = readInitializer(read.call);
  if (!target || !initializer) return undefined;
  const statements = body.statements;
  const readIndex = statements.findIndex((s) => s.pos <= read.call.pos && read.call.end <= s.end);
  const hit = statements[readIndex + 1];
  if (readIndex === -1 || !hit || !ts.isIfStatement(hit) || hit.elseStatement || !exits(hit.thenStatement))
    return undefined;
  if (write.call.pos < hit.end || body.getText().includes(START_NAME)) return undefined;

  const sourceFile = fn.getSourceFile();
  const isJs = /\.[cm]?jsx?$/.test(sourceFile.fileName);
  const typed = (text: string) => (isJs ? stripTypes(text) : text);
  const redis = write.client.library === 'ioredis' || write.client.library === 'node-redis';
  const beta = ensureModuleConstant(sourceFile, fn, 'XFETCH_BETA', '1', BETA_COMMENT);
  const cached = ensureModuleConstant(sourceFile, fn, 'xfetchCached', typed(CACHED_TS(beta.name)), [
    "The entry's value, or `miss` when it is absent or this caller is picked to refresh it early (XFetch).",
  ]);
  const entry = ensureModuleConstant(sourceFile, fn, 'xfetchEntry', typed(ENTRY_TS), [
    'What the cache stores for XFetch: the value, how long computing it took, and when it expires.',
  ]);
  const parse = redis
    ? ensureModuleConstant(sourceFile, fn, 'xfetchParse', typed(PARSE_TS), [
        'A stored XFetch entry (Redis holds strings), or null.',
      ])
    : undefined;
  const newline = sourceFile.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentationAt(sourceFile, hit.getStart(sourceFile));
  const readText = initializer.getText(sourceFile);
  const miss = redis ? 'null' : 'undefined';
  const stored = parse ? `${parse.name}(${readText})` : readText;
  const entryText = `${entry.name}(${write.value.getText(sourceFile)}, ${START_NAME}, ${ttlMsText(ttl, sourceFile)})`;
  const edits: TextEdit[] = [
    {
      start: initializer.getStart(sourceFile),
      end: initializer.end,
      newText: `${cached.name}(${stored}, ${miss})`,
    },
    {
      start: hit.end,
      end: hit.end,
      newText: `${newline}${indent}const ${START_NAME} = Date.now(); // Δ: how long recomputing takes`,
    },
    {
      start: write.value.getStart(sourceFile),
      end: write.value.end,
      newText: redis ? `JSON.stringify(${entryText})` : entryText,
    },
    ...mergeInsertions([...beta.edits, ...cached.edits, ...entry.edits, ...(parse?.edits ?? [])]),
  ];
  return {
    title:
      "Refresh early (XFetch) instead of all missing at expiry — changes the stored value's shape: update every reader of this key",
    kind: 'suggestion',
    edits,
  };
}

/** The whole right-hand side the read's result comes from: `await c.get(k)` in `const x = await c.get(k)`. */
function readInitializer(call: ts.CallExpression): ts.Expression | undefined {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) return node as ts.Expression;
  if (ts.isBinaryExpression(parent) && parent.right === node) return node as ts.Expression;
  return undefined;
}

/** The TTL in milliseconds as code: the TTL's own name when it has one (`TTL_S * 1000`), else a literal. */
function ttlMsText(ttl: Extract<TtlVerdict, { kind: 'constant' }>, sourceFile: ts.SourceFile): string {
  const expression = ttl.expression;
  const named = expression && (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression));
  if (!named) return formatNumberLiteral(ttl.ms);
  return ttl.unit === 's' ? `${expression.getText(sourceFile)} * 1000` : expression.getText(sourceFile);
}
