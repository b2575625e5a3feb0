import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import { isGlobalFetch } from './fetch';
import { optionProperty } from './object-properties';
import type { RetrySchedule } from './backoff-schedule';
import type { LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';
import { isUndiciMember, UNDICI_MODULE } from './undici';

// undici 8: `new RetryAgent(dispatcher, options)` and `new RetryHandler({ …, retryOptions }, …)`
// retry idempotent requests maxRetries times (default 5), waiting min(maxTimeout, minTimeout ·
// factor^(n−1)) — 500 ms doubling up to 30 s — with no random part and no option for one
// (lib/handler/retry-handler.js). A custom `retry` callback decides for itself: we stay silent.
// Only the methods in `methods` are retried, by default GET, HEAD, OPTIONS, PUT, DELETE and TRACE
// (the same in undici 6.24).

const DEFAULT_RETRIED_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'];

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

/**
 * The retries a request makes by itself when it goes through a RetryAgent: `fetch(url, {
 * dispatcher })` (fetch's method defaults to GET), a fetch without a dispatcher when the global
 * one is a RetryAgent (`globalDispatcher`), or `agent.request({ method, … })`.
 */
export function undiciRequestRetry(
  call: ts.CallExpression,
  callee: Value,
  values: ValueResolver,
  globalDispatcher?: () => ts.Expression | undefined,
): RetrySchedule | undefined {
  let agent: Value | undefined;
  let options: ts.Expression | undefined;
  let defaultMethod: string | undefined;
  if (isGlobalFetch(callee) || isUndiciMember(callee, 'fetch')) {
    options = call.arguments[1];
    const dispatcher = optionProperty(options, 'dispatcher', values);
    const chosen = dispatcher.kind === 'found' ? dispatcher.value : dispatcher.kind === 'absent' ? globalDispatcher?.() : undefined;
    if (!chosen) return undefined;
    agent = values.resolve(chosen);
    defaultMethod = 'GET';
  } else if (callee.kind === 'new' && callee.path.length === 1 && callee.path[0] === 'request') {
    agent = { ...callee, path: [] };
    options = call.arguments[0];
  }
  if (agent?.kind !== 'new' || agent.path.length > 0 || !isUndiciMember(agent.callee, 'RetryAgent')) return undefined;
  const retry = undiciRetry(agent.node, agent.callee, values);
  const method = requestMethod(options, defaultMethod, values);
  const retried = retriedMethods(agent.node.arguments?.[1], values);
  if (!retry || !method || !retried?.includes(method)) return undefined;
  return retry.schedule;
}

function requestMethod(options: ts.Expression | undefined, fallback: string | undefined, values: ValueResolver): string | undefined {
  const method = optionProperty(options, 'method', values);
  if (method.kind === 'absent') return fallback;
  return method.kind === 'found' && ts.isStringLiteralLike(method.value) ? method.value.text.toUpperCase() : undefined;
}

/** The `methods` a RetryAgent retries; undefined when they cannot be read. */
function retriedMethods(argument: ts.Expression | undefined, values: ValueResolver): string[] | undefined {
  const methods = optionProperty(argument, 'methods', values);
  if (methods.kind === 'absent') return DEFAULT_RETRIED_METHODS;
  if (methods.kind !== 'found' || !ts.isArrayLiteralExpression(methods.value)) return undefined;
  const names = methods.value.elements.map((element) => (ts.isStringLiteralLike(element) ? element.text.toUpperCase() : undefined));
  return names.every((name) => name !== undefined) ? (names as string[]) : undefined;
}
