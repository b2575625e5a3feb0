import { ts } from '../../typescript';
import { findBinding, isInside } from '../scope';
import { variableWrites } from '../sole-assignment';
import { skipOuterExpressions } from './outer-expressions';
import { registrationsByReference } from './handler-registrations';

// Where code reacts to a failure: a catch clause, a `.catch(cb)` callback or the rejection
// callback of `.then(onFulfilled, onRejected)`, an `on('error')` or `on('close')` listener. A
// timer set there that calls its own function again is a retry (retry-recursion.ts) — unless a
// one-shot flag guards it: Node-RED's TCP request node reconnects 20 ms after it closed the
// connection itself (`if (end) { end = false; setTimeout(setup, 20) }`), once per such close,
// and waits its fixed reconnect time after every other close.

/** Events that say a long-lived connection ended. */
export const CLOSE_EVENTS = new Set(['close', 'end', 'disconnect']);

export type FailureHandler =
  | { kind: 'catch'; node: ts.CatchClause }
  | {
      kind: 'callback';
      /** The function that runs on the failure. */
      node: ts.FunctionLikeDeclaration;
      /** The call that registers it: `.catch(…)`, `.then(…, …)`, `.on('error', …)`. */
      registration: ts.CallExpression;
      /** The argument that hands it over: the function itself, or a reference to it (handler-registrations.ts). */
      argument: ts.Expression;
      event?: string;
    };

/**
 * The catch clause, `.catch(cb)` or `.then(…, cb)` callback or `on('error' | 'close' | 'end', cb)`
 * callback around `node` — written in the call, or a function registered there by reference.
 */
export function failureHandler(node: ts.Node): FailureHandler | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isCatchClause(current)) return { kind: 'catch', node: current };
    if (ts.isArrowFunction(current) || ts.isFunctionExpression(current) || ts.isFunctionDeclaration(current)) {
      const call = current.parent;
      if (!ts.isFunctionDeclaration(current) && ts.isCallExpression(call)) {
        return ts.isPropertyAccessExpression(call.expression) ? registeredHandler(call, current, current) : undefined;
      }
      for (const { call: registration, argument } of registrationsByReference(current)) {
        const handler = registeredHandler(registration, argument, current);
        if (handler) return handler;
      }
      return undefined;
    }
    if (ts.isFunctionLike(current) || (ts.isBlock(current) && ts.isSourceFile(current.parent))) return undefined;
  }
  return undefined;
}

/** The handler `call` makes of `fn`, handed over as `argument`, when the call registers a failure handler. */
function registeredHandler(
  call: ts.CallExpression,
  argument: ts.Expression,
  fn: ts.FunctionLikeDeclaration,
): FailureHandler | undefined {
  const method = (call.expression as ts.PropertyAccessExpression).name.text;
  const handler = { kind: 'callback' as const, node: fn, registration: call, argument };
  if (method === 'catch' || (method === 'then' && call.arguments[1] === argument)) return handler;
  const [first] = call.arguments;
  if ((method === 'on' || method === 'once') && first && ts.isStringLiteral(first) && first !== argument) {
    const event = first.text;
    return event === 'error' || CLOSE_EVENTS.has(event) ? { ...handler, event } : undefined;
  }
  return undefined;
}

/**
 * Whether `timer` is set only under `if (flag)` in a branch that clears the flag, where the flag is
 * raised only outside failure handlers (`node.on('input', …)`: the code closed the connection
 * itself). Such a timer fires once per raise, not once per failure. A flag raised in a failure
 * handler — even under a condition, `if (buffer.length) end = true` in an 'end' listener — can be
 * raised by every failed session, and keeps the timer a retry.
 */
export function underOneShotFlag(timer: ts.Node, handler: ts.Node): boolean {
  for (let node: ts.Node = timer; node !== handler && node.parent; node = node.parent) {
    const branch = node.parent;
    if (!ts.isIfStatement(branch) || branch.thenStatement !== node) continue;
    const flag = skipOuterExpressions(branch.expression);
    const binding = ts.isIdentifier(flag) ? findBinding(flag.text, flag) : undefined;
    if (binding?.kind !== 'variable' || !ts.isVariableDeclaration(binding.node)) continue;
    const writes = variableWrites(binding.declaration);
    if (writes.some((write) => write === null)) continue;
    const cleared = writes.some((write) => isInside(write!, node) && isFalse(write!.right));
    const raisedAwayFromFailures = writes.every((write) => isFalse(write!.right) || !failureHandler(write!));
    if (cleared && raisedAwayFromFailures) return true;
  }
  return false;
}

function isFalse(value: ts.Expression): boolean {
  const node = skipOuterExpressions(value);
  return node.kind === ts.SyntaxKind.FalseKeyword || (ts.isNumericLiteral(node) && Number(node.text) === 0);
}
