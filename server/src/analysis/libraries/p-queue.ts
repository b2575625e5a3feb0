import type { ts } from '../../typescript';
import { countBound, isModuleMember, readNumericOption, readOptionsArgument, type PoolBounds } from './pool-options';
import type { Value, ValueResolver } from './values';

// p-queue: `concurrency` defaults to Infinity (dist/index.js), so `queue.add(task)` starts every
// task at once — a queue in name only. It has no cap on the number of queued tasks either.
// p-limit, by contrast, requires its concurrency argument: `pLimit(8)` is a bounded limiter.

export function isPQueueConstructor(callee: Value): boolean {
  return isModuleMember(callee, ['p-queue'], []);
}

export function pQueueBounds(node: ts.NewExpression, values: ValueResolver): PoolBounds | undefined {
  const options = readOptionsArgument(node, 0, values);
  if (!options) return undefined;
  const concurrency = readNumericOption(options, 'concurrency', values);
  if (!concurrency) return undefined;
  return {
    label: 'p-queue',
    node,
    optionsIndex: 0,
    options,
    connections: countBound(concurrency, { kind: 'none' }, () => false),
    waiters: { size: { kind: 'none' }, time: { kind: 'none' } },
  };
}

/** A limiter that bounds the calls made through it: `pLimit(n)`, `limitFunction(f, …)`, a bounded PQueue's `add`. */
export function isConcurrencyLimiter(callee: Value): boolean {
  if (callee.kind !== 'call' && callee.kind !== 'new') return false;
  const maker = callee.callee;
  if (callee.kind === 'call' && callee.path.length === 0) {
    return (
      isModuleMember(maker, ['p-limit'], []) ||
      isModuleMember(maker, ['p-limit'], ['limitFunction']) ||
      isModuleMember(maker, ['p-throttle'], [])
    );
  }
  if (callee.kind === 'new' && callee.path.length === 1) {
    if (isModuleMember(maker, ['p-queue'], []) && callee.path[0] === 'add') return true;
    if (isModuleMember(maker, ['bottleneck'], []) && (callee.path[0] === 'schedule' || callee.path[0] === 'wrap'))
      return true;
  }
  return false;
}
