import type { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import type { RetrySchedule } from './backoff-schedule';
import { optionEdit, type LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';

// exponential-backoff 3.1: `backOff(fn, options)`; defaults numOfAttempts 10, startingDelay 100,
// timeMultiple 2, maxDelay Infinity, jitter 'none' (dist/options.js). Wait n is
// min(maxDelay, startingDelay · timeMultiple^(n−1)); `jitter: 'full'` draws it uniformly below that.

export const EXPONENTIAL_BACKOFF_MODULE = 'exponential-backoff';

export function exponentialBackoffCall(
  call: ts.CallExpression,
  callee: Value,
  values: ValueResolver,
): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== EXPONENTIAL_BACKOFF_MODULE || callee.path.join('.') !== 'backOff')
    return undefined;
  const options = new RetryOptions(call.arguments[1], values);
  if (!options.readable) return undefined;
  const attempts = options.number('numOfAttempts', 10);
  const startingDelay = options.number('startingDelay', 100);
  const timeMultiple = options.number('timeMultiple', 2);
  const maxDelay = options.number('maxDelay', Infinity);
  const jitter = options.get('jitter');
  // Options set from variables (`numOfAttempts: retry`) still cap the tries and leave the jitter
  // readable: the schedule is partly unknown, not the retry.
  const delay: RetrySchedule['delay'] =
    startingDelay === undefined || timeMultiple === undefined || maxDelay === undefined
      ? { kind: 'unknown' }
      : timeMultiple === 1
        ? { kind: 'fixed', ms: startingDelay }
        : { kind: 'exponential', firstMs: startingDelay, factor: timeMultiple, capMs: Number.isFinite(maxDelay) ? maxDelay : undefined };
  const schedule: RetrySchedule = {
    source: 'exponential-backoff backOff',
    attempts,
    delay,
    jitter:
      jitter.kind === 'absent' || (jitter.kind === 'string' && jitter.value === 'none')
        ? 'none'
        : jitter.kind === 'string' && jitter.value === 'full'
          ? 'full'
          : 'unknown',
  };
  return {
    library: 'exponential-backoff',
    node: call,
    schedule,
    operation: call.arguments[0],
    jitterFix: optionEdit(call, 1, "Use full jitter (jitter: 'full')", { jitter: "'full'" }),
  };
}
