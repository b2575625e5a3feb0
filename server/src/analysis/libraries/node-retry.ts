import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import type { DelayPattern, RetrySchedule } from './backoff-schedule';
import { optionEdit, type LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';

// The node-retry family. `retry` (node-retry 0.13) computes wait n as
// min(maxTimeout, minTimeout · factor^(n−1)), multiplied by a random 1–2 only when `randomize`
// is set; its defaults are retries 10, factor 2, minTimeout 1000, maxTimeout Infinity,
// randomize false (lib/retry.js). p-retry (≤ 9) and promise-retry (2.x) pass their options to it
// unchanged, so they inherit "exponential, no jitter". async-retry (1.3) also uses it but turns
// `randomize` on by default. `forever: true` retries without a cap.

interface Flavour {
  library: string;
  /** Where the options argument is, given the call. */
  optionsIndex(call: ts.CallExpression): number;
  /** Where the retried function is, if the library takes one. */
  operationIndex(call: ts.CallExpression): number | undefined;
  randomizeByDefault: boolean;
}

const P_RETRY: Flavour = {
  library: 'p-retry',
  optionsIndex: () => 1,
  operationIndex: () => 0,
  randomizeByDefault: false,
};
const ASYNC_RETRY: Flavour = {
  library: 'async-retry',
  optionsIndex: () => 1,
  operationIndex: () => 0,
  randomizeByDefault: true,
};
const RETRY_OPERATION: Flavour = {
  library: 'retry',
  optionsIndex: () => 0,
  operationIndex: () => undefined,
  randomizeByDefault: false,
};
const PROMISE_RETRY: Flavour = {
  library: 'promise-retry',
  // promiseRetry(fn, options) or promiseRetry(options, fn)
  optionsIndex: (call) => (isFunctionLike(call.arguments[0]) ? 1 : 0),
  operationIndex: (call) => (isFunctionLike(call.arguments[0]) ? 0 : 1),
  randomizeByDefault: false,
};

export const NODE_RETRY_MODULES = ['p-retry', 'async-retry', 'promise-retry', 'retry'];

function flavourOf(callee: Value): Flavour | undefined {
  if (callee.kind !== 'module') return undefined;
  const path = callee.path.join('.');
  if (callee.module === 'p-retry' && (path === '' || path === 'pRetry')) return P_RETRY;
  if (callee.module === 'async-retry' && path === '') return ASYNC_RETRY;
  if (callee.module === 'promise-retry' && path === '') return PROMISE_RETRY;
  if (callee.module === 'retry' && path === 'operation') return RETRY_OPERATION;
  return undefined;
}

export function nodeRetryCall(call: ts.CallExpression, callee: Value, values: ValueResolver): LibraryRetry | undefined {
  const flavour = flavourOf(callee);
  if (!flavour) return undefined;
  const index = flavour.optionsIndex(call);
  const options = new RetryOptions(call.arguments[index], values);
  if (!options.readable) return undefined;
  const retries = options.number('retries', 10);
  const factor = options.number('factor', 2);
  const minTimeout = options.number('minTimeout', 1000);
  const maxTimeout = options.number('maxTimeout', Infinity);
  const randomize = options.boolean('randomize', flavour.randomizeByDefault);
  const forever = options.boolean('forever', false);
  const maxRetryTime = options.get('maxRetryTime');
  if (retries === undefined || forever === undefined) return undefined;
  const delay: DelayPattern =
    factor === 1 && minTimeout !== undefined
      ? minTimeout === 0
        ? { kind: 'immediate' }
        : { kind: 'fixed', ms: minTimeout }
      : {
          kind: 'exponential',
          firstMs: minTimeout,
          factor,
          capMs: maxTimeout === undefined || !Number.isFinite(maxTimeout) ? undefined : maxTimeout,
        };
  const schedule: RetrySchedule = {
    source: flavour.library,
    attempts: forever ? Infinity : retries + 1,
    delay,
    jitter: randomize === undefined ? 'unknown' : randomize ? 'full' : 'none',
    deadlineMs:
      maxRetryTime.kind === 'number' && Number.isFinite(maxRetryTime.value)
        ? maxRetryTime.value
        : maxRetryTime.kind === 'absent' || maxRetryTime.kind === 'number'
          ? undefined
          : 'unknown',
  };
  const operationIndex = flavour.operationIndex(call);
  return {
    library: flavour.library,
    node: call,
    schedule,
    operation: operationIndex === undefined ? undefined : call.arguments[operationIndex],
    jitterFix: optionEdit(call, index, `Randomize the ${flavour.library} backoff (randomize: true)`, {
      randomize: 'true',
    }),
    capFix: optionEdit(
      call,
      index,
      `Cap the retries (${forever ? 'forever: false, ' : ''}retries: RETRY_MAX_RETRIES)`,
      forever ? { forever: 'false', retries: 'RETRY_MAX_RETRIES' } : { retries: 'RETRY_MAX_RETRIES' },
    ),
  };
}

function isFunctionLike(node: ts.Expression | undefined): boolean {
  return node !== undefined && (ts.isArrowFunction(node) || ts.isFunctionExpression(node));
}
