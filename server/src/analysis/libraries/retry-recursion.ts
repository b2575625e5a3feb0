import { ts } from '../../typescript';
import type { ValueResolver } from './values';
import { classifyDelay } from './delay-expressions';
import type { RetrySchedule } from './backoff-schedule';
import { waitCall } from './wait-calls';
import { collectNodes, failsOnlySynchronously, failurePathStops, isDeadlineCondition } from './retry-control-flow';
import type { HandRolledRetry } from './retry-loops';

// Retries by recursion: a function whose catch clause waits and calls the function again
// (`await sleep(1000); return send(body, attempt + 1)`), and a function that re-arms itself from
// a failure handler (`.catch(() => setTimeout(connect, 5000))`, `on('error', …)`). A
// `setTimeout(poll, 1000)` on the success path is polling, not a retry, and is left alone.

type Callable = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

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
  const fn = enclosingCallable(handler.kind === 'catch' ? handler.node : handler.node.parent);
  if (!fn || !rearms(callback, fn)) return undefined;
  // The handler runs once per failure: a variable it updates (`backoff = backoff * 2`) changes between waits.
  const perAttemptScope = handler.kind === 'catch' ? handler.node.block : (handler.node as ts.FunctionLikeDeclaration).body;
  const verdict = classifyDelay(delay, values, {
    attemptDeclarations: new Set(),
    firstAttempt: 0,
    perAttemptScope,
    waitAt: call.getStart(),
  });
  const stops = handler.kind === 'catch' ? failurePathStops([handler.node.block], handler.node) : undefined;
  // Re-arming when a connection closes keeps a long-lived connection up, as a Redis client does.
  const reconnect = handler.kind === 'callback' && handler.event !== undefined && CLOSE_EVENTS.has(handler.event);
  const schedule: RetrySchedule = {
    source: reconnect ? 'this reconnect timer' : 'this timer retry',
    attempts: stops ? undefined : Infinity,
    delay: verdict?.pattern ?? { kind: 'unknown' },
    jitter: verdict?.jitter ?? 'unknown',
    deadlineMs: stops === 'deadline' ? 'unknown' : undefined,
    reconnect: reconnect || undefined,
  };
  return { kind: 'timer', node: call, schedule, delayExpression: delay, operation: fn };
}

/** Events that say a long-lived connection ended. */
const CLOSE_EVENTS = new Set(['close', 'end', 'disconnect']);

/** The catch clause, `.catch(cb)` callback or `on('error' | 'close' | 'end', cb)` callback around `node`. */
function failureHandler(
  node: ts.Node,
): { kind: 'catch'; node: ts.CatchClause } | { kind: 'callback'; node: ts.Node; event?: string } | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isCatchClause(current)) return { kind: 'catch', node: current };
    if (ts.isArrowFunction(current) || ts.isFunctionExpression(current)) {
      const call = current.parent;
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
      const method = call.expression.name.text;
      if (method === 'catch') return { kind: 'callback', node: current };
      if ((method === 'on' || method === 'once') && ts.isStringLiteral(call.arguments[0] ?? call)) {
        const event = (call.arguments[0] as ts.StringLiteral).text;
        return event === 'error' || CLOSE_EVENTS.has(event) ? { kind: 'callback', node: current, event } : undefined;
      }
      return undefined;
    }
    if (ts.isFunctionLike(current) || (ts.isBlock(current) && ts.isSourceFile(current.parent))) return undefined;
  }
  return undefined;
}

function rearms(callback: ts.Expression, fn: Callable): boolean {
  if (ts.isIdentifier(callback) || ts.isPropertyAccessExpression(callback)) return refersTo(callback, fn);
  if (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) {
    const body = callback.body;
    const calls = collectNodes(body, ts.isCallExpression) as ts.CallExpression[];
    return ts.isCallExpression(body) ? callsSelf(body, fn) : calls.some((inner) => callsSelf(inner, fn));
  }
  return false;
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

function callableName(fn: Callable): string | undefined {
  if (ts.isMethodDeclaration(fn)) return ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  return ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/** The attempt counter of a recursion: a parameter passed on as `p + 1`, or a field counted up. */
interface Counter {
  /** As written where it is read: `attempt`, `this.retries`. */
  text: string;
  /** Its value on the first call. */
  initial: number;
  parameter?: ts.ParameterDeclaration;
  /** A field's increment on the failure path. */
  increment?: ts.Expression;
}

/** Counts above this are read as unknown (the guard is then not a plain attempt limit). */
const MAX_COUNTED_TRIES = 1000;

/** A parameter passed on as `p + 1` in the self-call: the attempt counter, with its starting value. */
function recursionCounter(fn: Callable, selfCall: ts.CallExpression): Counter | undefined {
  for (const [index, argument] of selfCall.arguments.entries()) {
    const parameter = fn.parameters[index];
    if (!parameter || !ts.isIdentifier(parameter.name) || !ts.isBinaryExpression(argument)) continue;
    const isPlusOne =
      argument.operatorToken.kind === ts.SyntaxKind.PlusToken &&
      ts.isIdentifier(argument.left) &&
      argument.left.text === parameter.name.text;
    if (!isPlusOne) continue;
    const initial =
      parameter.initializer && ts.isNumericLiteral(parameter.initializer) ? Number(parameter.initializer.text) : 0;
    return { text: parameter.name.text, parameter, initial };
  }
  return undefined;
}

/**
 * A field counted up on the failure path (`this.retries++; await this.wait(1000 * this.retries);
 * return this.execute()`), with its initial value in the class (0 when not found).
 */
function fieldCounter(fn: Callable, failurePath: ts.Block): Counter | undefined {
  const increment = (collectNodes(failurePath, (node) => fieldIncrement(node) !== undefined) as ts.Expression[])[0];
  const target = increment && fieldIncrement(increment);
  if (!target) return undefined;
  const initial = ts.isClassLike(fn.parent) ? fieldInitialValue(fn.parent, target.name.text) : undefined;
  return { text: target.getText(), initial: initial ?? 0, increment };
}

/** `3`, or `this.maxRetries` set to 3 in the class. */
function numericLimit(expression: ts.Expression, at: ts.Node): number | undefined {
  if (ts.isNumericLiteral(expression)) return Number(expression.text);
  if (!ts.isPropertyAccessExpression(expression) || expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  let owner: ts.Node | undefined = at.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  return owner ? fieldInitialValue(owner, expression.name.text) : undefined;
}

/** `this.x++`, `++this.x`, `this.x += 1`: the field counted. */
function fieldIncrement(node: ts.Node): ts.PropertyAccessExpression | undefined {
  let target: ts.Expression | undefined;
  if ((ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) && node.operator === ts.SyntaxKind.PlusPlusToken)
    target = node.operand;
  else if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken &&
    ts.isNumericLiteral(node.right) &&
    node.right.text === '1'
  )
    target = node.left;
  return target && ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword
    ? target
    : undefined;
}

/** `x = 0` as a field, or `this.x = 0` in the constructor. */
function fieldInitialValue(owner: ts.ClassLikeDeclaration, name: string): number | undefined {
  for (const member of owner.members) {
    const initializer =
      ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name
        ? member.initializer
        : ts.isConstructorDeclaration(member) && member.body
          ? constructorAssignment(member.body, name)
          : undefined;
    if (initializer && ts.isNumericLiteral(initializer)) return Number(initializer.text);
  }
  return undefined;
}

function constructorAssignment(body: ts.Block, name: string): ts.Expression | undefined {
  for (const statement of body.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (
      operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(left) &&
      left.expression.kind === ts.SyntaxKind.ThisKeyword &&
      left.name.text === name
    )
      return right;
  }
  return undefined;
}

/** Infinity when nothing stops the recursion; -1 when something does (count unknown); or the count. */
function recursionCap(fn: Callable, catchClause: ts.CatchClause, counter: Counter | undefined): number {
  const body = fn.body;
  if (!body) return -1;
  if (counter) {
    const mentions = new RegExp(`(^|[^\\w$.])${counter.text.replace(/[.$]/g, '\\$&')}\\b`);
    const guard = (collectNodes(body, ts.isIfStatement) as ts.IfStatement[]).find((node) =>
      mentions.test(node.expression.getText()),
    );
    if (guard) return triesAllowed(guard, catchClause, counter) ?? -1;
  }
  const stops = failurePathStops([catchClause.block], catchClause);
  return stops ? -1 : Infinity;
}

/**
 * Tries the guard on the counter allows: `attempt >= 5` / `attempt > 4` give up, `attempt < 5` /
 * `attempt <= 4` go on. A guard in the catch clause is passed once per failure (tries = retries
 * + 1); one before the try, once per call (tries = calls that pass it).
 */
function triesAllowed(guard: ts.IfStatement, catchClause: ts.CatchClause, counter: Counter): number | undefined {
  const condition = guard.expression;
  if (isDeadlineCondition(condition) || !ts.isBinaryExpression(condition)) return undefined;
  const left = condition.left;
  const isCounter = (ts.isIdentifier(left) || ts.isPropertyAccessExpression(left)) && left.getText() === counter.text;
  const limit = isCounter ? numericLimit(condition.right, guard) : undefined;
  if (limit === undefined) return undefined;
  const goesOn: Record<number, (value: number) => boolean> = {
    [ts.SyntaxKind.GreaterThanEqualsToken]: (value) => value < limit,
    [ts.SyntaxKind.GreaterThanToken]: (value) => value <= limit,
    [ts.SyntaxKind.LessThanToken]: (value) => value < limit,
    [ts.SyntaxKind.LessThanEqualsToken]: (value) => value <= limit,
  };
  const passes = goesOn[condition.operatorToken.kind];
  if (!passes) return undefined;
  const inCatch = guard.pos >= catchClause.pos && guard.end <= catchClause.end;
  const incrementedBefore = counter.increment !== undefined && inCatch && counter.increment.end <= guard.getStart();
  const first = counter.initial + (incrementedBefore ? 1 : 0);
  let passing = 0;
  while (passes(first + passing)) if (++passing > MAX_COUNTED_TRIES) return undefined;
  return inCatch ? passing + 1 : passing;
}
