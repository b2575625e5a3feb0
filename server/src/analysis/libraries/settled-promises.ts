import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { hasBuiltinMethodName } from './builtin-calls';
import { namedFunction } from './named-functions';
import { skipOuterExpressions, type ValueResolver } from './values';

// Whether a function's result is ready as soon as it returns: it waits on nothing (no `await`,
// no `for await`, no `yield`) and returns plain values, or the result of a function that is
// itself ready at once. An `async` factory that only validates and builds an object
// (`static async create(data) { … return new Mention(…) }`) settles at once: mapping rows
// through it and awaiting them with `Promise.all` starts no work per row, and is no fan-out.
// A call whose result the function uses as a value (`model.get('id')`, `JSON.parse(…)`) is taken
// to be synchronous; one whose result it drops (`notify(row);`) may start work we cannot see,
// unless it is followed to a function that settles at once itself.

/** How many calls deep a function is followed through the functions it returns the result of. */
const MAX_DEPTH = 3;

const SETTLES_AT_ONCE = Symbol('settles at once');

/** Receivers whose methods only log: `logger.error(err)` starts no work worth bounding. */
const LOGGERS = /^(?:console|log|logger|logging|_?log)$/i;

export function settlesAtOnce(fn: ts.SignatureDeclaration, values: ValueResolver, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  return values.memo(SETTLES_AT_ONCE, fn, () => computeSettlesAtOnce(fn, values, depth));
}

function computeSettlesAtOnce(fn: ts.SignatureDeclaration, values: ValueResolver, depth: number): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || (fn as ts.FunctionLikeDeclaration).asteriskToken) return false;
  let ready = true;
  // An arrow's concise body is what it returns (and may await inside: `({ host: await load() })`).
  const returned: ts.Expression[] = ts.isBlock(body) ? [] : [body];
  const visit = (node: ts.Node): void => {
    if (!ready || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    // `await Tier.create(…)` of a factory that settles at once waits on nothing.
    if (ts.isAwaitExpression(node)) ready = readyValue(node.expression, values, depth);
    else if (ts.isYieldExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) ready = false;
    else if (ts.isTaggedTemplateExpression(node)) ready = false; // ``sql`…` ``: a query
    else if (ts.isExpressionStatement(node) && mayStartWork(node.expression, values, depth)) ready = false;
    else if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return ready && returned.every((expression) => readyValue(expression, values, depth));
}

/**
 * A call whose result is dropped (`notify(row);`, `void notify(row)`) may start work (a
 * fire-and-forget request), unless it only logs, runs a workspace function that itself settles
 * at once (`mention.setSourceMetadata(data)`), or is one of JavaScript's own methods
 * (`events.push(…)`, a Set's `add`) — on a receiver that is no such call itself
 * (`notify(row).catch(…)`), and given no callback that may start work (`ids.forEach((id) => save(id))`).
 */
function mayStartWork(expression: ts.Expression, values: ValueResolver, depth: number): boolean {
  let node = skipOuterExpressions(expression);
  if (ts.isVoidExpression(node)) node = skipOuterExpressions(node.expression);
  if (!ts.isCallExpression(node)) return false;
  const callee = skipOuterExpressions(node.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  if (receiver && isLogger(receiver)) return false;
  if (receiver && (hasBuiltinMethodName(node) || onContainer(receiver, values))) {
    const callbacks = node.arguments.filter((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
    return (
      mayStartWork(receiver, values, depth) ||
      callbacks.some((callback) => !settlesAtOnce(callback as ts.SignatureDeclaration, values, depth + 1))
    );
  }
  const fn = namedFunction(node.expression, values);
  return fn === undefined || !settlesAtOnce(fn, values, depth + 1);
}

/** `logger`, `this.logger`, `console`: a receiver whose methods only log. */
function isLogger(receiver: ts.Expression): boolean {
  const name = ts.isPropertyAccessExpression(receiver) ? receiver.name : receiver;
  return ts.isIdentifier(name) && LOGGERS.test(name.text);
}

/** Whether a returned expression is a value, not a promise still pending. */
function readyValue(expression: ts.Expression, values: ValueResolver, depth: number): boolean {
  const node = skipOuterExpressions(expression);
  if (ts.isConditionalExpression(node)) return readyValue(node.whenTrue, values, depth) && readyValue(node.whenFalse, values, depth);
  if (ts.isBinaryExpression(node) && isShortCircuit(node.operatorToken.kind))
    return readyValue(node.left, values, depth) && readyValue(node.right, values, depth);
  if (ts.isNewExpression(node)) return !(ts.isIdentifier(node.expression) && node.expression.text === 'Promise');
  if (ts.isTaggedTemplateExpression(node)) return false;
  if (ts.isAwaitExpression(node)) return readyValue(node.expression, values, depth);
  if (ts.isIdentifier(node)) {
    // `const p = send(row); return p;`: what the name holds.
    const value = values.resolve(node);
    return value.kind !== 'call' || value.path.length > 0 || readyValue(value.node, values, depth);
  }
  if (!ts.isCallExpression(node)) return true;
  if (isPromiseResolve(node)) return true;
  const fn = namedFunction(node.expression, values);
  return fn !== undefined && settlesAtOnce(fn, values, depth + 1);
}

function isShortCircuit(operator: ts.SyntaxKind): boolean {
  return (
    operator === ts.SyntaxKind.QuestionQuestionToken ||
    operator === ts.SyntaxKind.BarBarToken ||
    operator === ts.SyntaxKind.AmpersandAmpersandToken
  );
}

function isPromiseResolve(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Promise' &&
    callee.name.text === 'resolve'
  );
}

/** Collections whose methods all run synchronously: `this.#ids.add(id)` on a `new Set()`. */
const CONTAINERS = new Set(['Set', 'Map', 'WeakSet', 'WeakMap']);

function onContainer(receiver: ts.Expression, values: ValueResolver): boolean {
  const value = values.resolve(receiver);
  if (value.kind !== 'new' || value.path.length > 0) return false;
  const constructor = value.node.expression;
  return ts.isIdentifier(constructor) && CONTAINERS.has(constructor.text) && !findBinding(constructor.text, constructor);
}
