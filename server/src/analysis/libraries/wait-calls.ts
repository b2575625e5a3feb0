import { ts } from '../../typescript';
import { skipOuterExpressions, type Value, type ValueResolver } from './values';
import { namedFunction } from './named-functions';

// The ways Node code waits before trying again: `await new Promise(r => setTimeout(r, ms))`,
// `await setTimeout(ms)` from timers/promises, `await delay(ms)` (the `delay` package),
// `promisify(setTimeout)`, and small workspace helpers such as `sleep(ms)` that wrap any of
// these (followed into their bodies, across modules). A wait yields the expression that gives its
// length, plus the helper parameters that expression reads, bound to the caller's arguments.

export interface WaitCall {
  /** The awaited expression. */
  node: ts.Expression;
  /** The expression that computes the wait (possibly inside a helper). */
  delay: ts.Expression;
  /** Helper parameters → the caller's argument expressions. */
  bindings: Map<ts.Node, ts.Expression>;
  /** The caller-side expression to replace when fixing the wait, if the wait is exactly it. */
  replaceable?: ts.Expression;
}

/** Package functions that wait `arguments[0]` ms. */
const WAIT_FUNCTIONS: ReadonlyArray<{ module: string; path: readonly string[] }> = [
  { module: 'timers/promises', path: ['setTimeout'] },
  { module: 'timers/promises', path: ['scheduler', 'wait'] },
  { module: 'delay', path: [] },
  { module: 'sleep-promise', path: [] },
];

const MAX_HELPER_DEPTH = 3;

/** The wait an awaited expression performs, or undefined if it is not (recognisably) a wait. */
export function waitCall(expression: ts.Expression, values: ValueResolver, depth = 0): WaitCall | undefined {
  const node = skipOuterExpressions(expression);
  if (ts.isNewExpression(node)) return promiseTimer(node, values);
  if (!ts.isCallExpression(node)) return undefined;
  const callee = values.resolve(node.expression);
  if (isWaitFunction(callee, values)) {
    const delay = node.arguments[0];
    if (!delay) return undefined;
    return { node, delay, bindings: new Map(), replaceable: delay };
  }
  const helper = namedFunction(node.expression, values);
  if (helper && depth < MAX_HELPER_DEPTH) {
    const inner = waitInside(helper, values, depth + 1);
    if (!inner) return undefined;
    const bindings = new Map(inner.bindings);
    helper.parameters.forEach((parameter, index) => {
      const argument = node.arguments[index];
      if (argument) bindings.set(parameter, argument);
    });
    // `sleep(ms)` whose wait is exactly its parameter: the fix replaces the caller's argument.
    const parameterIndex = helper.parameters.findIndex((parameter) => isReferenceTo(inner.delay, parameter));
    const replaceable = parameterIndex >= 0 ? node.arguments[parameterIndex] : undefined;
    return { node, delay: inner.delay, bindings, replaceable };
  }
  return undefined;
}

function isWaitFunction(callee: Value, values: ValueResolver): boolean {
  if (callee.kind === 'module') {
    return WAIT_FUNCTIONS.some((fn) => fn.module === callee.module && sameMembers(fn.path, callee.path));
  }
  // `const sleep = promisify(setTimeout)` / `util.promisify(setTimeout)`
  if (callee.kind === 'call' && callee.path.length === 0) {
    const promisify = callee.callee;
    const isPromisify =
      promisify.kind === 'module' && promisify.module === 'util' && sameMembers(promisify.path, ['promisify']);
    const argument = callee.node.arguments[0];
    if (!isPromisify || !argument) return false;
    const target = values.resolve(argument);
    return target.kind === 'global' && target.name === 'setTimeout' && target.path.length === 0;
  }
  return false;
}

/** `new Promise((resolve) => setTimeout(resolve, ms))` and its `() => resolve()` variants. */
function promiseTimer(node: ts.NewExpression, values: ValueResolver): WaitCall | undefined {
  const constructor = values.resolve(node.expression);
  if (constructor.kind !== 'global' || constructor.name !== 'Promise') return undefined;
  const executor = node.arguments?.[0];
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  let found: WaitCall | undefined;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(child) && child.arguments.length >= 1) {
      const callee = values.resolve(child.expression);
      if (callee.kind === 'global' && callee.name === 'setTimeout' && callee.path.length === 0) {
        const delay = child.arguments[1];
        if (delay) found = { node, delay, bindings: new Map(), replaceable: delay };
        return;
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(executor.body);
  return found;
}

/** The wait a helper function performs: in its returned expression or its first awaited one. */
function waitInside(fn: ts.SignatureDeclaration, values: ValueResolver, depth: number): WaitCall | undefined {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return waitCall(body, values, depth);
  let found: WaitCall | undefined;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if ((ts.isReturnStatement(node) || ts.isAwaitExpression(node)) && node.expression) {
      found = waitCall(node.expression, values, depth);
      if (found) return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function isReferenceTo(expression: ts.Expression, parameter: ts.ParameterDeclaration): boolean {
  const node = skipOuterExpressions(expression);
  return ts.isIdentifier(node) && ts.isIdentifier(parameter.name) && node.text === parameter.name.text;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}
