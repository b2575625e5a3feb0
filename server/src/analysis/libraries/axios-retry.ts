import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import { classifyDelayFunction } from './delay-expressions';
import { returnedExpression } from '../returned-expression';
import type { DelayPattern, Jitter, RetrySchedule } from './backoff-schedule';
import { optionEdit, type LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';
import { collectNodes } from './retry-control-flow';

// axios-retry 4.5: `axiosRetry(client, { retries, retryDelay })`. retries defaults to 3 and
// retryDelay to `noDelay` — every retry fires at once (only a Retry-After header delays it;
// dist/cjs/index.js). `exponentialDelay` waits 2^n · 100 ms plus 0–20 % random; `linearDelay()`
// waits n · 100 ms with no random part. The client it is installed on retries every request.

export const AXIOS_RETRY_MODULE = 'axios-retry';

function isAxiosRetry(callee: Value): boolean {
  return callee.kind === 'module' && callee.module === AXIOS_RETRY_MODULE && callee.path.length === 0;
}

function member(value: Value, name: string): boolean {
  return value.kind === 'module' && value.module === AXIOS_RETRY_MODULE && value.path.join('.') === name;
}

export function axiosRetryCall(
  call: ts.CallExpression,
  callee: Value,
  values: ValueResolver,
): LibraryRetry | undefined {
  if (!isAxiosRetry(callee)) return undefined;
  const options = new RetryOptions(call.arguments[1], values);
  if (!options.readable) return undefined;
  const retries = options.number('retries', 3);
  const retryDelay = options.get('retryDelay');
  if (retries === undefined || retryDelay.kind === 'unknown') return undefined;
  const shape =
    retryDelay.kind === 'absent'
      ? { pattern: { kind: 'immediate' } as DelayPattern, jitter: 'none' as Jitter }
      : retryDelay.kind === 'expression'
        ? delayShape(retryDelay.node, values)
        : undefined;
  if (!shape) return undefined;
  const schedule: RetrySchedule = {
    source: 'axios-retry',
    attempts: retries + 1,
    delay: shape.pattern,
    jitter: shape.jitter,
    note: retryDelay.kind === 'absent' ? 'axios-retry default retryDelay: noDelay' : undefined,
  };
  const name = ts.isIdentifier(call.expression) ? call.expression.text : undefined;
  return {
    library: 'axios-retry',
    node: call,
    schedule,
    jitterFix: name
      ? optionEdit(call, 1, `Use exponential backoff with jitter (retryDelay: ${name}.exponentialDelay)`, {
          retryDelay: `${name}.exponentialDelay`,
        })
      : undefined,
  };
}

function delayShape(node: ts.Expression, values: ValueResolver): { pattern: DelayPattern; jitter: Jitter } | undefined {
  const value = values.resolve(node);
  if (member(value, 'exponentialDelay'))
    return { pattern: { kind: 'exponential', firstMs: 200, factor: 2 }, jitter: 'partial' };
  if (member(value, 'isNetworkError')) return undefined;
  if (value.kind === 'call' && value.path.length === 0 && member(value.callee, 'linearDelay')) {
    return { pattern: { kind: 'linear', firstMs: 100, stepMs: 100 }, jitter: 'none' };
  }
  if (value.kind !== 'function' || value.path.length > 0) return undefined;
  // `(retryCount, error) => axiosRetry.exponentialDelay(retryCount, error, 500)` delegates to the jittered one.
  const returned = returnedExpression(value.node);
  if (returned && ts.isCallExpression(returned) && member(values.resolve(returned.expression), 'exponentialDelay')) {
    return { pattern: { kind: 'exponential' }, jitter: 'partial' };
  }
  return classifyDelayFunction(value.node, values, 0, 1);
}

/**
 * The schedule under the request's `timeout` (axios-retry 4.5.0, dist/cjs/index.js): with
 * `shouldResetTimeout: false`, the default, a retry gets only what is left of the timeout after
 * the previous try and the delay, and is not made when nothing is left, so the timeout bounds
 * the whole sequence of tries and waits; with `true`, each try gets the full timeout.
 */
export function underRequestTimeout(retry: LibraryRetry, timeoutMs: number, values: ValueResolver): RetrySchedule {
  const options = new RetryOptions(retry.node.arguments?.[1], values);
  const resets = options.readable ? options.boolean('shouldResetTimeout', false) : undefined;
  // Options we cannot read: each try is still bounded, and no total bound is claimed.
  return resets === false
    ? { ...retry.schedule, perTryTimeoutMs: timeoutMs, deadlineMs: timeoutMs }
    : { ...retry.schedule, perTryTimeoutMs: timeoutMs };
}

/** The axios-retry schedule installed on an axios instance (by its `axios.create` call), if any. */
export function axiosRetryOnInstance(creation: ts.CallExpression, values: ValueResolver): LibraryRetry | undefined {
  for (const call of installs(creation.getSourceFile())) {
    const target = call.arguments[0];
    if (!target) continue;
    const client = values.resolve(target);
    if (client.kind !== 'call' || client.node !== creation || client.path.length > 0) continue;
    const found = axiosRetryCall(call, values.resolve(call.expression), values);
    if (found) return found;
  }
  return undefined;
}

const installCache = new WeakMap<ts.SourceFile, ts.CallExpression[]>();

function installs(sourceFile: ts.SourceFile): ts.CallExpression[] {
  let found = installCache.get(sourceFile);
  if (!found) {
    found = sourceFile.text.includes(AXIOS_RETRY_MODULE)
      ? (collectNodes(
          sourceFile,
          (node) => ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isIdentifier(node.expression),
        ) as ts.CallExpression[])
      : [];
    // Only top-level and function-level statements matter; collectNodes stops at functions.
    installCache.set(sourceFile, found);
  }
  return found;
}
