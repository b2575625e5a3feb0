import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import type { RetrySchedule } from './backoff-schedule';
import { RetryOptions } from './retry-options';
import { axiosRequestCall } from './axios';
import { axiosCallTimeout } from './axios-policy';
import { axiosRetryOnInstance, underRequestTimeout } from './axios-retry';
import { kyRequestRetry } from './ky-retry';
import { superagentRetryCall } from './superagent-retry';
import { undiciRequestRetry } from './undici-retry';
import type { LibraryContext } from './retry-libraries';

// Clients that retry a request by themselves, so that a retry around them multiplies:
// got 14+ retries GET/PUT/HEAD/DELETE/OPTIONS/TRACE twice by default (limit 2, 1 s doubling plus
// up to 100 ms noise); ky 2 the same methods twice (0.3 s doubling, no jitter; see ky-retry.ts);
// a superagent request with `.retry(n)` resends n times at once; the AWS SDK v3 makes 3 attempts per `send` (standard mode, full jitter,
// `maxAttempts` to change); an axios instance retries when axios-retry is installed on it; a
// request through an undici RetryAgent is retried by the agent (see undici-retry.ts).

const GOT_RETRIED_METHODS = new Set(['get', 'put', 'head', 'delete', 'options', 'trace']);

/** The retries `call` makes by itself. */
export function clientRetryOf(call: ts.CallExpression, context: LibraryContext): RetrySchedule | undefined {
  const { values, globalDispatcher } = context;
  const callee = values.resolve(call.expression);
  return (
    axiosRetryOf(call, callee, context) ??
    gotRetryOf(call, callee, values) ??
    kyRequestRetry(call, callee, values) ??
    superagentRetryCall(call, callee, values)?.schedule ??
    undiciRequestRetry(call, callee, values, globalDispatcher) ??
    awsRetryOf(callee, values)
  );
}

function axiosRetryOf(call: ts.CallExpression, callee: Value, context: LibraryContext): RetrySchedule | undefined {
  const { values } = context;
  const request = axiosRequestCall(callee, call, (expression) => values.resolve(expression));
  if (!request || request.client.kind !== 'instance') return undefined;
  const retry = axiosRetryOnInstance(request.client.creation, values);
  if (!retry) return undefined;
  // The request's effective timeout (call, instance, instance defaults, axios.defaults) bounds the tries.
  const timeout = axiosCallTimeout(call, request, context);
  const timeoutMs = timeout.kind === 'set' && timeout.duration.kind === 'ms' && timeout.duration.ms > 0 ? timeout.duration.ms : undefined;
  return timeoutMs === undefined ? retry.schedule : underRequestTimeout(retry, timeoutMs, values);
}

function gotRetryOf(call: ts.CallExpression, callee: Value, values: ValueResolver): RetrySchedule | undefined {
  if (callee.kind !== 'module' || callee.module !== 'got') return undefined;
  const method = callee.path.length === 0 ? 'get' : callee.path.join('.');
  if (!GOT_RETRIED_METHODS.has(method)) return undefined;
  const options = new RetryOptions(call.arguments[1], values);
  if (!options.readable) return undefined;
  const retry = options.get('retry');
  let limit: number | undefined = 2;
  if (retry.kind === 'number') limit = retry.value;
  else if (retry.kind === 'expression') limit = new RetryOptions(retry.node, values).number('limit', 2);
  else if (retry.kind !== 'absent') limit = undefined;
  if (limit === undefined || limit === 0) return undefined;
  return {
    source: 'got',
    attempts: limit + 1,
    delay: { kind: 'exponential', firstMs: 1000, factor: 2 },
    jitter: 'partial',
  };
}

function awsRetryOf(callee: Value, values: ValueResolver): RetrySchedule | undefined {
  if (callee.kind !== 'new' || callee.path.join('.') !== 'send') return undefined;
  const ctor = callee.callee;
  if (ctor.kind !== 'module' || !ctor.module.startsWith('@aws-sdk/client-')) return undefined;
  const options = new RetryOptions(callee.node.arguments?.[0], values);
  const maxAttempts = options.readable ? options.number('maxAttempts', 3) : undefined;
  if (maxAttempts === undefined || maxAttempts <= 1) return undefined;
  return {
    source: `AWS SDK ${ctor.path.join('.') || 'client'}`,
    attempts: maxAttempts,
    delay: { kind: 'exponential', firstMs: 100, factor: 2, capMs: 20_000 },
    jitter: 'full',
  };
}
