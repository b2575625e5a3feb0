import type { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import type { RetrySchedule } from './backoff-schedule';
import { optionEdit, type LibraryRetry } from './library-retry';
import { optionsArgumentIndex } from './object-properties';
import { REQUEST_VERBS } from './request';
import { RetryOptions } from './retry-options';

// requestretry 8: request's API with retries. `requestretry(uri, options?, callback?)` or a verb
// (`requestretry.get`) tries `maxAttempts` times in all (default 5), waiting `retryDelay` ms
// (default 5000) before each retry: a fixed interval without jitter (index.js: DEFAULTS, and
// `delayStrategy` returning `this.retryDelay`). A `delayStrategy` of the caller's decides the waits,
// so its presence keeps the rules silent. `timeout` is request's own, per try.

export const REQUESTRETRY_MODULE = 'requestretry';

export function requestretryCall(call: ts.CallExpression, callee: Value, values: ValueResolver): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== REQUESTRETRY_MODULE) return undefined;
  if (callee.path.length > 1 || (callee.path.length === 1 && !REQUEST_VERBS.has(callee.path[0]!))) return undefined;
  const index = optionsArgumentIndex(call, values);
  const options = new RetryOptions(call.arguments[index], values);
  if (!options.readable || options.get('delayStrategy').kind !== 'absent') return undefined;
  const maxAttempts = options.number('maxAttempts', 5);
  const retryDelayMs = options.number('retryDelay', 5000);
  const timeoutMs = options.number('timeout', 0);
  if (maxAttempts === undefined || retryDelayMs === undefined) return undefined;
  const schedule: RetrySchedule = {
    source: 'requestretry',
    attempts: Math.max(1, maxAttempts),
    delay: retryDelayMs === 0 ? { kind: 'immediate' } : { kind: 'fixed', ms: retryDelayMs },
    jitter: 'none',
    perTryTimeoutMs: timeoutMs ? timeoutMs : undefined,
  };
  return {
    library: 'requestretry',
    node: call,
    schedule,
    // `this` is the retrying request; `attempts` counts the tries made, so the first retry waits up to the base.
    jitterFix: optionEdit(call, index, 'Wait capped exponential backoff with full jitter (delayStrategy)', {
      delayStrategy: 'function () { return $backoff(this.attempts - 1); }',
    }),
  };
}
