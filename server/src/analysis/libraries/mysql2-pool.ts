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
// A pool cluster (`createPoolCluster()`) makes each node it is given, `cluster.add([id,] config)`,
// a pool of its own from that config alone (lib/pool_cluster.js: `new Pool({ config: new
// PoolConfig(config) })`), with the same defaults; the cluster's options do not bound the queues.

export const MYSQL2_MODULES = ['mysql2', 'mysql2/promise'];
export const MYSQL2_DEFAULT_CONNECTION_LIMIT = 10;

export function isMysql2CreatePool(callee: Value): boolean {
  return isModuleMember(callee, MYSQL2_MODULES, ['createPool']);
}

/** `cluster.add(…)` on a mysql2 pool cluster. */
export function isMysql2ClusterAdd(callee: Value): boolean {
  return (
    callee.kind === 'call' &&
    callee.path.length === 1 &&
    callee.path[0] === 'add' &&
    isModuleMember(callee.callee, MYSQL2_MODULES, ['createPoolCluster'])
  );
}

/** The pool a cluster node is: `add(id, config)` or `add(config)`. */
export function mysql2ClusterNodeBounds(node: ts.CallExpression, values: ValueResolver): PoolBounds | undefined {
  return mysql2PoolBounds(node, values, node.arguments.length >= 2 ? 1 : 0, 'mysql2 pool (cluster node)');
}

export function mysql2PoolBounds(
  node: ts.CallExpression,
  values: ValueResolver,
  optionsIndex = 0,
  label = 'mysql2 pool',
): PoolBounds | undefined {
  const first = node.arguments[optionsIndex];
  // A connection URI may carry the pool options in its query string; a literal without them
  // means the defaults. A URI from the environment could say anything: stay silent.
  if (first && ts.isStringLiteralLike(first)) {
    if (/[?&](queueLimit|waitForConnections|connectionLimit)=/.test(first.text)) return undefined;
    return bounds(node, { kind: 'absent' }, values, optionsIndex, label);
  }
  const options = readOptionsArgument(node, optionsIndex, values);
  return options && bounds(node, options, values, optionsIndex, label);
}

function bounds(
  node: ts.CallExpression,
  options: PoolBounds['options'],
  values: ValueResolver,
  optionsIndex: number,
  label: string,
): PoolBounds | undefined {
  const limit = readNumericOption(options, 'connectionLimit', values);
  const queueLimit = readNumericOption(options, 'queueLimit', values);
  if (!limit || !queueLimit) return undefined;
  const failsFast = booleanOptionIs(options, 'waitForConnections', false, values);
  return {
    label,
    node,
    optionsIndex,
    options,
    connections: countBound(limit, { kind: 'limit', count: MYSQL2_DEFAULT_CONNECTION_LIMIT }, () => false),
    waiters: {
      size: failsFast ? { kind: 'limit', count: 0 } : countBound(queueLimit, { kind: 'none' }, (n) => n <= 0),
      time: { kind: 'none' },
    },
  };
}
