import { ts } from '../../typescript';
import { findBinding } from '../scope';
import type { ValueResolver } from './values';
import { classifyDelay } from './delay-expressions';
import type { RetrySchedule } from './backoff-schedule';
import { waitCall } from './wait-calls';
import { collectNodes, failsOnlySynchronously, failurePathStops } from './retry-control-flow';
import { fieldCounter, recursionCap, recursionCounter } from './recursion-counters';
import type { HandRolledRetry } from './retry-loops';
import { CLOSE_EVENTS, failureHandler, underOneShotFlag } from './failure-handlers';
import { passedOnArguments } from './passed-on-arguments';
import { pollsOnSuccessToo } from './polling-timers';
import { namedFunction } from './named-functions';

// Retries by recursion: a function whose catch clause waits and calls the function again
// (`await sleep(1000); return send(body, attempt + 1)`), and a function that re-arms itself from
// a failure handler (`.catch(() => setTimeout(connect, 5000))`, `on('error', …)`). A
// `setTimeout(poll, 1000)` on the success path is polling, not a retry, and is left alone.

export type Callable = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** A catch clause that waits (or not) and calls its own function again. */
export function recursiveRetry(catchClause: ts.CatchClause, values: ValueResolver): HandRolledRetry | undefined {
  const fn = enclosingCallable(catchClause);
  if (!fn || failsOnlySynchronously(catchClause.parent)) return undefined;
  const selfCall = collectNodes(catchClause.block, (node) => ts.isCallExpression(node) && callsSelf(node, fn))[0] as
    ts.CallExpression | undefined;
  if (!selfCall) return undefined;
  const earlierAwaits = (collectNodes(catchClause.block, ts.isAwaitExpression) as ts.AwaitExpression[]).filter(
    (node) => node.end <= selfCall.getStart(),
  );
  const wait = earlierAwaits.map((node) => waitCall(node.expression, values)).find((found) => found !== undefined);
  // Recursing at once from a catch is usually a fallback (re-parse, re-auth), not a retry loop.
  if (!wait) return undefined;
  const counter = recursionCounter(fn, selfCall) ?? fieldCounter(fn, catchClause.block);
  const attemptDeclarations = new Set<ts.Node>(counter?.parameter ? [counter.parameter] : []);
  const attemptProperties = new Set(counter?.increment ? [counter.text] : []);
  // A field counted up before the wait has already moved on when the wait reads it.
  const countedBeforeWait = counter?.increment !== undefined && counter.increment.end <= wait.node.getStart();
  const firstAttempt = (counter?.initial ?? 0) + (countedBeforeWait ? 1 : 0);
  const verdict = classifyDelay(wait.delay, values, {
    attemptDeclarations,
    attemptProperties,
    firstAttempt,
    bindings: wait.bindings,
    passedOn: passedOnArguments(fn, selfCall, counter?.parameter),
  });
  const schedule: RetrySchedule = {
    source: 'this recursive retry',
    attempts: recursionCap(fn, catchClause, counter),
    delay: verdict?.pattern ?? { kind: 'unknown' },
    jitter: verdict?.jitter ?? 'unknown',
  };
  if (schedule.attempts === -1) schedule.attempts = undefined;
  return {
    kind: 'recursion',
    node: catchClause,
    schedule,
    wait,
    delayExpression: wait?.replaceable,
    counterName: counter?.text,
    catchClause,
    operation: fn,
  };
}

/** `setTimeout(connect, 5000)` (or `() => connect()`) inside a failure handler of `connect` itself. */
export function timerRetry(call: ts.CallExpression, values: ValueResolver): HandRolledRetry | undefined {
  const callee = values.resolve(call.expression);
  if (callee.kind !== 'global' || callee.name !== 'setTimeout' || callee.path.length > 0) return undefined;
  const [callback, delay] = call.arguments;
  if (!callback || !delay) return undefined;
  const handler = failureHandler(call);
  if (!handler || (handler.kind === 'catch' && failsOnlySynchronously(handler.node.parent))) return undefined;
  // `if (end) { end = false; setTimeout(connect, 20) }`, `end` raised where the code closes the
  // connection itself: once per raise, not once per failure.
  if (underOneShotFlag(call, handler.node)) return undefined;
  // Where the handler is registered: the function that set up the connection or made the call.
  const inner = enclosingCallable(handler.kind === 'catch' ? handler.node : handler.registration);
  let fn = inner;
  let rearm = fn && rearmingCall(callback, fn);
  if (inner && !rearm) {
    fn = callerOfHelper(callback, inner, values);
    rearm = fn && rearmingCall(callback, fn);
  }
  if (!fn || !rearm) return undefined;
  // The same task re-armed after a success, no sooner: polling, not a retry.
  if (pollsOnSuccessToo(handler, delay, (other) => rearmingCall(other, fn) !== false)) return undefined;
  // The handler runs once per failure: a variable it updates (`backoff = backoff * 2`) changes between waits.
  const perAttemptScope = handler.kind === 'catch' ? handler.node.block : handler.node.body;
  const verdict = classifyDelay(delay, values, {
    attemptDeclarations: new Set(),
    firstAttempt: 0,
    perAttemptScope,
    waitAt: call.getStart(),
    passedOn: rearm === true ? undefined : passedOnArguments(fn, rearm),
  });
  const stops = handler.kind === 'catch' ? failurePathStops([handler.node.block], handler.node) : undefined;
  // `if (tries < 3) setTimeout(() => connect(tries + 1), 150)`: capped, by a count we do not derive.
  const guarded = guardedByParameter(call, handler.node, fn);
  // Re-arming when a connection closes keeps a long-lived connection up, as a Redis client does.
  const reconnect = handler.kind === 'callback' && handler.event !== undefined && CLOSE_EVENTS.has(handler.event);
  const schedule: RetrySchedule = {
    source: reconnect ? 'this reconnect timer' : 'this timer retry',
    attempts: stops || guarded ? undefined : Infinity,
    delay: verdict?.pattern ?? { kind: 'unknown' },
    jitter: verdict?.jitter ?? 'unknown',
    deadlineMs: stops === 'deadline' ? 'unknown' : undefined,
    reconnect: reconnect || undefined,
  };
  return { kind: 'timer', node: call, schedule, delayExpression: delay, operation: fn };
}

/**
 * Whether the timer is set only under a comparison on a parameter of the function it re-arms (an
 * attempt count handed from call to call, `tries < 3`, `options.tries < max`): the retries stop.
 */
function guardedByParameter(call: ts.Node, handler: ts.Node, fn: Callable): boolean {
  const parameters = new Set<ts.Node>(fn.parameters);
  const counted = (side: ts.Expression) =>
    collectNodes(side, ts.isIdentifier).some((id) => readsParameter(id as ts.Identifier, parameters));
  for (let node: ts.Node = call; node !== handler && node.parent; node = node.parent) {
    const parent = node.parent;
    const condition =
      ts.isIfStatement(parent) && parent.thenStatement === node
        ? parent.expression
        : ts.isConditionalExpression(parent) && parent.whenTrue === node
          ? parent.condition
          : undefined;
    if (condition && comparisons(condition).some(counted)) return true;
  }
  return false;
}

const RELATIONS = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** The operands of the `<`, `<=`, `>`, `>=` comparisons in a condition (a count against a limit, not a flag). */
function comparisons(condition: ts.Expression): ts.Expression[] {
  const relations = collectNodes(
    condition,
    (node) => ts.isBinaryExpression(node) && RELATIONS.has(node.operatorToken.kind),
  );
  return (relations as ts.BinaryExpression[]).flatMap((relation) => [relation.left, relation.right]);
}

/** A parameter, or a variable computed from one (`const tries = job.tries || 0`). */
function readsParameter(identifier: ts.Identifier, parameters: ReadonlySet<ts.Node>, depth = 0): boolean {
  const binding = findBinding(identifier.text, identifier);
  if (binding?.kind === 'parameter') return parameters.has(binding.declaration);
  const initializer = binding?.kind === 'variable' ? binding.declaration.initializer : undefined;
  return (
    depth === 0 &&
    initializer !== undefined &&
    collectNodes(initializer, ts.isIdentifier).some((id) => readsParameter(id as ts.Identifier, parameters, 1))
  );
}

/** How the timer's callback calls `fn` again: `true` when it is `fn` itself, the call when it wraps one. */
function rearmingCall(callback: ts.Expression, fn: Callable): ts.CallExpression | boolean {
  if (ts.isIdentifier(callback) || ts.isPropertyAccessExpression(callback)) return refersTo(callback, fn);
  if (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) {
    const calls = collectNodes(callback.body, ts.isCallExpression) as ts.CallExpression[];
    return calls.find((inner) => callsSelf(inner, fn)) ?? false;
  }
  return false;
}

/**
 * The function a timer re-arms when the failure handler sits in a helper that function calls:
 * `startconn()` opens a socket and hands it to `handleConnection(socket)`, whose 'close' listener
 * runs `setTimeout(startconn, 3000)` (Node-RED's websocket client). Each reconnect calls the
 * helper again, so the helper's handler fails with every attempt. Only a function whose body
 * calls the helper itself (the name resolves to it).
 */
function callerOfHelper(callback: ts.Expression, helper: Callable, values: ValueResolver): Callable | undefined {
  const helperName = callableName(helper);
  if (!helperName || ts.isMethodDeclaration(helper)) return undefined;
  const called = ts.isIdentifier(callback)
    ? [callback]
    : ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)
      ? (collectNodes(callback.body, ts.isCallExpression) as ts.CallExpression[])
          .map((call) => call.expression)
          .filter(ts.isIdentifier)
      : [];
  for (const name of called) {
    const target = namedFunction(name, values);
    if (!target || !isPlainFunction(target) || !target.body || target === helper) continue;
    const callsHelper = (node: ts.Node) =>
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === helperName &&
      namedFunction(node.expression, values) === helper;
    if (collectNodes(target.body, callsHelper).length > 0) return target;
  }
  return undefined;
}

function isPlainFunction(
  fn: ts.SignatureDeclaration,
): fn is ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction {
  return ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn);
}

function enclosingCallable(node: ts.Node): Callable | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (
      ts.isFunctionDeclaration(current) ||
      ts.isFunctionExpression(current) ||
      ts.isArrowFunction(current) ||
      ts.isMethodDeclaration(current)
    ) {
      return current;
    }
  }
  return undefined;
}

function callsSelf(call: ts.CallExpression, fn: Callable): boolean {
  return refersTo(call.expression, fn);
}

/** `name` for a named function or a const-assigned arrow; `this.name` for a method. */
function refersTo(expression: ts.Expression, fn: Callable): boolean {
  // `obj.connect = function () { … setTimeout(obj.connect, ms) }`: the module-object pattern.
  const member = assignedMember(fn);
  if (member) return ts.isPropertyAccessExpression(expression) && expression.getText() === member;
  const name = callableName(fn);
  if (!name) return false;
  if (ts.isIdentifier(expression)) return expression.text === name && !ts.isMethodDeclaration(fn);
  return (
    ts.isPropertyAccessExpression(expression) &&
    expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
    expression.name.text === name &&
    ts.isMethodDeclaration(fn)
  );
}

/** `obj.connect` (or `this.connect`) for a function expression assigned to that member. */
function assignedMember(fn: Callable): string | undefined {
  const parent = fn.parent;
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
  if (!ts.isBinaryExpression(parent) || parent.right !== fn || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken)
    return undefined;
  const target = parent.left;
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const base = target.expression;
  return ts.isIdentifier(base) || base.kind === ts.SyntaxKind.ThisKeyword ? target.getText() : undefined;
}

function callableName(fn: Callable): string | undefined {
  if (ts.isMethodDeclaration(fn)) return ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  return ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}
