import type { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import type { DelayPattern, RetrySchedule } from './backoff-schedule';
import { optionEdit, type LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';

// @lifeomic/attempt 3.1: `retry(fn, { delay, factor, maxAttempts, maxDelay, jitter, timeout })`.
// Defaults: delay 200, factor 0 (no growth: a fixed 200 ms), maxAttempts 3 (0 = forever), maxDelay
// 0 (no cap), jitter false, timeout 0 (dist/src/index.js). `calculateDelay` or `handleError`
// take the schedule out of our hands, so their presence keeps the rules silent.

export const LIFEOMIC_ATTEMPT_MODULE = '@lifeomic/attempt';

export function lifeomicRetryCall(
  call: ts.CallExpression,
  callee: Value,
  values: ValueResolver,
): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== LIFEOMIC_ATTEMPT_MODULE || callee.path.join('.') !== 'retry')
    return undefined;
  const options = new RetryOptions(call.arguments[1], values);
  if (!options.readable) return undefined;
  if (['calculateDelay', 'handleError', 'beforeAttempt'].some((name) => options.get(name).kind !== 'absent'))
    return undefined;
  const delayMs = options.number('delay', 200);
  const factor = options.number('factor', 0);
  const maxAttempts = options.number('maxAttempts', 3);
  const maxDelay = options.number('maxDelay', 0);
  const jitter = options.boolean('jitter', false);
  const timeoutMs = options.number('timeout', 0);
  if ([delayMs, factor, maxAttempts, maxDelay, jitter].some((value) => value === undefined)) return undefined;
  const grows = factor! !== 0 && factor! !== 1;
  const delay: DelayPattern = grows
    ? { kind: 'exponential', firstMs: delayMs, factor, capMs: maxDelay ? maxDelay : undefined }
    : delayMs === 0
      ? { kind: 'immediate' }
      : { kind: 'fixed', ms: delayMs };
  const schedule: RetrySchedule = {
    source: '@lifeomic/attempt retry',
    attempts: maxAttempts === 0 ? Infinity : maxAttempts,
    delay,
    jitter: jitter ? 'full' : 'none',
    perTryTimeoutMs: timeoutMs ? timeoutMs : undefined,
  };
  const set: Record<string, string> = grows ? { jitter: 'true' } : { factor: '2', jitter: 'true' };
  return {
    library: '@lifeomic/attempt',
    node: call,
    schedule,
    operation: call.arguments[0],
    jitterFix: optionEdit(
      call,
      1,
      `Use ${grows ? '' : 'exponential backoff with '}full jitter (${Object.entries(set)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')})`,
      set,
    ),
    capFix:
      maxAttempts === 0
        ? optionEdit(call, 1, 'Cap the attempts (maxAttempts: RETRY_MAX_RETRIES)', { maxAttempts: 'RETRY_MAX_RETRIES' })
        : undefined,
  };
}
