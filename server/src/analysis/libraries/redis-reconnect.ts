import { ts } from '../../typescript';
import { isObjectValue } from './object-properties';
import type { Value, ValueResolver } from './values';
import { classifyDelayFunction } from './delay-expressions';
import { returnedExpression } from '../returned-expression';
import type { RetrySchedule } from './backoff-schedule';
import type { LibraryRetry, OptionEdit } from './library-retry';
import { RetryOptions } from './retry-options';
import { isConnectionScalar } from './redis-connection-arguments';
import { collectNodes } from './retry-control-flow';

// How Redis clients reconnect after the connection drops — every client of a fleet at once when
// Redis fails over, so the schedule decides whether Redis comes back to a thundering herd.
// ioredis 5: `retryStrategy` defaults to min(n · 50, 2000) ms, no jitter, never gives up;
// ioredis 6: min(2^(n−1) · 50, 5000) + random 0–200 ms (built/redis/RedisOptions.js).
// node-redis 4 (@redis/client 1.x): `socket.reconnectStrategy` defaults to min(n · 50, 500),
// no jitter; 5 and 6 add jitter. A strategy returning a number waits that long; `null`, `false`
// or an Error stops reconnecting.

export const REDIS_MODULES = ['ioredis', 'redis', '@redis/client'];

export interface RedisContext {
  values: ValueResolver;
  /** Major version of a package the file runs against, undefined when nothing says. */
  packageMajor(name: string): number | undefined;
}

function isIoredis(callee: Value): boolean {
  return (
    callee.kind === 'module' &&
    callee.module === 'ioredis' &&
    (callee.path.length === 0 || callee.path.join('.') === 'Redis')
  );
}

function isCreateClient(callee: Value): boolean {
  return (
    callee.kind === 'module' &&
    (callee.module === 'redis' || callee.module === '@redis/client') &&
    callee.path.join('.') === 'createClient'
  );
}

export function redisReconnect(
  node: ts.CallExpression | ts.NewExpression,
  callee: Value,
  context: RedisContext,
): LibraryRetry | undefined {
  if (ts.isNewExpression(node) && isIoredis(callee)) return ioredisReconnect(node, context);
  if (ts.isCallExpression(node) && isCreateClient(callee)) return nodeRedisReconnect(node, context);
  return undefined;
}

function ioredisReconnect(node: ts.NewExpression, context: RedisContext): LibraryRetry | undefined {
  const args = node.arguments ?? ts.factory.createNodeArray();
  // new Redis(), new Redis(port, host?, options?), new Redis(url, options?), new Redis(options)
  const optionsIndex = args.findIndex((argument) => isObjectValue(context.values.resolve(argument)));
  if (args.some((argument, index) => index !== optionsIndex && !isConnectionScalar(argument, context.values)))
    return undefined;
  const options = new RetryOptions(optionsIndex === -1 ? undefined : args[optionsIndex], context.values);
  if (!options.readable) return undefined;
  const strategy = options.get('retryStrategy');
  const title = 'Reconnect with capped exponential backoff and full jitter';
  const set = { retryStrategy: '(times) => $backoff(times)' };
  const fix: OptionEdit | undefined =
    optionsIndex === -1
      ? { title, call: node, index: args.length, options: undefined, set }
      : options.literal
        ? { title, call: node, index: optionsIndex, options: options.literal, set }
        : undefined;
  if (strategy.kind === 'absent') {
    const major = context.packageMajor('ioredis');
    if (major === undefined || major >= 6) return undefined;
    return reconnect(
      'ioredis',
      node,
      {
        source: `ioredis ${major} default retryStrategy`,
        attempts: Infinity,
        delay: { kind: 'linear', firstMs: 50, stepMs: 50, capMs: 2000 },
        jitter: 'none',
      },
      fix,
    );
  }
  if (strategy.kind !== 'expression') return undefined;
  return strategyFunction('ioredis retryStrategy', node, strategy.node, context.values, fix);
}

function nodeRedisReconnect(node: ts.CallExpression, context: RedisContext): LibraryRetry | undefined {
  const options = new RetryOptions(node.arguments[0], context.values);
  if (!options.readable) return undefined;
  const socket = options.get('socket');
  const socketOptions = socket.kind === 'expression' ? new RetryOptions(socket.node, context.values) : undefined;
  if (socket.kind === 'unknown' || (socketOptions && !socketOptions.readable)) return undefined;
  const strategy = socketOptions ? socketOptions.get('reconnectStrategy') : { kind: 'absent' as const };
  const fix: OptionEdit | undefined = socketOptions?.literal
    ? {
        title: 'Reconnect with capped exponential backoff and full jitter',
        call: node,
        index: -1,
        options: socketOptions.literal,
        set: { reconnectStrategy: '(retries) => $backoff(retries)' },
      }
    : undefined;
  if (strategy.kind === 'absent') {
    const major = context.packageMajor('redis') ?? context.packageMajor('@redis/client');
    if (major === undefined || major > 4) return undefined;
    return reconnect(
      'redis',
      node,
      {
        source: `node-redis ${major} default reconnectStrategy`,
        attempts: Infinity,
        delay: { kind: 'linear', firstMs: 50, stepMs: 50, capMs: 500 },
        jitter: 'none',
      },
      fix,
    );
  }
  if (strategy.kind === 'number') {
    return reconnect(
      'redis',
      node,
      {
        source: 'node-redis reconnectStrategy',
        attempts: Infinity,
        delay: strategy.value === 0 ? { kind: 'immediate' } : { kind: 'fixed', ms: strategy.value },
        jitter: 'none',
      },
      fix,
    );
  }
  if (strategy.kind !== 'expression') return undefined;
  return strategyFunction('node-redis reconnectStrategy', node, strategy.node, context.values, fix);
}

function strategyFunction(
  source: string,
  node: ts.CallExpression | ts.NewExpression,
  expression: ts.Expression,
  values: ValueResolver,
  fix: OptionEdit | undefined,
): LibraryRetry | undefined {
  const fn = values.resolve(expression);
  if (fn.kind !== 'function' || fn.path.length > 0) return undefined;
  const verdict = classifyDelayFunction(fn.node, values, 0, 1);
  if (!verdict) return undefined;
  return reconnect(
    source.split(' ')[0]!,
    node,
    {
      source,
      attempts: canStop(fn.node) ? undefined : Infinity,
      delay: verdict.pattern,
      jitter: verdict.jitter,
    },
    fix,
  );
}

function reconnect(
  library: string,
  node: ts.CallExpression | ts.NewExpression,
  schedule: RetrySchedule,
  fix: OptionEdit | undefined,
): LibraryRetry {
  return { library, node, schedule: { ...schedule, reconnect: true }, jitterFix: fix };
}

/** A strategy that can return null/false/undefined or an Error stops reconnecting. */
function canStop(fn: ts.SignatureDeclaration): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  const returned = returnedExpression(fn);
  const stops = (node: ts.Node) =>
    node.kind === ts.SyntaxKind.NullKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined') ||
    ts.isNewExpression(node) ||
    ts.isThrowStatement(node);
  return collectNodes(returned ?? body, stops).length > 0;
}

