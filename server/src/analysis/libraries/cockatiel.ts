import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import { evaluateNumber } from './durations';
import type { DelayPattern, Jitter, RetrySchedule } from './backoff-schedule';
import { optionEdit, type LibraryRetry } from './library-retry';
import { RetryOptions } from './retry-options';

// cockatiel 3/4: `retry(policy, { maxAttempts, backoff })`. Without `maxAttempts` it retries
// forever, and without `backoff` it waits `ConstantBackoff(0)` — no wait at all
// (dist/Policy.js). `new ConstantBackoff(ms)` is fixed; `new ExponentialBackoff()` defaults to
// decorrelated jitter from 128 ms up to 30 s (dist/backoff/ExponentialBackoff.js) unless its
// `generator` is `noJitterGenerator`; `new IterableBackoff([…])` is a fixed list.

export const COCKATIEL_MODULE = 'cockatiel';

export function cockatielRetryCall(
  call: ts.CallExpression,
  callee: Value,
  values: ValueResolver,
): LibraryRetry | undefined {
  if (callee.kind !== 'module' || callee.module !== COCKATIEL_MODULE || callee.path.join('.') !== 'retry')
    return undefined;
  const options = new RetryOptions(call.arguments[1], values);
  if (!options.readable) return undefined;
  const maxAttempts = options.number('maxAttempts', Infinity);
  const backoff = options.get('backoff');
  if (maxAttempts === undefined || backoff.kind === 'unknown') return undefined;
  const shape =
    backoff.kind === 'absent'
      ? { pattern: { kind: 'immediate' } as DelayPattern, jitter: 'none' as Jitter }
      : backoff.kind === 'expression'
        ? backoffShape(backoff.node, values)
        : undefined;
  if (!shape) return undefined;
  const schedule: RetrySchedule = {
    source: 'cockatiel retry',
    attempts: Number.isFinite(maxAttempts) ? maxAttempts + 1 : Infinity,
    delay: shape.pattern,
    jitter: shape.jitter,
    note: backoff.kind === 'absent' ? 'cockatiel default backoff: ConstantBackoff(0)' : undefined,
  };
  return {
    library: 'cockatiel',
    node: call,
    schedule,
    jitterFix: optionEdit(call, 1, 'Use new ExponentialBackoff() (decorrelated jitter, capped at 30 s)', {
      backoff: 'new $ExponentialBackoff()',
    }),
    capFix: optionEdit(call, 1, 'Cap the attempts (maxAttempts: RETRY_MAX_RETRIES)', {
      maxAttempts: 'RETRY_MAX_RETRIES',
    }),
  };
}

function backoffShape(
  node: ts.Expression,
  values: ValueResolver,
): { pattern: DelayPattern; jitter: Jitter } | undefined {
  const value = values.resolve(node);
  if (value.kind !== 'new' || value.path.length > 0) return undefined;
  const ctor = value.callee;
  if (ctor.kind !== 'module' || ctor.module !== COCKATIEL_MODULE || ctor.path.length !== 1) return undefined;
  const args = value.node.arguments ?? ts.factory.createNodeArray();
  switch (ctor.path[0]) {
    case 'ConstantBackoff': {
      const ms = args[0] ? evaluateNumber(args[0], values, 0) : 0;
      return { pattern: ms === 0 ? { kind: 'immediate' } : { kind: 'fixed', ms }, jitter: 'none' };
    }
    case 'ExponentialBackoff': {
      const options = new RetryOptions(args[0], values);
      if (!options.readable) return undefined;
      const generator = options.get('generator');
      const jitter: Jitter =
        generator.kind === 'absent'
          ? 'full'
          : generator.kind === 'expression' && isNoJitterGenerator(generator.node, values)
            ? 'none'
            : 'unknown';
      const pattern: DelayPattern = {
        kind: 'exponential',
        firstMs: options.number('initialDelay', 128),
        factor: options.number('exponent', 2),
        capMs: options.number('maxDelay', 30_000),
      };
      return { pattern, jitter };
    }
    case 'IterableBackoff': {
      const list = args[0];
      if (!list || !ts.isArrayLiteralExpression(list)) return undefined;
      const ms = list.elements.map((element) => evaluateNumber(element, values, 0));
      if (ms.some((entry) => entry === undefined)) return undefined;
      const distinct = new Set(ms);
      return {
        pattern: distinct.size === 1 ? { kind: 'fixed', ms: ms[0] } : { kind: 'list', ms: ms as number[] },
        jitter: 'none',
      };
    }
    default:
      return undefined;
  }
}

function isNoJitterGenerator(node: ts.Expression, values: ValueResolver): boolean {
  const value = values.resolve(node);
  return value.kind === 'module' && value.module === COCKATIEL_MODULE && value.path.join('.') === 'noJitterGenerator';
}
