import type { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import { evaluateNumber } from './durations';
import { classifyDelayFunction } from './delay-expressions';
import type { DelayPattern, Jitter, RetrySchedule } from './backoff-schedule';
import type { LibraryRetry, OptionEdit } from './library-retry';
import { RetryOptions } from './retry-options';

// The `async` utility library (3.2): `async.retry(opts?, task, cb?)` tries `times` times (default
// 5) and waits `interval` ms between tries (default 0: at once; dist/async.js). `opts` may be a
// number (the times) or `{ times, interval }`, where `interval` can be a function of the retry
// count — the only way to get growth or jitter, and what the quick fix installs.

export const ASYNC_MODULES = ['async', 'async/retry', 'async-es'];

function isAsyncRetry(callee: Value): boolean {
  if (callee.kind !== 'module' || !ASYNC_MODULES.includes(callee.module)) return false;
  const path = callee.path.join('.');
  return callee.module === 'async/retry' ? path === '' || path === 'default' : path === 'retry';
}

export function asyncRetryCall(
  call: ts.CallExpression,
  callee: Value,
  values: ValueResolver,
): LibraryRetry | undefined {
  if (!isAsyncRetry(callee)) return undefined;
  const first = call.arguments[0];
  if (!first) return undefined;
  const firstValue = values.resolve(first);
  // `retry(task, cb)`: no options, the defaults apply.
  const optionsGiven = firstValue.kind !== 'function';
  let times: number | undefined = 5;
  let delay: { pattern: DelayPattern; jitter: Jitter } | undefined = { pattern: { kind: 'immediate' }, jitter: 'none' };
  let fix: OptionEdit | undefined;
  const interval = '(retryCount) => $backoff(retryCount)';
  const title = 'Wait capped exponential backoff with full jitter (interval function)';
  if (optionsGiven) {
    const count = evaluateNumber(first, values, 0);
    if (count !== undefined) {
      times = count;
      fix = { title, call, index: 0, options: undefined, set: { times: first.getText(), interval } };
    } else {
      const options = new RetryOptions(first, values);
      if (!options.readable || options.get('errorFilter').kind !== 'absent') return undefined;
      times = options.number('times', 5);
      delay = intervalShape(options, values);
      if (options.literal) fix = { title, call, index: 0, options: options.literal, set: { interval } };
    }
  }
  if (times === undefined || !delay) return undefined;
  const schedule: RetrySchedule = {
    source: 'async.retry',
    attempts: times,
    delay: delay.pattern,
    jitter: delay.jitter,
    note: optionsGiven ? undefined : 'async.retry defaults: times 5, interval 0',
  };
  return { library: 'async', node: call, schedule, operation: call.arguments[optionsGiven ? 1 : 0], jitterFix: fix };
}

function intervalShape(
  options: RetryOptions,
  values: ValueResolver,
): { pattern: DelayPattern; jitter: Jitter } | undefined {
  const interval = options.get('interval');
  if (interval.kind === 'absent') return { pattern: { kind: 'immediate' }, jitter: 'none' };
  if (interval.kind === 'number')
    return {
      pattern: interval.value === 0 ? { kind: 'immediate' } : { kind: 'fixed', ms: interval.value },
      jitter: 'none',
    };
  if (interval.kind !== 'expression') return undefined;
  const value = values.resolve(interval.node);
  if (value.kind !== 'function' || value.path.length > 0) return undefined;
  return classifyDelayFunction(value.node, values, 0, 1);
}
