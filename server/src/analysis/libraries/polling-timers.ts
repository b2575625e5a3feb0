import { ts } from '../../typescript';
import type { FailureHandler } from './failure-handlers';
import { skipOuterExpressions } from './outer-expressions';
import { collectNodes } from './retry-control-flow';

// A task that re-arms its own timer after a success as well as after a failure is polling:
// `sweep().then(() => setTimeout(run, d), () => setTimeout(run, d))`, or a `try` that re-arms
// after its work with a `catch` that re-arms too (graphile-worker's periodic reset of locked
// jobs). Its failures add no calls, unless the failure path comes back sooner than the success
// path does: `setTimeout(run, 60000)` after a success and `setTimeout(run, 1000)` after a failure
// is a retry, sixty times the usual rate while the dependency is down.

/**
 * Whether the code that runs when the handler's operation succeeds re-arms the same task
 * (`rearms` tells a timer callback that calls it again) no later than the failure path's
 * `failureDelay` does.
 */
export function pollsOnSuccessToo(
  handler: FailureHandler,
  failureDelay: ts.Expression,
  rearms: (callback: ts.Expression) => boolean,
): boolean {
  const success = successPath(handler);
  if (!success) return false;
  return (collectNodes(success, ts.isCallExpression) as ts.CallExpression[]).some((timer) => {
    const [callback, delay] = timer.arguments;
    const isSetTimeout = ts.isIdentifier(timer.expression) && timer.expression.text === 'setTimeout';
    return (
      isSetTimeout &&
      callback !== undefined &&
      delay !== undefined &&
      rearms(callback) &&
      noSoonerThan(failureDelay, delay)
    );
  });
}

/**
 * What runs after the operation succeeded: the `try` block of a catch clause, the first callback
 * of `.then(onFulfilled, onRejected)`, or of the `.then(onFulfilled)` a `.catch` is chained to.
 */
function successPath(handler: FailureHandler): ts.Node | undefined {
  if (handler.kind === 'catch') return handler.node.parent.tryBlock;
  const call = handler.registration;
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const method = call.expression.name.text;
  if (method === 'then' && call.arguments[1] === handler.argument) return functionBody(call.arguments[0]);
  if (method !== 'catch') return undefined;
  const receiver = skipOuterExpressions(call.expression.expression);
  const chainedToThen =
    ts.isCallExpression(receiver) &&
    ts.isPropertyAccessExpression(receiver.expression) &&
    receiver.expression.name.text === 'then';
  return chainedToThen ? functionBody(receiver.arguments[0]) : undefined;
}

function functionBody(callback: ts.Expression | undefined): ts.Node | undefined {
  return callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) ? callback.body : undefined;
}

/** The same delay written the same way, or constants where the failure path waits at least as long. */
function noSoonerThan(failureDelay: ts.Expression, successDelay: ts.Expression): boolean {
  const failure = skipOuterExpressions(failureDelay);
  const success = skipOuterExpressions(successDelay);
  if (failure.getText().replace(/\s+/g, '') === success.getText().replace(/\s+/g, '')) return true;
  return ts.isNumericLiteral(failure) && ts.isNumericLiteral(success) && Number(failure.text) >= Number(success.text);
}
