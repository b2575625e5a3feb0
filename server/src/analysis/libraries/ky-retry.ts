import type { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import { classifyDelayFunction } from './delay-expressions';
import type { DelayPattern, Jitter, RetrySchedule } from './backoff-schedule';
import type { LibraryRetry, OptionEdit } from './library-retry';
import { RetryOptions } from './retry-options';
import { KY_MODULE } from './ky';

// ky 2: `retry` is a limit (default 2) or `{ limit, delay, backoffLimit, jitter }`; the wait is
// 0.3 s · 2^(n−1) without a random part unless `jitter` is set (distribution/utils/normalize.js,
// core/Ky.js). `retry: 0` turns retries off. Reported where retries are configured: on a call
// that sets `retry`, and on `ky.create`/`ky.extend` (one finding per client, not per request).

/** Methods ky retries by default (POST and PATCH are not retried unless `retry.methods` says so). */
const METHODS = new Set(['get', 'put', 'head', 'delete']);
const FACTORIES = new Set(['create', 'extend']);

export function kyRetryCall(call: ts.CallExpression, callee: Value, values: ValueResolver): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== KY_MODULE || callee.path.length > 1) return undefined;
  const name = callee.path[0];
  const factory = name !== undefined && FACTORIES.has(name);
  if (name !== undefined && !factory && !METHODS.has(name)) return undefined;
  const options = new RetryOptions(call.arguments[factory ? 0 : 1], values);
  if (!options.readable) return undefined;
  // `ky(url, { method: 'post' })`: ky does not retry POST/PATCH by default; an unreadable method keeps us silent.
  const method = options.get('method');
  if (method.kind !== 'absent' && !(method.kind === 'string' && METHODS.has(method.value.toLowerCase())))
    return undefined;
  const retry = options.get('retry');
  if (retry.kind === 'absent' && !factory) return undefined;
  const read = readRetry(retry, values);
  if (!read) return undefined;
  const { limit, shape, settings } = read;
  const schedule: RetrySchedule = {
    source: 'ky retry',
    attempts: limit + 1,
    delay: shape.pattern,
    jitter: shape.jitter,
  };
  if (!settings) schedule.note = 'ky default: 300 ms doubling, no jitter';
  return {
    library: 'ky',
    node: call,
    schedule,
    jitterFix: jitterEdit(call, factory ? 0 : 1, options, retry, settings),
  };
}

/** Methods ky 2 retries by default (`retry.methods`); POST and PATCH are not. */
const RETRIED_METHODS = new Set([...METHODS, 'options', 'trace']);
const SHORTCUTS = new Set(['get', 'post', 'put', 'patch', 'head', 'delete']);

/**
 * The retries ky makes by itself for one request, for a retry around it to multiply: `ky(url)`,
 * `ky.get(url)`, or a request through an instance made by `ky.create`/`ky.extend`, whose
 * `retry` and `method` the request's own options override. Undefined when ky would not retry
 * (POST, `retry: 0`) or when the options cannot be read.
 */
export function kyRequestRetry(call: ts.CallExpression, callee: Value, values: ValueResolver): RetrySchedule | undefined {
  let instanceOptions: RetryOptions | undefined;
  let shortcut: string | undefined;
  if (callee.kind === 'module' && callee.module === KY_MODULE && callee.path.length <= 1) {
    shortcut = callee.path[0];
  } else if (callee.kind === 'call' && callee.path.length <= 1 && isKyFactory(callee.callee)) {
    shortcut = callee.path[0];
    instanceOptions = new RetryOptions(callee.node.arguments[0], values);
    if (!instanceOptions.readable) return undefined;
  } else {
    return undefined;
  }
  if (shortcut !== undefined && !SHORTCUTS.has(shortcut)) return undefined;
  const options = new RetryOptions(call.arguments[1], values);
  if (!options.readable) return undefined;
  const pick = (name: string) => {
    const own = options.get(name);
    return own.kind === 'absent' && instanceOptions ? instanceOptions.get(name) : own;
  };
  const method = pick('method');
  const verb = method.kind === 'absent' ? (shortcut ?? 'get') : method.kind === 'string' ? method.value.toLowerCase() : undefined;
  if (verb === undefined || !RETRIED_METHODS.has(verb)) return undefined;
  const read = readRetry(pick('retry'), values);
  return read && { source: 'ky', attempts: read.limit + 1, delay: read.shape.pattern, jitter: read.shape.jitter };
}

/**
 * ky's `retry` option: a limit, or `{ limit, delay, backoffLimit, jitter }`; absent, 2 retries at
 * 0.3 s doubling. Undefined when ky would not retry (a limit of 0) or the option cannot be read.
 */
function readRetry(
  retry: ReturnType<RetryOptions['get']>,
  values: ValueResolver,
): { limit: number; shape: { pattern: DelayPattern; jitter: Jitter }; settings?: RetryOptions } | undefined {
  let limit: number | undefined = 2;
  let settings: RetryOptions | undefined;
  if (retry.kind === 'number') limit = retry.value;
  else if (retry.kind === 'expression') {
    settings = new RetryOptions(retry.node, values);
    if (!settings.readable) return undefined;
    limit = settings.number('limit', 2);
  } else if (retry.kind !== 'absent') return undefined;
  if (limit === undefined || limit <= 0) return undefined;
  const shape = settings ? delayShape(settings, values) : defaultShape(Infinity);
  return shape && { limit, shape, settings };
}

function isKyFactory(value: Value): boolean {
  return value.kind === 'module' && value.module === KY_MODULE && value.path.length === 1 && FACTORIES.has(value.path[0]!);
}

function defaultShape(capMs: number): { pattern: DelayPattern; jitter: Jitter } {
  return {
    pattern: { kind: 'exponential', firstMs: 300, factor: 2, capMs: Number.isFinite(capMs) ? capMs : undefined },
    jitter: 'none',
  };
}

function delayShape(
  settings: RetryOptions,
  values: ValueResolver,
): { pattern: DelayPattern; jitter: Jitter } | undefined {
  const jitter = settings.get('jitter');
  const cap = settings.number('backoffLimit', Infinity);
  if (cap === undefined) return undefined;
  const delay = settings.get('delay');
  let shape: { pattern: DelayPattern; jitter: Jitter } | undefined = defaultShape(cap);
  if (delay.kind === 'expression') {
    const fn = values.resolve(delay.node);
    shape = fn.kind === 'function' && fn.path.length === 0 ? classifyDelayFunction(fn.node, values, 0, 1) : undefined;
  } else if (delay.kind !== 'absent') return undefined;
  if (!shape) return undefined;
  if (jitter.kind === 'absent' || (jitter.kind === 'boolean' && !jitter.value)) return shape;
  return {
    pattern: shape.pattern,
    jitter: jitter.kind === 'boolean' || jitter.kind === 'expression' ? 'full' : 'unknown',
  };
}

/** `jitter: true` inside the retry object, or a retry object replacing a bare limit. */
function jitterEdit(
  call: ts.CallExpression,
  index: number,
  options: RetryOptions,
  retry: ReturnType<RetryOptions['get']>,
  settings: RetryOptions | undefined,
): OptionEdit | undefined {
  const title = 'Add full jitter to the ky backoff (retry.jitter: true)';
  if (settings)
    return settings.literal ? { title, call, index, options: settings.literal, set: { jitter: 'true' } } : undefined;
  const literal = options.literal;
  if (!literal && call.arguments[index]) return undefined;
  const limit = retry.kind === 'number' ? retry.node.getText() : '2';
  return { title, call, index, options: literal, set: { retry: `{ limit: ${limit}, jitter: true }` } };
}
