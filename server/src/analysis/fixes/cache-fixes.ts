import { ts } from '../../typescript';
import type { Fix, TextEdit } from '../types';
import type { ValueResolver } from '../libraries/values';
import { exits, readTarget, type CacheAside, type CacheWrite } from '../libraries/cache-aside';
import { singleFlightSignature, type SingleFlightSignature } from '../libraries/cache-guards';
import type { TtlVerdict } from '../libraries/cache-ttl';
import { addArgument, addObjectProperty, ensureModuleConstant, indentationAt, mergeInsertions } from './text-edits';
import { formatNumberLiteral } from './timeout-fixes';

// Quick fixes for cache stampedes. The single-flight fix wraps the miss path in a helper that
// shares one pending load per key; the helper is declared once per file (or an existing one —
// in this file or imported from a workspace module — is reused), because a fix may only edit
// the flagged function and insert declarations after the imports. The TTL fix adds a random
// spread through named constants.

const HELPER_NAME = 'singleFlight';
const HELPER_COMMENT = [
  'Single-flight: callers that miss the same key at the same time share one load instead of each',
  'recomputing it. Per process: N instances still load up to N times (docs/rules/no-cache-stampede.md).',
];
const HELPER_TS = `<T,>(inFlight: Map<unknown, Promise<unknown>>, key: unknown, load: () => Promise<T>): Promise<T> => {
  const pending = inFlight.get(key) as Promise<T> | undefined;
  if (pending) return pending;
  const started = load().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}`;
const HELPER_JS = HELPER_TS.replace(
  '<T,>(inFlight: Map<unknown, Promise<unknown>>, key: unknown, load: () => Promise<T>): Promise<T> =>',
  '(inFlight, key, load) =>',
).replace(' as Promise<T> | undefined', '');

/**
 * `const hit = await c.get(k); if (hit) return …; <miss path>` →
 * `…; return singleFlight(fnInFlight, k, async () => { <re-check>; <miss path> });`.
 * Offered when the read and its early return are statements of an async function's body and the
 * miss path runs to the end of it; the re-check keeps a waiter from loading what another wrote.
 */
export function singleFlightFix(aside: CacheAside, values: ValueResolver): Fix | undefined {
  const { fn, read, write } = aside;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body) || (fn as ts.FunctionLikeDeclaration).asteriskToken) return undefined;
  if (!ts.getModifiers(fn as ts.FunctionLikeDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword))
    return undefined;
  if (!isSimpleKey(read.key) || (read.field && !isSimpleKey(read.field)) || !hasModuleLifetime(fn)) return undefined;
  const statements = body.statements;
  const readIndex = statements.findIndex((s) => s.pos <= read.call.pos && read.call.end <= s.end);
  if (readIndex === -1) return undefined;
  const hitEnd = earlyReturnIndex(statements, readIndex, aside);
  if (hitEnd === undefined || hitEnd + 1 >= statements.length) return undefined;
  const lastHit = statements[hitEnd]!;
  const last = statements[statements.length - 1]!;
  if (write.call.pos < lastHit.end) return undefined;

  const sourceFile = fn.getSourceFile();
  const text = sourceFile.text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentationAt(sourceFile, statements[readIndex]!.getStart(sourceFile));
  const step = indent.length > 0 && indent[0] === '\t' ? '\t' : '  ';
  const isJs = /\.[cm]?jsx?$/.test(sourceFile.fileName);
  const helper = ensureHelper(sourceFile, fn, values, isJs);
  const map =
    helper.signature.mapIndex === undefined
      ? { name: '', edits: [] }
      : ensureModuleConstant(
          sourceFile,
          fn,
          `${functionName(fn)}InFlight`,
          isJs ? 'new Map()' : 'new Map<unknown, Promise<unknown>>()',
          [`Loads of ${functionName(fn)} in flight, by cache key (single-flight).`],
        );
  const signature = helper.signature;
  const parts = new Map<number, string>([
    [signature.keyIndex, flightKey(read, sourceFile)],
    [signature.loadIndex, ''],
  ]);
  if (signature.mapIndex !== undefined) parts.set(signature.mapIndex, map.name);
  // The wrapped miss path closes the call, so the loader must be the helper's last argument.
  if (signature.loadIndex !== parts.size - 1 || [...parts.keys()].some((index) => index >= parts.size))
    return undefined;
  const leadingArguments = [...Array(parts.size - 1).keys()].map((index) => parts.get(index)!);
  const recheck = reindent(sourceFile, statements[readIndex]!.getStart(sourceFile), lastHit.end, step);
  const missPath = reindent(sourceFile, lastHit.end, last.end, step);
  const newText =
    `${newline}${indent}return ${helper.name}(${leadingArguments.join(', ')}, async () => {${newline}` +
    `${indent}${step}// Re-check: a caller that waited may find the value another caller wrote.${newline}` +
    `${indent}${step}${recheck}${missPath}${newline}${indent}});`;
  return {
    title: `Share one load per key: wrap the miss path in ${helper.name}()`,
    kind: 'safe',
    edits: [{ start: lastHit.end, end: last.end, newText }, ...mergeInsertions([...helper.edits, ...map.edits])],
  };
}

/** The index of the statement that returns early on a hit: the read's own `if`, or the next one. */
function earlyReturnIndex(
  statements: ts.NodeArray<ts.Statement>,
  readIndex: number,
  aside: CacheAside,
): number | undefined {
  const readStatement = statements[readIndex]!;
  const isEarlyReturn = (s: ts.Statement | undefined): s is ts.IfStatement =>
    s !== undefined && ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement);
  if (
    isEarlyReturn(readStatement) &&
    readStatement.expression.pos <= aside.read.call.pos &&
    aside.read.call.end <= readStatement.expression.end
  )
    return readIndex;
  const target = readTarget(aside.read);
  const next = statements[readIndex + 1];
  if (!target || !isEarlyReturn(next)) return undefined;
  return next.expression.getText().includes(target.text) ? readIndex + 1 : undefined;
}

/** What the in-flight map is keyed by: the cache key, or for a hash field the pair (one load per field). */
function flightKey(read: CacheAside['read'], sourceFile: ts.SourceFile): string {
  const key = read.key.getText(sourceFile);
  return read.field ? `JSON.stringify([${key}, ${read.field.getText(sourceFile)}])` : key;
}

/** Keys safe to evaluate twice: names, member chains, literals and templates over those. */
function isSimpleKey(key: ts.Expression): boolean {
  if (ts.isIdentifier(key) || ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) return true;
  if (ts.isPropertyAccessExpression(key))
    return isSimpleKey(key.expression) || key.expression.kind === ts.SyntaxKind.ThisKeyword;
  if (ts.isTemplateExpression(key)) return key.templateSpans.every((span) => isSimpleKey(span.expression));
  if (ts.isBinaryExpression(key) && key.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return isSimpleKey(key.left) && isSimpleKey(key.right);
  return false;
}

/** Text of `[start, end)` with every line after the first indented one more step (template literals untouched). */
function reindent(sourceFile: ts.SourceFile, start: number, end: number, step: string): string {
  const literals: Array<[number, number]> = [];
  const collect = (node: ts.Node): void => {
    if (node.end <= start || node.pos >= end) return;
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isStringLiteral(node))
      literals.push([node.getStart(sourceFile), node.end]);
    ts.forEachChild(node, collect);
  };
  collect(sourceFile);
  const text = sourceFile.text;
  let result = '';
  for (let index = start; index < end; index++) {
    const char = text[index]!;
    result += char;
    const nextLineStart = index + 1;
    if (
      char === '\n' &&
      nextLineStart < end &&
      text[nextLineStart] !== '\n' &&
      text[nextLineStart] !== '\r' &&
      !literals.some(([from, to]) => from < nextLineStart && nextLineStart < to)
    ) {
      result += step;
    }
  }
  return result;
}

/**
 * The in-flight map lives at module level, so it must serve one cache: offered for top-level
 * functions and methods of top-level classes, not for closures (a memoizer's inner function
 * exists once per memoized function; one shared map would hand one's loads to another).
 */
function hasModuleLifetime(fn: ts.SignatureDeclaration): boolean {
  let outer: ts.Node = fn.parent;
  if (ts.isMethodDeclaration(fn)) {
    if (!ts.isClassDeclaration(outer)) return false;
    outer = outer.parent;
  } else if (ts.isVariableDeclaration(outer)) {
    outer = outer.parent.parent.parent; // declaration → list → statement → container
  }
  return ts.isSourceFile(outer);
}

function functionName(fn: ts.SignatureDeclaration): string {
  const named =
    fn.name ??
    (ts.isVariableDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent) || ts.isPropertyDeclaration(fn.parent)
      ? fn.parent.name
      : undefined);
  return named && ts.isIdentifier(named) ? named.text : 'cacheLoads';
}

/** A single-flight helper already visible at module level (declared here or imported), else a new one. */
function ensureHelper(
  sourceFile: ts.SourceFile,
  usedAt: ts.Node,
  values: ValueResolver,
  isJs: boolean,
): { name: string; edits: TextEdit[]; signature: SingleFlightSignature } {
  for (const statement of sourceFile.statements) {
    for (const name of topLevelNames(statement)) {
      const value = values.resolve(name);
      const signature =
        value.kind === 'function' && value.path.length === 0 ? singleFlightSignature(value.node) : undefined;
      if (signature) return { name: name.text, edits: [], signature };
    }
  }
  const constant = ensureModuleConstant(sourceFile, usedAt, HELPER_NAME, isJs ? HELPER_JS : HELPER_TS, HELPER_COMMENT);
  return { name: constant.name, edits: constant.edits, signature: { mapIndex: 0, keyIndex: 1, loadIndex: 2 } };
}

function topLevelNames(statement: ts.Statement): ts.Identifier[] {
  if (ts.isFunctionDeclaration(statement) && statement.name) return [statement.name];
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name] : []));
  const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
  return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => element.name) : [];
}

/** Share of the TTL the fix spreads expiries over: TTL + [0, 10 %). */
export const TTL_JITTER_RATIO = 0.1;
const RATIO_NAME = 'TTL_JITTER_RATIO';
const RATIO_COMMENT = [
  'Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,',
  'together (docs/rules/require-ttl-jitter.md).',
];

/** `EX, TTL` → `EX, TTL + Math.floor(Math.random() * TTL * TTL_JITTER_RATIO)`; a default TTL becomes a jittered argument. */
export function ttlJitterFix(write: CacheWrite, verdict: Extract<TtlVerdict, { kind: 'constant' }>): Fix | undefined {
  const sourceFile = write.call.getSourceFile();
  const ratio = ensureModuleConstant(sourceFile, write.call, RATIO_NAME, String(TTL_JITTER_RATIO), RATIO_COMMENT);
  const spread = (ttl: string) => `${ttl} + Math.floor(Math.random() * ${ttl} * ${ratio.name})`;
  const expression = write.ttl.kind === 'argument' ? write.ttl.expression : undefined;
  if (expression) {
    const simple =
      ts.isIdentifier(expression) ||
      ts.isNumericLiteral(expression) ||
      ts.isPropertyAccessExpression(expression) ||
      ts.isCallExpression(expression);
    const ttlText = simple ? expression.getText(sourceFile) : `(${expression.getText(sourceFile)})`;
    return {
      title: `Add TTL jitter: + up to ${TTL_JITTER_RATIO * 100} % at random`,
      kind: 'safe',
      edits: [
        { start: expression.getStart(sourceFile), end: expression.end, newText: spread(ttlText) },
        ...ratio.edits,
      ],
    };
  }
  if (write.ttl.kind !== 'default' || write.call.arguments.length > 3) return undefined;
  const unit = verdict.unit === 's' ? 'SECONDS' : 'MS';
  const owner = write.client.receiverText
    .split('.')
    .pop()!
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase();
  const ttl = ensureModuleConstant(
    sourceFile,
    write.call,
    `${owner}_TTL_${unit}`,
    formatNumberLiteral(verdict.unit === 's' ? verdict.ms / 1000 : verdict.ms),
    [`The default TTL of \`${write.client.receiverText}\`, passed per write so that each write can add jitter.`],
  );
  const headers = mergeInsertions([...ttl.edits, ...ratio.edits]);
  const options = write.call.arguments[2];
  let edit: TextEdit;
  if (write.client.library === 'lru-cache') {
    if (options && !ts.isObjectLiteralExpression(options)) return undefined;
    edit = options
      ? addObjectProperty(options, `ttl: ${spread(ttl.name)}`, sourceFile)
      : addArgument(write.call, 2, `{ ttl: ${spread(ttl.name)} }`);
  } else {
    if (options) return undefined;
    edit = addArgument(write.call, 2, spread(ttl.name));
  }
  return { title: `Pass a jittered TTL: ${spread(ttl.name)}`, kind: 'safe', edits: [edit, ...headers] };
}
