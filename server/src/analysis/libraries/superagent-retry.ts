import type { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import { evaluateNumber } from './durations';
import type { LibraryRetry } from './library-retry';

// superagent 10: `.retry(n)` on a request chain resends a failed request n times (`.retry()` = 1)
// at once, with no wait and no random part, for any method (lib/request-base.js). There is no
// backoff option to turn on, so there is no quick fix: the remedy is a retry wrapper with backoff.

export const SUPERAGENT_MODULE = 'superagent';

/** Does the chain a `.retry` is called on start at a superagent request? */
function isSuperagentChain(value: Value): boolean {
  for (let current = value; ;) {
    if (current.kind === 'module') return current.module === SUPERAGENT_MODULE && current.path.length <= 1;
    if (current.kind !== 'call' || current.path.length > 0) return false;
    const callee = current.callee;
    // `superagent.get(url)` or a chained method of a request (`….set(…)`).
    if (callee.kind === 'module') return callee.module === SUPERAGENT_MODULE && callee.path.length <= 1;
    if (callee.kind !== 'call' || callee.path.length !== 1) return false;
    current = { ...callee, path: [] } as Value;
  }
}

export function superagentRetryCall(
  call: ts.CallExpression,
  callee: Value,
  values: ValueResolver,
): LibraryRetry | undefined {
  if (callee.kind !== 'call' || callee.path.length !== 1 || callee.path[0] !== 'retry') return undefined;
  if (!isSuperagentChain({ ...callee, path: [] } as Value)) return undefined;
  const count = call.arguments[0];
  const retries = count ? evaluateNumber(count, values, 0) : 1;
  if (retries === undefined || retries <= 0) return undefined;
  return {
    library: 'superagent',
    node: call,
    schedule: {
      source: 'superagent .retry()',
      attempts: retries + 1,
      delay: { kind: 'immediate' },
      jitter: 'none',
      note: 'superagent resends at once; it has no backoff option',
    },
  };
}
