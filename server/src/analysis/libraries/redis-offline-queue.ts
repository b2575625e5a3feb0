import { ts } from '../../typescript';
import { lookupProperty, optionsObject } from './object-properties';
import { booleanOptionIs, readOptionsArgument, type OptionsArgument, type PoolBounds } from './pool-options';
import { isConnectionScalar } from './redis-connection-arguments';
import { ioredisConstructor } from './redis-timeouts';
import type { LibraryContext } from './timeout-policy';
import type { Value } from './values';

// The offline queues of the Redis clients: where commands wait while the connection is down.
//
// ioredis (4+): `enableOfflineQueue` defaults to true with no size cap, but every
// `maxRetriesPerRequest` (default 20) reconnect attempts the queued commands are rejected
// (MaxRetriesPerRequestError) — a time bound of about 10 s with the default retryStrategy. Only
// `maxRetriesPerRequest: null` (or ioredis 3, which had no such option) makes commands wait for
// as long as Redis is away. BullMQ requires `null` on its connections, whose few blocking
// commands do not grow with traffic: files reaching bullmq/bull are left alone.
//
// ioredis Cluster: while no node is reachable, commands wait in the cluster's own offline queue
// (built/cluster/index.js sendCommand), which is emptied with an error only when
// `clusterRetryStrategy` gives up (handleCloseEvent → flushQueue). The default strategy,
// `Math.min(100 + times * 2, 2000)`, never does: by default the queue grows for as long as the
// cluster is away. The nodes' own `maxRetriesPerRequest` does not apply to it.
//
// node-redis (redis@4 and @5): `disableOfflineQueue` false and `commandsQueueMaxLength` unset
// by default, and no command timeout: during a reconnect every command waits in memory until
// Redis returns. redis@6 times commands out after 5 s by default; unknown majors stay silent.
// `createCluster` creates one such client per node, with the options in its `defaults`.

export type OfflineQueueClient = 'ioredis' | 'ioredis-cluster' | 'node-redis';

export interface OfflineQueue {
  client: OfflineQueueClient;
  /** Shapes shared with the pools; `waiters` is the offline queue. */
  bounds: PoolBounds;
  /** Whether commands can wait unbounded in count and time while Redis is away. */
  unbounded: boolean;
  /** The hover: "ioredis client: offline queue unbounded, commands wait until Redis returns". */
  summary: string;
  /** Why it is unbounded, for the message. */
  setting: string;
  /** The property a suggested fix adds (`enableOfflineQueue: false`). */
  fixProperty: string;
}

export const JOB_QUEUE_PACKAGES = /^(bullmq|bull|bee-queue)(\/|$)/;

export function ioredisOfflineQueue(
  callee: Value,
  node: ts.NewExpression,
  context: LibraryContext,
): OfflineQueue | undefined {
  if (ioredisConstructor(callee) !== 'client') return undefined;
  const located = locateIoredisOptions(node, context);
  if (!located) return undefined;
  const { options, optionsIndex } = located;
  const offline =
    options.kind === 'object' ? lookupProperty(options.node, 'enableOfflineQueue', context.values) : undefined;
  const retries =
    options.kind === 'object' ? lookupProperty(options.node, 'maxRetriesPerRequest', context.values) : undefined;
  if (offline?.kind === 'unknown' || retries?.kind === 'unknown') return undefined;
  const label = 'ioredis client';
  const bounds: PoolBounds = { label, node, optionsIndex, options, connections: { kind: 'limit', count: 1 } };
  if (offline?.kind === 'found') {
    if (offline.value.kind === ts.SyntaxKind.FalseKeyword)
      return bounded('ioredis', bounds, `${label}: offline queue disabled, commands fail at once while Redis is away`);
    if (offline.value.kind !== ts.SyntaxKind.TrueKeyword) return undefined;
  }
  const major = context.workspace.packageMajor(context.fileName, 'ioredis');
  let setting: string;
  if (retries?.kind === 'found') {
    if (retries.value.kind !== ts.SyntaxKind.NullKeyword)
      return bounded(
        'ioredis',
        bounds,
        `${label}: offline queue rejected after ${retries.value.getText()} reconnect attempts`,
      );
    setting = 'sets `maxRetriesPerRequest: null` (never give up)';
  } else if (major !== undefined && major < 4) {
    setting = `is ioredis ${major}, which has no \`maxRetriesPerRequest\``;
  } else {
    return bounded('ioredis', bounds, `${label}: offline queue rejected after 20 reconnect attempts (ioredis default)`);
  }
  if (context.workspace.fileImportsPackage(context.fileName, JOB_QUEUE_PACKAGES)) return undefined;
  return {
    client: 'ioredis',
    bounds,
    unbounded: true,
    summary: `${label}: offline queue unbounded, commands wait until Redis returns`,
    setting,
    fixProperty: 'enableOfflineQueue: false',
  };
}

export function ioredisClusterOfflineQueue(
  callee: Value,
  node: ts.NewExpression,
  context: LibraryContext,
): OfflineQueue | undefined {
  if (ioredisConstructor(callee) !== 'cluster') return undefined;
  const options = readOptionsArgument(node, 1, context.values);
  if (!options) return undefined;
  const label = 'ioredis Cluster';
  const bounds: PoolBounds = { label, node, optionsIndex: 1, options, connections: { kind: 'dynamic' } };
  const read = (name: string) =>
    options.kind === 'object' ? lookupProperty(options.node, name, context.values) : ({ kind: 'absent' } as const);
  const offline = read('enableOfflineQueue');
  if (offline.kind === 'found' && offline.value.kind === ts.SyntaxKind.FalseKeyword)
    return bounded(
      'ioredis-cluster',
      bounds,
      `${label}: offline queue disabled, commands fail at once while the cluster is away`,
    );
  if (offline.kind === 'unknown' || (offline.kind === 'found' && offline.value.kind !== ts.SyntaxKind.TrueKeyword))
    return undefined;
  // A strategy of one's own may give up (and then the queue is emptied with an error): we cannot tell.
  if (read('clusterRetryStrategy').kind !== 'absent') return undefined;
  if (context.workspace.fileImportsPackage(context.fileName, JOB_QUEUE_PACKAGES)) return undefined;
  return {
    client: 'ioredis-cluster',
    bounds,
    unbounded: true,
    summary: `${label}: offline queue unbounded, commands wait until a node is reachable (default clusterRetryStrategy never gives up)`,
    setting:
      "keeps the default `clusterRetryStrategy`, which reconnects forever and never empties the cluster's offline queue",
    fixProperty: 'enableOfflineQueue: false',
  };
}

export function nodeRedisOfflineQueue(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): OfflineQueue | undefined {
  if (callee.kind !== 'module' || (callee.module !== 'redis' && callee.module !== '@redis/client')) return undefined;
  if (callee.path.length !== 1) return undefined;
  const target = nodeRedisOptions(callee.path[0]!, call, context);
  if (!target) return undefined;
  const { options, label, where } = target;
  const bounds: PoolBounds = {
    label,
    node: call,
    optionsIndex: 0,
    options: target.argument,
    connections: target.connections,
  };
  if (booleanOptionIs(options, 'disableOfflineQueue', true, context.values))
    return bounded('node-redis', bounds, `${label}: offline queue disabled, commands fail at once while Redis is away`);
  const read = (name: string) =>
    options.kind === 'object' ? lookupProperty(options.node, name, context.values) : ({ kind: 'absent' } as const);
  const disabled = read('disableOfflineQueue');
  if (disabled.kind === 'unknown' || (disabled.kind === 'found' && disabled.value.kind !== ts.SyntaxKind.FalseKeyword))
    return undefined;
  const cap = read('commandsQueueMaxLength');
  if (cap.kind === 'found' && cap.value.getText() !== '0')
    // 0 means no cap
    return bounded('node-redis', bounds, `${label}: command queue capped at ${cap.value.getText()}`);
  // Per-command options (a timeout) or anything unreadable: a bound may exist that we cannot see.
  if (cap.kind === 'unknown' || read('commandOptions').kind !== 'absent') return undefined;
  const major = nodeRedisMajor(context);
  if (major !== 4 && major !== 5) return undefined;
  return {
    client: 'node-redis',
    bounds,
    unbounded: true,
    summary: `${label}: offline queue unbounded, no cap, no command timeout (redis@${major} defaults)`,
    setting: `(redis@${major}) has neither \`disableOfflineQueue\` nor \`commandsQueueMaxLength\`${where} and no command timeout`,
    // A cluster's `defaults` written out already: adding a second `defaults` would replace it.
    fixProperty: target.fixProperty,
  };
}

/**
 * Where a node-redis client reads its queue options: `createClient(options)`, or for
 * `createCluster({ rootNodes, defaults })` the `defaults` every node client is created with
 * (@redis/client cluster-slots.js merges them into each node's options, in 1.x and 5.x alike).
 */
function nodeRedisOptions(
  factory: string,
  call: ts.CallExpression,
  context: LibraryContext,
):
  | {
      options: OptionsArgument;
      argument: OptionsArgument;
      label: string;
      where: string;
      fixProperty: string;
      connections: PoolBounds['connections'];
    }
  | undefined {
  const argument = readOptionsArgument(call, 0, context.values);
  if (!argument) return undefined;
  if (factory === 'createClient') {
    const fixProperty = 'disableOfflineQueue: true';
    return {
      options: argument,
      argument,
      label: 'node-redis client',
      where: '',
      fixProperty,
      connections: { kind: 'limit', count: 1 },
    };
  }
  if (factory !== 'createCluster' || argument.kind !== 'object') return undefined;
  const defaults = lookupProperty(argument.node, 'defaults', context.values);
  if (defaults.kind === 'unknown') return undefined;
  const options =
    defaults.kind === 'found' ? optionsObject(defaults.value, context.values) : ({ kind: 'absent' } as const);
  if (options.kind === 'unknown') return undefined;
  return {
    options,
    argument,
    label: 'node-redis cluster',
    where: ' in `defaults`',
    fixProperty: defaults.kind === 'absent' ? 'defaults: { disableOfflineQueue: true }' : '',
    connections: { kind: 'dynamic' },
  };
}

function bounded(client: OfflineQueueClient, bounds: PoolBounds, summary: string): OfflineQueue {
  return { client, bounds, unbounded: false, summary, setting: '', fixProperty: '' };
}

/** `new Redis()`, `new Redis(url)`, `new Redis(port, host, options)`: the options are the last non-scalar argument. */
function locateIoredisOptions(
  node: ts.NewExpression,
  context: LibraryContext,
): { options: OptionsArgument; optionsIndex: number } | undefined {
  const args = node.arguments ?? ts.factory.createNodeArray();
  const last = args[args.length - 1];
  if (!last || isConnectionScalar(last, context.values)) {
    if (args.slice(0, -1).some((arg) => !isConnectionScalar(arg, context.values))) return undefined;
    return { options: { kind: 'absent' }, optionsIndex: args.length };
  }
  if (args.slice(0, -1).some((arg) => !isConnectionScalar(arg, context.values))) return undefined;
  const options = optionsObject(last, context.values);
  return options.kind === 'unknown' ? undefined : { options, optionsIndex: args.length - 1 };
}

/** redis@4 ships @redis/client 1.x; redis@5 and @6 ship the same major of @redis/client. */
function nodeRedisMajor(context: LibraryContext): number | undefined {
  const redis = context.workspace.packageMajor(context.fileName, 'redis');
  if (redis !== undefined) return redis;
  const client = context.workspace.packageMajor(context.fileName, '@redis/client');
  return client === undefined ? undefined : client <= 1 ? 4 : client;
}
