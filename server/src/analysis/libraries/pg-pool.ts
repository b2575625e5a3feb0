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

// node-postgres' Pool (pg-pool 3.x, also `import Pool from 'pg-pool'`). Defaults (index.js):
// `max` 10 clients; `connectionTimeoutMillis` 0, which means a caller waits for a free client
// forever; the queue of waiting callers has no cap at all. So the wait is bounded only by time,
// and only when `connectionTimeoutMillis` is set.

export const PG_POOL_DEFAULT_MAX = 10;

export function isPgPoolConstructor(callee: Value): boolean {
  return isModuleMember(callee, ['pg'], ['Pool']) || isModuleMember(callee, ['pg-pool'], []);
}

export function pgPoolBounds(node: ts.NewExpression, values: ValueResolver): PoolBounds | undefined {
  const options = readOptionsArgument(node, 0, values);
  if (!options) return undefined;
  const max = readNumericOption(options, 'max', values);
  const timeout = readNumericOption(options, 'connectionTimeoutMillis', values);
  if (!max || !timeout) return undefined;
  return {
    label: 'pg Pool',
    node,
    optionsIndex: 0,
    options,
    connections: countBound(max, { kind: 'limit', count: PG_POOL_DEFAULT_MAX }, () => false),
    waiters: {
      size: { kind: 'none' },
      time: timeBound(timeout, { kind: 'none' }, (ms) => ms <= 0),
    },
  };
}
