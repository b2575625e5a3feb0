import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { cacheClientOf, type CacheOperation } from './cache-clients';
import { sameEntry, type CacheAside } from './cache-aside';
import { skipOuterExpressions, type Value, type ValueResolver } from './values';

// What keeps a cache-aside sequence from stampeding: a single-flight (an in-flight promise per
// key, in the function or in a helper its miss path runs inside), a lock (a try-lock whose
// losers do not compute, or a blocking lock followed by a re-check of the cache), or
// probabilistic early refresh (XFetch). Recognised by what the code does, not what it is called.

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

export type Guard =
  | { kind: 'none' }
  | { kind: 'single-flight'; how: string }
  | { kind: 'try-lock' }
  | { kind: 'lock'; rechecked: boolean; how: string }
  | { kind: 'early-refresh' };

/** Packages whose instances are blocking locks, and the methods that acquire them. */
const LOCK_LIBRARIES: Record<string, readonly string[]> = {
  'async-mutex': ['acquire', 'runExclusive', 'waitForUnlock'],
  redlock: ['acquire', 'lock', 'using'],
  'async-lock': ['acquire'],
};

export function guardOf(aside: CacheAside, operations: readonly CacheOperation[], values: ValueResolver): Guard {
  const { fn, read, write } = aside;
  const around = callbackHost(fn, values);
  if (around) return around;
  if (operations.some((op) => op.kind === 'try-lock' && op.call.pos >= read.call.end && op.call.end <= write.call.pos))
    return { kind: 'try-lock' };
  const inFlight = storesPendingPromise(fn, values);
  if (inFlight) return { kind: 'single-flight', how: `in-flight promises in \`${inFlight}\`` };
  if (usesEarlyRefresh(fn, values)) return { kind: 'early-refresh' };
  const lock = blockingLockBetween(fn, read.call.end, write.call.pos, values);
  if (lock) {
    const rechecked = operations.some(
      (op) => op.kind === 'read' && op.call.pos >= lock.end && op.call.end <= write.call.pos && sameEntry(op, read),
    );
    return { kind: 'lock', rechecked, how: lock.getText().replace(/\s+/g, '') };
  }
  return { kind: 'none' };
}

/** The miss path runs as a callback of a single-flight helper or inside a lock. */
function callbackHost(fn: ts.SignatureDeclaration, values: ValueResolver): Guard | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as unknown as ts.Expression)) return undefined;
  const callee = values.resolve(call.expression);
  if (callee.kind === 'function' && callee.path.length === 0 && isSingleFlightHelper(callee.node)) {
    return { kind: 'single-flight', how: `\`${call.expression.getText()}\`` };
  }
  if (isLockMethod(call.expression, values)) return { kind: 'lock', rechecked: true, how: call.expression.getText() };
  return undefined;
}

/**
 * A single-flight helper: it stores, in a Map, a promise obtained by calling one of its own
 * parameters (the loader), and so hands concurrent callers the same pending load.
 */
export function isSingleFlightHelper(helper: ts.SignatureDeclaration): boolean {
  return singleFlightSignature(helper) !== undefined;
}

/** Which parameters of a single-flight helper take the in-flight map (if any), the key and the loader. */
export interface SingleFlightSignature {
  mapIndex?: number;
  keyIndex: number;
  loadIndex: number;
}

export function singleFlightSignature(helper: ts.SignatureDeclaration): SingleFlightSignature | undefined {
  const names = helper.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  if (names.filter(Boolean).length < 2) return undefined;
  let found: SingleFlightSignature | undefined;
  const assigned = assignmentsIn(helper);
  const visit = (node: ts.Node): void => {
    if (found) return;
    // `<map>.set(key, <the loader's pending promise>)`; the map may be a parameter, typed or not.
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'set' &&
      node.arguments.length === 2
    ) {
      const value = node.arguments[1]!;
      const loadIndex = names.findIndex((name) => name !== '' && callsOneOf(value, new Set([name]), assigned, 0));
      const keyIndex = names.indexOf(node.arguments[0]!.getText());
      if (loadIndex !== -1 && keyIndex !== -1) {
        const mapIndex = names.indexOf((node.expression as ts.PropertyAccessExpression).expression.getText());
        found = { keyIndex, loadIndex, mapIndex: mapIndex === -1 ? undefined : mapIndex };
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(helper);
  return found;
}

function isMapSet(call: ts.CallExpression, values: ValueResolver): boolean {
  return (
    ts.isPropertyAccessExpression(call.expression) &&
    call.expression.name.text === 'set' &&
    call.arguments.length >= 2 &&
    cacheClientOf(call.expression.expression, values)?.library === 'map'
  );
}

/** Whether `node` (following local `const`s) calls a function named in `names` without awaiting it. */
function callsOneOf(
  node: ts.Node,
  names: ReadonlySet<string>,
  assigned: ReadonlyMap<string, ts.Expression[]>,
  depth: number,
): boolean {
  if (depth > 4) return false;
  if (ts.isAwaitExpression(node)) return false; // an awaited result is settled, not a pending load
  if (ts.isCallExpression(node)) {
    let target: ts.Expression = node.expression;
    // `load().finally(…)`, `load().then(…)`: still the loader's pending promise.
    while (
      ts.isPropertyAccessExpression(target) &&
      PROMISE_METHODS.has(target.name.text) &&
      ts.isCallExpression(target.expression)
    ) {
      target = target.expression.expression;
    }
    if (ts.isIdentifier(target) && names.has(target.text)) return true;
  }
  if (ts.isIdentifier(node)) {
    const binding = findBinding(node.text, node);
    const initializer = binding?.kind === 'variable' ? binding.declaration.initializer : undefined;
    const sources = [...(initializer ? [initializer] : []), ...(assigned.get(node.text) ?? [])];
    return sources.some((source) => callsOneOf(source, names, assigned, depth + 1));
  }
  let found = false;
  ts.forEachChild(node, (child) => {
    if (!found && !ts.isFunctionLike(child)) found = callsOneOf(child, names, assigned, depth);
  });
  return found;
}

/** Right-hand sides of `name = …` in a function, by name. */
function assignmentsIn(fn: ts.Node): Map<string, ts.Expression[]> {
  const found = new Map<string, ts.Expression[]>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(node.left)
    ) {
      found.set(node.left.text, [...(found.get(node.left.text) ?? []), node.right]);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}

/**
 * An in-flight map inside the function itself: `inFlight.set(key, promise)` where the promise
 * is a call's result, not awaited, and handed back to callers (returned or awaited later).
 */
function storesPendingPromise(fn: ts.SignatureDeclaration, values: ValueResolver): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found || (node !== fn && ts.isFunctionLike(node))) return;
    if (ts.isCallExpression(node) && isMapSet(node, values)) {
      const value = skipOuterExpressions(node.arguments[1]!);
      if (isPendingPromise(value, fn)) found = (node.expression as ts.PropertyAccessExpression).expression.getText();
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}

function isPendingPromise(value: ts.Expression, fn: ts.SignatureDeclaration): boolean {
  if (ts.isCallExpression(value) || ts.isNewExpression(value)) return true;
  if (!ts.isIdentifier(value)) return false;
  const binding = findBinding(value.text, value);
  if (binding?.kind !== 'variable') return false;
  const initializer = binding.declaration.initializer;
  if (
    initializer &&
    (ts.isCallExpression(skipOuterExpressions(initializer)) || ts.isNewExpression(skipOuterExpressions(initializer)))
  )
    return true;
  // `let pending = map.get(key); if (!pending) { pending = load(); map.set(key, pending) }`
  let assignedCall = false;
  const visit = (node: ts.Node): void => {
    if (assignedCall || (node !== fn && ts.isFunctionLike(node))) return;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(node.left) &&
      node.left.text === value.text &&
      ts.isCallExpression(skipOuterExpressions(node.right))
    ) {
      assignedCall = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return assignedCall;
}

/** XFetch: `Math.log(Math.random())` scales an early-refresh margin, here or in a helper it calls. */
function usesEarlyRefresh(fn: ts.SignatureDeclaration, values: ValueResolver, depth = 0): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const callee = values.resolve(node.expression);
      if (isMathCall(callee, 'log') && node.arguments.some((argument) => containsMathRandom(argument, values)))
        found = true;
      else if (callee.kind === 'function' && callee.path.length === 0 && callee.node !== fn && depth === 0) {
        found = usesEarlyRefresh(callee.node, values, depth + 1);
      }
    }
    if (!found) ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}

function isMathCall(callee: Value, name: string): boolean {
  return callee.kind === 'global' && callee.name === 'Math' && callee.path.length === 1 && callee.path[0] === name;
}

export function containsMathRandom(node: ts.Node, values: ValueResolver): boolean {
  if (ts.isCallExpression(node) && isMathCall(values.resolve(node.expression), 'random')) return true;
  let found = false;
  ts.forEachChild(node, (child) => {
    if (!found) found = containsMathRandom(child, values);
  });
  return found;
}

/** A blocking-lock acquisition (`await mutex.acquire()`, `redlock.acquire([...])`) between two positions. */
function blockingLockBetween(
  fn: ts.SignatureDeclaration,
  after: number,
  before: number,
  values: ValueResolver,
): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || (node !== fn && ts.isFunctionLike(node))) return;
    if (ts.isCallExpression(node) && node.pos >= after && node.end <= before && isLockMethod(node.expression, values))
      found = node;
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}

function isLockMethod(callee: ts.Expression, values: ValueResolver): boolean {
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = values.resolve(callee.expression);
  if (receiver.kind !== 'new' || receiver.path.length > 0 || receiver.callee.kind !== 'module') return false;
  return LOCK_LIBRARIES[receiver.callee.module]?.includes(callee.name.text) ?? false;
}
