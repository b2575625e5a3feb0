import { ts } from '../../typescript';
import type { CacheClient, CacheOperation, TtlSource } from './cache-clients';
import { skipOuterExpressions, type ValueResolver } from './values';

// The write side of each cache library's API: where the value and the TTL go, in which unit,
// and when a write is really a lock (`SET … NX`). Defaults come from the client's constructor.

export function writeOperation(
  call: ts.CallExpression,
  method: string,
  client: CacheClient,
  key: ts.Expression,
  values: ValueResolver,
  packageMajor: (name: string) => number | undefined,
): CacheOperation | undefined {
  const args = call.arguments;
  const redis = client.library === 'ioredis' || client.library === 'node-redis';
  if (!redis && method !== 'set') return undefined;
  if (redis && /^setnx$/i.test(method)) return { kind: 'try-lock', call, client, key };
  if (/^hset$/i.test(method)) {
    // `HSET key field value`; a field has no expiry of its own (EXPIRE applies to the whole hash).
    if (!redis || args.length !== 3 || args.some((argument) => ts.isSpreadElement(argument))) return undefined;
    return { kind: 'write', call, client, key, field: args[1], value: args[2]!, ttl: { kind: 'unknown' } };
  }
  if (redis && /^p?setex$/i.test(method)) {
    if (!args[1] || !args[2]) return undefined;
    return {
      kind: 'write',
      call,
      client,
      key,
      value: args[2],
      ttl: { kind: 'argument', expression: args[1], unit: /^p/i.test(method) ? 'ms' : 's' },
    };
  }
  const value = args[1];
  if (!value) return undefined;
  const extra = args.slice(2);
  if (extra.some((argument) => ts.isSpreadElement(argument))) return undefined;
  switch (client.library) {
    case 'ioredis':
    case 'node-redis':
      return redisSet(call, client, key, value, extra, values);
    case 'map':
      return { kind: 'write', call, client, key, value, ttl: { kind: 'none' } };
    case 'keyv':
      return { kind: 'write', call, client, key, value, ttl: numberOrDefault(extra[0], client, 'ttl', 'ms') };
    case 'node-cache':
      return { kind: 'write', call, client, key, value, ttl: numberOrDefault(extra[0], client, 'stdTTL', 's') };
    case 'lru-cache':
      return { kind: 'write', call, client, key, value, ttl: optionOrDefault(extra[0], client, 'ttl', 'ms', values) };
    case 'cache-manager': {
      // cache-manager 4 took `{ ttl: seconds }`; 5 and later take milliseconds as a number.
      const major = packageMajor('cache-manager');
      if (extra[0] && ts.isObjectLiteralExpression(skipOuterExpressions(extra[0]))) {
        return {
          kind: 'write',
          call,
          client,
          key,
          value,
          ttl: optionOrDefault(extra[0], client, 'ttl', major !== undefined && major < 5 ? 's' : 'ms', values),
        };
      }
      return { kind: 'write', call, client, key, value, ttl: numberOrDefault(extra[0], client, 'ttl', 'ms') };
    }
  }
}

/** `SET key value [EX s | PX ms] [NX]` as ioredis arguments, or node-redis' `{ EX, PX, NX }`. */
function redisSet(
  call: ts.CallExpression,
  client: CacheClient,
  key: ts.Expression,
  value: ts.Expression,
  extra: readonly ts.Expression[],
  values: ValueResolver,
): CacheOperation {
  let ttl: TtlSource = { kind: 'none' };
  for (let index = 0; index < extra.length; index++) {
    const argument = skipOuterExpressions(extra[index]!);
    if (ts.isObjectLiteralExpression(argument)) {
      for (const property of argument.properties) {
        const name = property.name && ts.isIdentifier(property.name) ? property.name.text.toUpperCase() : undefined;
        if (
          name === 'NX' &&
          ts.isPropertyAssignment(property) &&
          property.initializer.kind === ts.SyntaxKind.TrueKeyword
        ) {
          return { kind: 'try-lock', call, client, key };
        }
        if ((name === 'EX' || name === 'PX') && ts.isPropertyAssignment(property)) {
          ttl = { kind: 'argument', expression: property.initializer, unit: name === 'EX' ? 's' : 'ms' };
        } else if (
          name === 'KEEPTTL' ||
          name === 'EXAT' ||
          name === 'PXAT' ||
          property.kind === ts.SyntaxKind.SpreadAssignment
        ) {
          ttl = { kind: 'unknown' };
        }
      }
      continue;
    }
    const word = stringValue(argument, values)?.toUpperCase();
    if (word === 'NX') return { kind: 'try-lock', call, client, key };
    if ((word === 'EX' || word === 'PX') && extra[index + 1]) {
      ttl = { kind: 'argument', expression: extra[index + 1]!, unit: word === 'EX' ? 's' : 'ms' };
      index++;
    } else if (word === undefined || word === 'KEEPTTL' || word === 'EXAT' || word === 'PXAT') {
      if (!ts.isFunctionLike(argument)) ttl = { kind: 'unknown' }; // a trailing callback is fine
    }
  }
  return { kind: 'write', call, client, key, value, ttl };
}

function numberOrDefault(
  argument: ts.Expression | undefined,
  client: CacheClient,
  option: string,
  unit: 's' | 'ms',
): TtlSource {
  if (argument) return { kind: 'argument', expression: argument, unit };
  return { kind: 'default', expression: constructorOption(client, option), unit };
}

function optionOrDefault(
  argument: ts.Expression | undefined,
  client: CacheClient,
  option: string,
  unit: 's' | 'ms',
  values: ValueResolver,
): TtlSource {
  if (!argument) return { kind: 'default', expression: constructorOption(client, option), unit };
  const object = values.resolve(argument);
  if (object.kind !== 'object' || object.path.length > 0) return { kind: 'unknown' };
  const property = object.node.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === option);
  if (!property) {
    if (object.node.properties.some((p) => ts.isSpreadAssignment(p))) return { kind: 'unknown' };
    return { kind: 'default', expression: constructorOption(client, option), unit };
  }
  if (ts.isPropertyAssignment(property)) return { kind: 'argument', expression: property.initializer, unit };
  if (ts.isShorthandPropertyAssignment(property)) return { kind: 'argument', expression: property.name, unit };
  return { kind: 'unknown' };
}

/** An option of the client's constructor (`new NodeCache({ stdTTL })`), when written as a literal. */
function constructorOption(client: CacheClient, option: string): ts.Expression | undefined {
  const options =
    client.creation?.arguments?.[client.library === 'cache-manager' && client.creation.arguments.length > 1 ? 1 : 0];
  if (!options) return undefined;
  const object = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  for (const property of object.properties) {
    if (
      property.name &&
      ts.isIdentifier(property.name) &&
      property.name.text === option &&
      ts.isPropertyAssignment(property)
    ) {
      return property.initializer;
    }
  }
  return undefined;
}

function stringValue(expression: ts.Expression, values: ValueResolver): string | undefined {
  if (ts.isStringLiteralLike(expression)) return expression.text;
  const value = values.resolve(expression);
  return value.kind === 'literal' && value.path.length === 0 && ts.isStringLiteralLike(value.node)
    ? value.node.text
    : undefined;
}
