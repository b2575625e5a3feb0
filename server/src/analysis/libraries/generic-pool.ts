import type { ts } from '../../typescript';
import {
  countBound,
  isModuleMember,
  readNumericOption,
  readOptionsArgument,
  timeBound,
  type PoolBounds,
} from './pool-options';
import type { Value, ValueResolver } from './values';

// generic-pool 3.x `createPool(factory, options)`. Defaults (lib/PoolDefaults.js, PoolOptions.js):
// `max` 1, `acquireTimeoutMillis` null (wait forever), `maxWaitingClients` unset (no cap). The
// connection count is bounded by default; the wait is bounded by neither size nor time.

export function isGenericPoolCreate(callee: Value): boolean {
  return isModuleMember(callee, ['generic-pool'], ['createPool']);
}

export function genericPoolBounds(node: ts.CallExpression, values: ValueResolver): PoolBounds | undefined {
  const options = readOptionsArgument(node, 1, values);
  if (!options) return undefined;
  const max = readNumericOption(options, 'max', values);
  const waiting = readNumericOption(options, 'maxWaitingClients', values);
  const timeout = readNumericOption(options, 'acquireTimeoutMillis', values);
  if (!max || !waiting || !timeout) return undefined;
  return {
    label: 'generic-pool',
    node,
    optionsIndex: 1,
    options,
    connections: countBound(max, { kind: 'limit', count: 1 }, () => false),
    waiters: {
      size: countBound(waiting, { kind: 'none' }, () => false),
      time: timeBound(timeout, { kind: 'none' }, (ms) => ms <= 0),
    },
  };
}
