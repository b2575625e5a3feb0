import { writtenValue, type PoolBounds } from '../libraries/pool-options';
import type { ValueResolver } from '../libraries/values';
import type { OptionSetting } from './pool-fixes';

// What no-unbounded-queue's fix writes into a pool's options, per library: the option that bounds
// the wait (or the queue), a named constant for it with a comment that says how to choose it, and
// the value the code already has, which the fix then replaces rather than duplicates.

export type QueueBoundOptions = { defaultAcquireTimeoutMs: number; defaultQueueLimit: number };

const WAIT_COMMENT = [
  'Longest a caller waits for a free connection before failing fast. Keep it well inside the',
  "caller's own deadline so it can still answer (see docs/rules/no-unbounded-queue.md).",
];
const QUEUE_COMMENT = [
  'Most callers waiting for a connection; the rest fail at once (answer 503 at the edge). A few',
  'times the pool size is plenty: beyond that, waiters time out anyway (see docs/rules/no-unbounded-queue.md).',
];

/** pg: a connection timeout, and the pool size stated where the next reader looks for it. */
export function pgSettings(values: ValueResolver, bounds: PoolBounds, options: QueueBoundOptions): OptionSetting[] {
  const settings: OptionSetting[] = [
    {
      option: 'connectionTimeoutMillis',
      constant: 'PG_CONNECTION_TIMEOUT_MS',
      value: options.defaultAcquireTimeoutMs,
      existing: writtenValue(bounds.options, 'connectionTimeoutMillis', values),
      comment: WAIT_COMMENT,
    },
  ];
  // The pool size is a bound too: state it where the next reader looks for it.
  if (!writtenValue(bounds.options, 'max', values)) {
    settings.push({
      option: 'max',
      constant: 'PG_POOL_MAX',
      value: 10,
      comment: [
        "Most connections this process opens (pg's default). Across instances, their sum must stay",
        "below the server's max_connections.",
      ],
    });
  }
  return settings;
}

/** mysql2: a queue limit (its pools have no acquire timeout of their own). */
export function mysqlSettings(values: ValueResolver, bounds: PoolBounds, options: QueueBoundOptions): OptionSetting[] {
  return [
    {
      option: 'queueLimit',
      constant: 'MYSQL_QUEUE_LIMIT',
      value: options.defaultQueueLimit,
      existing: writtenValue(bounds.options, 'queueLimit', values),
      comment: QUEUE_COMMENT,
    },
  ];
}

/** generic-pool: both an acquire timeout and a cap on waiting clients. */
export function genericPoolSettings(values: ValueResolver, bounds: PoolBounds, options: QueueBoundOptions): OptionSetting[] {
  return [
    {
      option: 'acquireTimeoutMillis',
      constant: 'POOL_ACQUIRE_TIMEOUT_MS',
      value: options.defaultAcquireTimeoutMs,
      existing: writtenValue(bounds.options, 'acquireTimeoutMillis', values),
      comment: WAIT_COMMENT,
    },
    {
      option: 'maxWaitingClients',
      constant: 'POOL_MAX_WAITING_CLIENTS',
      value: options.defaultQueueLimit,
      existing: writtenValue(bounds.options, 'maxWaitingClients', values),
      comment: QUEUE_COMMENT,
    },
  ];
}
