import { ts } from '../../typescript';
import { readDuration } from './durations';
import { isConnectionScalar } from './redis-connection-arguments';
import { lookupProperty, optionsObject } from './object-properties';
import {
  describeDuration,
  nestedProperty,
  optionsSlot,
  subjectName,
  type ClientTimeout,
  type LibraryContext,
  type OptionsSlot,
} from './timeout-policy';
import type { Value } from './values';

// Command timeouts of the Redis clients. ioredis 5 and 6 have none unless `commandTimeout` is set
// (built/Redis.js), so a command on a half-open connection waits forever. node-redis
// (@redis/client) has none in redis@4 and redis@5; redis@6 times commands out after 5 s by
// default (dist/lib/defaults.js) — which major applies comes from the lockfile or package.json.
// Retry and offline-queue options of these clients belong to other families' library files.

export const IOREDIS_MODULE = 'ioredis';
const NODE_REDIS_MODULES = new Set(['redis', '@redis/client']);

/** `new Redis(…)` → 'client', `new Redis.Cluster(…)` / `new Cluster(…)` → 'cluster'. */
export function ioredisConstructor(callee: Value): 'client' | 'cluster' | undefined {
  if (callee.kind !== 'module' || callee.module !== IOREDIS_MODULE) return undefined;
  const path = callee.path[0] === 'Redis' || callee.path[0] === 'default' ? callee.path.slice(1) : callee.path;
  if (path.length === 0) return 'client';
  return path.length === 1 && path[0] === 'Cluster' ? 'cluster' : undefined;
}

const MISSING = (subject: string) => ({
  subject,
  libraryDefault: 'ioredis default: none',
  consequence: 'a command on a stalled or half-open connection holds the request indefinitely',
  remedy: 'Set `commandTimeout`',
  constant: 'command' as const,
});

export function ioredisTimeout(
  callee: Value,
  node: ts.NewExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  const kind = ioredisConstructor(callee);
  if (!kind) return undefined;
  const subject = subjectName(node, kind === 'cluster' ? 'ioredis Cluster' : 'ioredis client');
  const args = node.arguments ?? ts.factory.createNodeArray();
  const optionsIndex = kind === 'cluster' ? 1 : args.length - 1;
  // `new Redis(port, host)` / `new Redis(url)`: scalars before the options; anything else is opaque.
  for (let index = 0; index < args.length; index++) {
    if (index === optionsIndex) continue;
    if (kind === 'cluster' && index === 0) continue;
    if (!isConnectionScalar(args[index]!, context.values)) return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  }
  const last = args[optionsIndex];
  const hasOptions = last !== undefined && !isConnectionScalar(last, context.values);
  const options = hasOptions ? optionsObject(last, context.values) : { kind: 'absent' as const };
  if (options.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  const literal = options.kind === 'object' ? options.node : undefined;
  const holder =
    kind === 'cluster'
      ? nestedProperty(
          literal ? lookupProperty(literal, 'redisOptions', context.values) : { kind: 'absent' },
          'commandTimeout',
          context.values,
        )
      : literal
        ? lookupProperty(literal, 'commandTimeout', context.values)
        : { kind: 'absent' as const };
  if (holder.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  if (holder.kind === 'found') {
    const duration = readDuration(holder.value, context.values);
    if (duration.kind !== 'disabled')
      return { kind: 'bounded', summary: `${subject}: commandTimeout ${describeDuration(duration)}` };
  }
  const direct = (c: (k: 'command') => string) => `commandTimeout: ${c('command')}`;
  let slot: OptionsSlot | undefined = hasOptions
    ? optionsSlot(node, optionsIndex, context.values)
    : { kind: 'argument', call: node, index: args.length };
  let text = direct;
  if (kind === 'cluster') {
    const inner = literal ? lookupProperty(literal, 'redisOptions', context.values) : { kind: 'absent' as const };
    if (inner.kind === 'found')
      slot = ts.isObjectLiteralExpression(inner.value) ? { kind: 'literal', node: inner.value } : undefined;
    else {
      slot = optionsSlot(node, 1, context.values);
      text = (c) => `redisOptions: { ${direct(c)} }`;
    }
  }
  return {
    kind: 'missing',
    summary: `${subject}: no command timeout (ioredis default: none)`,
    missing: MISSING(subject),
    fix: slot && { kind: 'option', addition: { slot, text, title: 'Set commandTimeout: {command}' } },
  };
}

/** `createClient(options)` / `createCluster(options)` from node-redis, version-aware. */
export function nodeRedisTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (callee.kind !== 'module' || !NODE_REDIS_MODULES.has(callee.module) || callee.path.length !== 1) return undefined;
  if (callee.path[0] !== 'createClient' && callee.path[0] !== 'createCluster') return undefined;
  const subject = subjectName(call, 'node-redis client');
  const options = optionsObject(call.arguments[0], context.values);
  if (options.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  const literal = options.kind === 'object' ? options.node : undefined;
  const socket = literal
    ? nestedProperty(lookupProperty(literal, 'socket', context.values), 'socketTimeout', context.values)
    : { kind: 'absent' as const };
  const command = literal
    ? nestedProperty(lookupProperty(literal, 'commandOptions', context.values), 'timeout', context.values)
    : { kind: 'absent' as const };
  for (const [found, name] of [
    [command, 'commandOptions.timeout'],
    [socket, 'socket.socketTimeout'],
  ] as const) {
    if (found.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
    if (found.kind === 'found')
      return {
        kind: 'bounded',
        summary: `${subject}: ${name} ${describeDuration(readDuration(found.value, context.values))}`,
      };
  }
  const major = redisMajor(context);
  if (major === undefined)
    return {
      kind: 'unknown',
      summary: `${subject}: command timeout depends on the redis major (none before 6, 5 s from 6)`,
    };
  if (major >= 6)
    return { kind: 'bounded', summary: `${subject}: command timeout 5 s (redis@${major} default)`, timeoutMs: 5000 };
  return {
    kind: 'missing',
    summary: `${subject}: no command timeout (redis@${major} default: none)`,
    missing: {
      subject,
      libraryDefault: `redis@${major} default: none`,
      consequence: 'a command on a stalled connection holds the request indefinitely',
      remedy:
        major === 5
          ? 'Set `socket: { socketTimeout: ms }`, or upgrade to redis@6 (5 s default)'
          : 'Upgrade to redis@6 (5 s default), or bound each command with `AbortSignal.timeout(ms)`',
    },
  };
}

/** redis@4 ships @redis/client 1.x; redis@5 and @6 ship the same major of @redis/client. */
function redisMajor(context: LibraryContext): number | undefined {
  const redis = context.workspace.packageMajor(context.fileName, 'redis');
  if (redis !== undefined) return redis;
  const client = context.workspace.packageMajor(context.fileName, '@redis/client');
  return client === undefined ? undefined : client <= 1 ? 4 : client;
}
