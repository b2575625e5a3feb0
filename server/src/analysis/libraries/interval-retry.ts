import { ts } from '../../typescript';
import type { ValueResolver } from './values';
import { classifyDelay } from './delay-expressions';
import type { RetrySchedule } from './backoff-schedule';
import { collectNodes } from './retry-control-flow';
import type { HandRolledRetry } from './retry-loops';

// Re-polling until success: `const t = setInterval(async () => { try { await connect();
// clearInterval(t); } catch {} }, 5000)`. The callback tries the operation every period and the
// interval is cleared only when a try succeeds, so failures are retried at a fixed interval
// (and, when a try is slower than the period, concurrently). A periodic job that never clears
// itself on success is a poller, not a retry, and is left alone.

export function intervalRetry(call: ts.CallExpression, values: ValueResolver): HandRolledRetry | undefined {
  const callee = values.resolve(call.expression);
  if (callee.kind !== 'global' || callee.name !== 'setInterval' || callee.path.length > 0) return undefined;
  const [callback, delay] = call.arguments;
  if (!callback || !delay || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return undefined;
  const tries = collectNodes(callback.body, ts.isTryStatement) as ts.TryStatement[];
  const attempt = tries.find((node) => node.catchClause && clearsAfterWork(node.tryBlock));
  if (!attempt) return undefined;
  const verdict = classifyDelay(delay, values, { attemptDeclarations: new Set(), firstAttempt: 0 });
  // A clear outside the success path (in the catch, or behind a counter) gives up at some point.
  const clears = collectNodes(callback.body, isClearInterval);
  const givesUp = clears.some((node) => !isInside(node, attempt.tryBlock));
  const schedule: RetrySchedule = {
    source: 'this interval retry',
    attempts: givesUp ? undefined : Infinity,
    delay: verdict?.pattern ?? { kind: 'unknown' },
    jitter: verdict?.jitter ?? 'unknown',
  };
  return { kind: 'timer', node: call, schedule, catchClause: attempt.catchClause, operation: attempt.tryBlock };
}

/** The try block does some work (a call) and then clears the interval: it stops on success. */
function clearsAfterWork(block: ts.Block): boolean {
  const clear = collectNodes(block, isClearInterval)[0];
  if (!clear) return false;
  return collectNodes(block, (node) => ts.isCallExpression(node) && !isClearInterval(node)).some(
    (node) => node.end <= clear.getStart(),
  );
}

function isClearInterval(node: ts.Node): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'clearInterval';
}

function isInside(node: ts.Node, ancestor: ts.Node): boolean {
  return node.getStart() >= ancestor.getStart() && node.end <= ancestor.end;
}
