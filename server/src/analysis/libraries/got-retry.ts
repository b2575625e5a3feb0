import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import { evaluateNumber } from './durations';
import type { RetrySchedule } from './backoff-schedule';
import type { LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';
import { GOT_MODULE } from './got';

// got's own backoff is jittered (1 s doubling plus up to 100 ms noise), so only a custom
// `retry.calculateDelay` can make it lockstep. got retries whenever the function returns a
// non-zero delay, and passes `computedValue` 0 when its own rules (limit, method, status) say stop
// (core/calculate-retry-delay.js): a function that returns a constant regardless retries forever;
// `computedValue ? K : 0` keeps the limit but waits a fixed K. The fix hands the wait back to got.

const METHODS = new Set(['get', 'put', 'head', 'delete', 'options', 'post', 'patch']);

export function gotRetryCall(call: ts.CallExpression, callee: Value, values: ValueResolver): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== GOT_MODULE || callee.path.length > 1) return undefined;
  const name = callee.path[0];
  if (name !== undefined && name !== 'extend' && !METHODS.has(name)) return undefined;
  const options = new RetryOptions(call.arguments[name === 'extend' ? 0 : 1], values);
  const retry = options.get('retry');
  if (retry.kind !== 'expression') return undefined;
  const settings = new RetryOptions(retry.node, values);
  const calculate = settings.get('calculateDelay');
  if (calculate.kind !== 'expression' || !ts.isObjectLiteralExpression(retry.node)) return undefined;
  const fn = values.resolve(calculate.node);
  if (fn.kind !== 'function' || fn.path.length > 0 || !ts.isArrowFunction(fn.node)) return undefined;
  const shape = constantDelay(fn.node, values);
  const limit = settings.number('limit', 2);
  if (!shape || limit === undefined) return undefined;
  const schedule: RetrySchedule = {
    source: 'got retry.calculateDelay',
    attempts: shape.ignoresLimit ? Infinity : limit + 1,
    delay: shape.ms === 0 ? { kind: 'immediate' } : { kind: 'fixed', ms: shape.ms },
    jitter: 'none',
    note: shape.ignoresLimit ? 'calculateDelay never returns 0, so got never stops' : undefined,
  };
  const initializer = calculate.node;
  const title = "Use got's own backoff (computedValue: 1 s doubling with noise, within retry.limit)";
  return {
    library: 'got',
    node: call,
    schedule,
    jitterFix:
      initializer === fn.node
        ? {
            title,
            call,
            index: -1,
            options: retry.node,
            set: { calculateDelay: '({ computedValue }) => computedValue' },
          }
        : undefined,
  };
}

/** `() => K` (ignores got's stop signal) or `({ computedValue }) => computedValue ? K : 0`. */
function constantDelay(fn: ts.ArrowFunction, values: ValueResolver): { ms: number; ignoresLimit: boolean } | undefined {
  if (ts.isBlock(fn.body)) return undefined;
  let body: ts.Expression = fn.body;
  while (ts.isParenthesizedExpression(body)) body = body.expression;
  const constant = evaluateNumber(body, values, 0);
  if (constant !== undefined) return constant === 0 ? undefined : { ms: constant, ignoresLimit: true };
  if (!ts.isConditionalExpression(body)) return undefined;
  const whenTrue = evaluateNumber(body.whenTrue, values, 0);
  const whenFalse = evaluateNumber(body.whenFalse, values, 0);
  if (whenTrue === undefined || whenFalse === undefined || !mentionsComputedValue(body.condition)) return undefined;
  // `computedValue ? K : 0` or `computedValue === 0 ? 0 : K`.
  const ms = whenFalse === 0 ? whenTrue : whenTrue === 0 ? whenFalse : undefined;
  return ms ? { ms, ignoresLimit: false } : undefined;
}

function mentionsComputedValue(node: ts.Node): boolean {
  if (ts.isIdentifier(node) && node.text === 'computedValue') return true;
  return ts.forEachChild(node, (child) => (mentionsComputedValue(child) ? true : undefined)) ?? false;
}
