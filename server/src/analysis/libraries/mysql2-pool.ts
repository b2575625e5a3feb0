import { ts } from '../../typescript';
import {
  booleanOptionIs,
  countBound,
  isModuleMember,
  readNumericOption,
  readOptionsArgument,
  type PoolBounds,
} from './pool-options';
import type { Value, ValueResolver } from './values';

// mysql2's pool (3.x, callback and promise APIs). Defaults (lib/pool_config.js):
// `connectionLimit` 10, `waitForConnections` true, `queueLimit` 0 — which means no limit — and
// there is no acquire timeout at all. So unless the queue is capped (or waiting is turned off),
// a caller waits for a connection as long as it takes, behind everyone else.

const MODULES = ['mysql2', 'mysql2/promise'];
export const MYSQL2_DEFAULT_CONNECTION_LIMIT = 10;

export function isMysql2CreatePool(callee: Value): boolean {
  return isModuleMember(callee, MODULES, ['createPool']);
}

export function mysql2PoolBounds(node: ts.CallExpression, values: ValueResolver): PoolBounds | undefined {
  const first = node.arguments[0];
  // A connection URI may carry the pool options in its query string; a literal without them
  // means the defaults. A URI from the environment could say anything: stay silent.
  if (first && ts.isStringLiteralLike(first)) {
    if (/[?&](queueLimit|waitForConnections|connectionLimit)=/.test(first.text)) return undefined;
    return bounds(node, { kind: 'absent' }, values);
  }
  const options = readOptionsArgument(node, 0, values);
  return options && bounds(node, options, values);
}

function bounds(
  node: ts.CallExpression,
  options: PoolBounds['options'],
  values: ValueResolver,
): PoolBounds | undefined {
  const limit = readNumericOption(options, 'connectionLimit', values);
  const queueLimit = readNumericOption(options, 'queueLimit', values);
  if (!limit || !queueLimit) return undefined;
  const failsFast = booleanOptionIs(options, 'waitForConnections', false, values);
  return {
    label: 'mysql2 pool',
    node,
    optionsIndex: 0,
    options,
    connections: countBound(limit, { kind: 'limit', count: MYSQL2_DEFAULT_CONNECTION_LIMIT }, () => false),
    waiters: {
      size: failsFast ? { kind: 'limit', count: 0 } : countBound(queueLimit, { kind: 'none' }, (n) => n <= 0),
      time: { kind: 'none' },
    },
  };
}
