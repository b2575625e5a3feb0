import type { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import type { RetrySchedule } from './backoff-schedule';
import type { LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';
import { UNDICI_MODULE } from './undici';

// undici 8: `new RetryAgent(dispatcher, options)` and `new RetryHandler({ …, retryOptions }, …)`
// retry idempotent requests maxRetries times (default 5), waiting min(maxTimeout, minTimeout ·
// factor^(n−1)) — 500 ms doubling up to 30 s — with no random part and no option for one
// (lib/handler/retry-handler.js). A custom `retry` callback decides for itself: we stay silent.

export function undiciRetry(node: ts.NewExpression, callee: Value, values: ValueResolver): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== UNDICI_MODULE || callee.path.length !== 1) return undefined;
  const kind = callee.path[0];
  let argument: ts.Expression | undefined;
  if (kind === 'RetryAgent') argument = node.arguments?.[1];
  else if (kind === 'RetryHandler') {
    const outer = new RetryOptions(node.arguments?.[0], values);
    const nested = outer.get('retryOptions');
    if (nested.kind === 'unknown' || (nested.kind !== 'absent' && nested.kind !== 'expression')) return undefined;
    argument = nested.kind === 'expression' ? nested.node : undefined;
  } else return undefined;
  const options = new RetryOptions(argument, values);
  if (!options.readable || options.get('retry').kind !== 'absent') return undefined;
  const maxRetries = options.number('maxRetries', 5);
  const minTimeout = options.number('minTimeout', 500);
  const factor = options.number('factor', 2);
  const maxTimeout = options.number('maxTimeout', 30_000);
  if (maxRetries === undefined || maxRetries <= 0 || factor === undefined || maxTimeout === undefined) return undefined;
  const schedule: RetrySchedule = {
    source: `undici ${kind}`,
    attempts: maxRetries + 1,
    delay:
      factor === 1 && minTimeout !== undefined
        ? { kind: 'fixed', ms: minTimeout }
        : { kind: 'exponential', firstMs: minTimeout, factor, capMs: maxTimeout },
    jitter: 'none',
    note: 'undici has no jitter option',
  };
  return { library: 'undici', node, schedule };
}
