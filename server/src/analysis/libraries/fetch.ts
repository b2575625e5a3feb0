import { ts } from '../../typescript';
import { variableReferences } from '../scope';
import { evaluateNumber } from './durations';
import type { Value, ValueResolver } from './values';
import { matchesInCode } from '../comment-lines';

// The WHATWG fetch in Node (undici) has no overall deadline: a call waits as long as the server
// keeps the connection open. Only an AbortSignal bounds it. This module decides whether the
// signal handed to fetch is one that a timer will fire.

export type SignalVerdict =
  /** A timer aborts it: `AbortSignal.timeout(ms)`, `AbortSignal.any([… timeout …])`, a controller aborted in `setTimeout`. */
  | { kind: 'timed'; ms?: number; how: string }
  /** An AbortController that no timer aborts: cancellable, but a hung call still hangs forever. */
  | { kind: 'untimed'; how: string }
  /** Comes from a caller or is computed: we cannot tell, so we stay silent. */
  | { kind: 'unknown' };

const MAX_DEPTH = 6;

export function isGlobalFetch(value: Value): boolean {
  return (
    value.kind === 'global' &&
    ((value.name === 'fetch' && value.path.length === 0) ||
      (value.name === 'globalThis' && value.path.length === 1 && value.path[0] === 'fetch'))
  );
}

/**
 * Whether `text` may refer to the global fetch (a cheap check, no tree): `fetch` as a word of
 * its own, in code — not in a comment line, not a member of some other object (`consumer.fetch()`,
 * `status.fetch = …`), which `isGlobalFetch` would not accept either. A member counts where the
 * text names `globalThis` (`globalThis.fetch`, or `g.fetch` after `const g = globalThis`).
 */
export function mayNameGlobalFetch(text: string): boolean {
  if (!text.includes('fetch')) return false;
  const namesGlobalThis = text.includes('globalThis');
  return matchesInCode(FETCH_WORDS, text, (at) => namesGlobalThis || text.charCodeAt(at - 1) !== 46 /* . */);
}

/**
 * `fetch` as a word of its own: a call, a member, an alias's source, a string naming it. Without
 * the `g` flag, so that `test` keeps no state (it also matches module specifiers such as `node-fetch`).
 */
export const FETCH_WORD = /\bfetch\b/;
const FETCH_WORDS = new RegExp(FETCH_WORD.source, 'g');

export function classifySignal(expression: ts.Expression, values: ValueResolver, depth = 0): SignalVerdict {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  const value = values.resolve(expression);
  if (value.kind === 'call' && value.path.length === 0) {
    const callee = value.callee;
    if (isAbortSignalMember(callee, 'timeout')) {
      const argument = value.node.arguments[0];
      const ms = argument ? evaluateNumber(argument, values, 0) : undefined;
      return ms === undefined
        ? { kind: 'timed', how: 'AbortSignal.timeout' }
        : { kind: 'timed', ms, how: 'AbortSignal.timeout' };
    }
    if (isAbortSignalMember(callee, 'any')) return classifyAny(value.node, values, depth);
    if (callee.kind === 'function' && callee.path.length === 0) return classifyHelper(callee.node, values, depth);
    return { kind: 'unknown' };
  }
  if (
    value.kind === 'new' &&
    value.path.length === 1 &&
    value.path[0] === 'signal' &&
    value.callee.kind === 'global' &&
    value.callee.name === 'AbortController' &&
    value.callee.path.length === 0
  ) {
    return classifyController(value.node, values);
  }
  return { kind: 'unknown' };
}

function isAbortSignalMember(value: Value, name: string): boolean {
  return value.kind === 'global' && value.name === 'AbortSignal' && value.path.length === 1 && value.path[0] === name;
}

function classifyAny(call: ts.CallExpression, values: ValueResolver, depth: number): SignalVerdict {
  const list = call.arguments[0];
  if (!list || !ts.isArrayLiteralExpression(list)) return { kind: 'unknown' };
  let allUntimed = list.elements.length > 0;
  for (const element of list.elements) {
    if (ts.isSpreadElement(element)) return { kind: 'unknown' };
    const verdict = classifySignal(element, values, depth + 1);
    if (verdict.kind === 'timed') return { ...verdict, how: `AbortSignal.any with ${verdict.how}` };
    if (verdict.kind !== 'untimed') allUntimed = false;
  }
  return allUntimed ? { kind: 'untimed', how: 'AbortSignal.any of signals no timer aborts' } : { kind: 'unknown' };
}

/** `signal: withTimeout(5000)` — a small helper whose returned signal we can judge. */
function classifyHelper(fn: ts.SignatureDeclaration, values: ValueResolver, depth: number): SignalVerdict {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return { kind: 'unknown' };
  if (!ts.isBlock(body)) return classifySignal(body, values, depth + 1);
  const returns = body.statements.filter(ts.isReturnStatement);
  if (returns.length !== 1 || !returns[0]!.expression) return { kind: 'unknown' };
  return classifySignal(returns[0]!.expression, values, depth + 1);
}

/**
 * A controller counts as a timeout when a `setTimeout` callback in its scope calls its `abort`.
 * If the controller escapes (passed or returned), someone else may abort it: unknown. So too when
 * another signal's 'abort' listener aborts it (linking the caller's signal to this one, as code
 * did before `AbortSignal.any`): it ends when that signal does, which we cannot see.
 */
function classifyController(creation: ts.NewExpression, values: ValueResolver): SignalVerdict {
  const declaration = creation.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return { kind: 'unknown' };
  let timed = false;
  let escapes = false;
  for (const reference of variableReferences(declaration, enclosingScope(declaration))) {
    const parent = reference.parent;
    const isMemberUse =
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === reference &&
      (parent.name.text === 'signal' || parent.name.text === 'abort');
    if (!isMemberUse) escapes = true;
    else if (parent.name.text === 'abort' && insideTimerCallback(parent, values)) timed = true;
    else if (parent.name.text === 'abort' && insideAbortListener(parent)) escapes = true;
    if (timed || escapes) break;
  }
  if (timed) return { kind: 'timed', how: 'AbortController aborted by setTimeout' };
  if (escapes) return { kind: 'unknown' };
  return { kind: 'untimed', how: `AbortController \`${declaration.name.text}\` that no timer aborts` };
}

/** Inside a function registered as an 'abort' listener: `other.addEventListener('abort', fn)`, `other.onabort = fn`. */
function insideAbortListener(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (!ts.isArrowFunction(current) && !ts.isFunctionExpression(current)) continue;
    const declaration = current.parent;
    const uses =
      ts.isVariableDeclaration(declaration) && declaration.initializer === current
        ? variableReferences(declaration, enclosingScope(declaration))
        : [current];
    if (uses.some(isRegisteredForAbort)) return true;
  }
  return false;
}

function isRegisteredForAbort(fn: ts.Expression): boolean {
  const parent = fn.parent;
  if (ts.isCallExpression(parent) && parent.arguments[1] === fn && ts.isPropertyAccessExpression(parent.expression)) {
    const event = parent.arguments[0];
    return (
      parent.expression.name.text === 'addEventListener' &&
      !!event &&
      ts.isStringLiteralLike(event) &&
      event.text === 'abort'
    );
  }
  return (
    ts.isBinaryExpression(parent) &&
    parent.right === fn &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(parent.left) &&
    parent.left.name.text === 'onabort'
  );
}

function insideTimerCallback(node: ts.Node, values: ValueResolver): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isCallExpression(current)) {
      const callee = values.resolve(current.expression);
      if (callee.kind === 'global' && callee.name === 'setTimeout' && callee.path.length === 0) return true;
      // `timers/promises` setTimeout resolves a promise; `await setTimeout(ms); c.abort()` is below.
    }
    if (ts.isBlock(current) && isTimersPromiseSequence(current, node, values)) return true;
  }
  return false;
}

/** `await setTimeout(ms); controller.abort();` with `setTimeout` from `timers/promises`. */
function isTimersPromiseSequence(block: ts.Block, abortCall: ts.Node, values: ValueResolver): boolean {
  for (const statement of block.statements) {
    if (statement.pos >= abortCall.pos) return false;
    if (!ts.isExpressionStatement(statement) || !ts.isAwaitExpression(statement.expression)) continue;
    const awaited = statement.expression.expression;
    if (!ts.isCallExpression(awaited)) continue;
    const callee = values.resolve(awaited.expression);
    if (callee.kind === 'module' && callee.module === 'timers/promises' && callee.path[0] === 'setTimeout') return true;
  }
  return false;
}

function enclosingScope(node: ts.Node): ts.Node {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isSourceFile(current)) return current;
  }
  return node.getSourceFile();
}
