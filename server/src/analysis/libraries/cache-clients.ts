import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { skipOuterExpressions, type Value, type ValueResolver } from './values';
import { writeOperation } from './cache-writes';

// Which expressions are cache clients, and what their get/set calls mean: the key, the value
// written, where the TTL is and in which unit. One table per library; the rules only ask
// "is this a cache read / write / lock, of which client, with which key".

export type CacheLibrary = 'ioredis' | 'node-redis' | 'keyv' | 'cache-manager' | 'node-cache' | 'lru-cache' | 'map';

export interface CacheClient {
  library: CacheLibrary;
  /** Source text of the receiver (`redis`, `this.cache`): read and write must use the same one. */
  receiverText: string;
  /** Whether the cache is shared between processes (Redis) or lives in one process (Map, lru-cache). */
  shared: boolean;
  /** The constructor call, when visible: default TTL options live there. */
  creation?: ts.CallExpression | ts.NewExpression;
}

/** Where a write's expiry comes from. `seconds`/`ms` give the unit of `expression`. */
export type TtlSource =
  | { kind: 'argument'; expression: ts.Expression; unit: 's' | 'ms' }
  /** No per-write TTL: the client's default applies (`stdTTL`, `ttl` in the constructor), if any. */
  | { kind: 'default'; expression: ts.Expression | undefined; unit: 's' | 'ms' }
  /** The value never expires (a `Map`, a Redis SET without EX/PX). */
  | { kind: 'none' }
  | { kind: 'unknown' };

export type CacheOperation =
  /** `field`: a Redis hash read or write (`HGET key field`); the entry is the pair. */
  | { kind: 'read'; call: ts.CallExpression; client: CacheClient; key: ts.Expression; field?: ts.Expression }
  | {
      kind: 'write';
      call: ts.CallExpression;
      client: CacheClient;
      key: ts.Expression;
      field?: ts.Expression;
      value: ts.Expression;
      ttl: TtlSource;
    }
  /** A try-lock (`SET key v NX`, `SETNX`): whoever loses does not compute. */
  | { kind: 'try-lock'; call: ts.CallExpression; client: CacheClient; key: ts.Expression };

/** Packages whose presence makes a file worth looking at (with `new Map` for in-process caches). */
/** Import specifiers of the cache packages, scoped variants included (`@keyv/redis`, `@nestjs/cache-manager`). */
export const CACHE_MODULE_PATTERN = /(?:^|\/)(?:ioredis|redis|client|keyv|cache-manager|node-cache|lru-cache)(?:\/|$)/;

/** A cheap textual hint that a file writes to a cache at all (checked before parsing). */
export const WRITE_CALL_TEXT = /\.(?:set|setex|setEx|psetex|pSetEx|SET|SETEX|PSETEX|hset|hSet|HSET)\s*\(/;

/** A cheap textual hint that a file reads a cache at all (checked before parsing). */
export const READ_CALL_TEXT = /\.(?:get|has|GET|hget|hGet|HGET)\s*\(/;

/** Redis hash commands: a field of a hash is a cache entry of its own. */
export const HASH_READ_METHODS = new Set(['hget', 'hGet', 'HGET']);
export const HASH_WRITE_METHODS = new Set(['hset', 'hSet', 'HSET']);

export const READ_METHODS = new Set(['get', 'getBuffer', 'GET', 'has', ...HASH_READ_METHODS]);
export const WRITE_METHODS = new Set([
  ...HASH_WRITE_METHODS,
  'set',
  'SET',
  'setex',
  'setEx',
  'SETEX',
  'psetex',
  'pSetEx',
  'PSETEX',
  'setnx',
  'setNX',
  'SETNX',
]);

/** The cache operation a call performs, or undefined. Cheap name checks first, resolution after. */
export function cacheOperation(
  call: ts.CallExpression,
  values: ValueResolver,
  packageMajor: (name: string) => number | undefined,
): CacheOperation | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (!READ_METHODS.has(method) && !WRITE_METHODS.has(method)) return undefined;
  const key = call.arguments[0];
  if (!key || ts.isSpreadElement(key)) return undefined;
  const client = cacheClientOf(callee.expression, values);
  if (!client) return undefined;
  if (READ_METHODS.has(method)) {
    if (HASH_READ_METHODS.has(method)) {
      const field = call.arguments[1];
      const redis = client.library === 'ioredis' || client.library === 'node-redis';
      return redis && field && !ts.isSpreadElement(field) ? { kind: 'read', call, client, key, field } : undefined;
    }
    if (method === 'has' && !['map', 'lru-cache', 'node-cache'].includes(client.library)) return undefined;
    if (method === 'getBuffer' && client.library !== 'ioredis') return undefined;
    return { kind: 'read', call, client, key };
  }
  return writeOperation(call, method, client, key, values, packageMajor);
}

/** The cache client an expression denotes: by construction, by injected type, or by `@Inject(CACHE_MANAGER)`. */
export function cacheClientOf(receiver: ts.Expression, values: ValueResolver): CacheClient | undefined {
  const expression = skipOuterExpressions(receiver);
  const receiverText = expression.getText().replace(/\s+/g, '');
  const value = clientValue(expression, values);
  const byValue = classify(value, expression);
  if (byValue) return { ...byValue, receiverText };
  const declared = declaredType(expression, values);
  return declared ? { ...declared, receiverText } : undefined;
}

type Classified = Omit<CacheClient, 'receiverText'>;

/** Like `values.resolve`, but sees through `await createClient().connect()` and pipelines. */
function clientValue(expression: ts.Expression, values: ValueResolver): Value {
  let value = values.resolve(expression);
  if (value.kind === 'unknown' && ts.isIdentifier(expression)) {
    const binding = findBinding(expression.text, expression);
    const init =
      binding?.kind === 'variable' && ts.isVariableDeclaration(binding.node)
        ? binding.declaration.initializer
        : undefined;
    if (init && ts.isAwaitExpression(init)) value = values.resolve(init.expression);
  }
  // `client.connect()` (node-redis 4+ resolves to the client), `redis.pipeline()` / `multi()` write through it.
  while (
    value.kind === 'call' &&
    value.path.length === 0 &&
    ['connect', 'pipeline', 'multi'].includes(value.callee.path.at(-1) ?? '')
  ) {
    value = { ...value.callee, path: value.callee.path.slice(0, -1) };
  }
  return value;
}

function classify(value: Value, expression: ts.Expression): Classified | undefined {
  if (value.path.length > 0) return undefined;
  if (value.kind === 'new') {
    const ctor = value.node.expression;
    if (ts.isIdentifier(ctor) && ctor.text === 'Map' && !findBinding('Map', ctor))
      return { library: 'map', shared: false, creation: value.node };
    const library = constructedLibrary(value.callee);
    return library ? { library, shared: library === 'ioredis' || library === 'keyv', creation: value.node } : undefined;
  }
  if (value.kind === 'call') {
    const callee = value.callee;
    if (callee.kind !== 'module' || callee.path.length !== 1) return undefined;
    const name = callee.path[0]!;
    if (
      (callee.module === 'redis' || callee.module === '@redis/client') &&
      (name === 'createClient' || name === 'createCluster')
    ) {
      return { library: 'node-redis', shared: true, creation: value.node };
    }
    if (callee.module === 'cache-manager' && ['createCache', 'caching', 'multiCaching'].includes(name)) {
      return {
        library: 'cache-manager',
        shared: value.node.arguments.length > 0 && !isMemoryStore(value.node),
        creation: value.node,
      };
    }
  }
  void expression;
  return undefined;
}

function constructedLibrary(callee: Value): CacheLibrary | undefined {
  if (callee.kind !== 'module') return undefined;
  const path = callee.path.join('.');
  switch (callee.module) {
    case 'ioredis':
      return ['', 'Redis', 'Cluster', 'Redis.Cluster'].includes(path) ? 'ioredis' : undefined;
    case 'keyv':
    case '@keyvhq/core':
      return path === '' || path === 'Keyv' ? 'keyv' : undefined;
    case 'node-cache':
      return path === '' ? 'node-cache' : undefined;
    case 'lru-cache':
      return path === '' || path === 'LRUCache' ? 'lru-cache' : undefined;
    default:
      return undefined;
  }
}

function isMemoryStore(call: ts.CallExpression): boolean {
  const first = call.arguments[0];
  return first !== undefined && ts.isStringLiteralLike(first) && first.text === 'memory';
}

/**
 * Clients handed in rather than constructed: a parameter or class member typed with a cache
 * library's type (`redis: Redis`, `cache: Cache`), or injected with `@Inject(CACHE_MANAGER)`.
 */
function declaredType(expression: ts.Expression, values: ValueResolver): Classified | undefined {
  const declaration = memberOrParameterDeclaration(expression);
  if (!declaration) return undefined;
  if (ts.isPropertyDeclaration(declaration) && declaration.initializer) {
    return classify(clientValue(declaration.initializer, values), declaration.initializer);
  }
  if (ts.canHaveDecorators(declaration)) {
    for (const decorator of ts.getDecorators(declaration) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call) || !call.arguments[0]) continue;
      const token = values.resolve(call.arguments[0]);
      if (token.kind === 'module' && token.path.join('.') === 'CACHE_MANAGER' && /@nestjs\//.test(token.module)) {
        return { library: 'cache-manager', shared: true };
      }
    }
  }
  const type = declaration.type;
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  const binding = findBinding(type.typeName.text, type.typeName);
  if (!binding && type.typeName.text === 'Map') return { library: 'map', shared: false };
  if (binding?.kind !== 'import' || !ts.isImportDeclaration(binding.declaration)) return undefined;
  const module = (binding.declaration.moduleSpecifier as ts.StringLiteral).text;
  const imported = ts.isImportSpecifier(binding.node) ? (binding.node.propertyName ?? binding.node.name).text : '';
  if (module === 'ioredis' && ['Redis', 'Cluster', ''].includes(imported)) return { library: 'ioredis', shared: true };
  if ((module === 'redis' || module === '@redis/client') && /^Redis(Client|Cluster)Type$/.test(imported))
    return { library: 'node-redis', shared: true };
  if (module === 'cache-manager' && imported === 'Cache') return { library: 'cache-manager', shared: true };
  if (module === 'keyv' && (imported === 'Keyv' || imported === '')) return { library: 'keyv', shared: true };
  if (module === 'node-cache' && imported === '') return { library: 'node-cache', shared: false };
  if (module === 'lru-cache' && (imported === 'LRUCache' || imported === ''))
    return { library: 'lru-cache', shared: false };
  void values;
  return undefined;
}

/** `param` → its parameter; `this.x` → the class's property or constructor parameter property `x`. */
function memberOrParameterDeclaration(
  expression: ts.Expression,
): ts.ParameterDeclaration | ts.PropertyDeclaration | undefined {
  if (ts.isIdentifier(expression)) {
    const binding = findBinding(expression.text, expression);
    return binding?.kind === 'parameter' && ts.isIdentifier(binding.declaration.name) ? binding.declaration : undefined;
  }
  if (!ts.isPropertyAccessExpression(expression) || expression.expression.kind !== ts.SyntaxKind.ThisKeyword)
    return undefined;
  const name = expression.name.text;
  let node: ts.Node | undefined = expression.parent;
  while (node && !ts.isClassLike(node)) node = node.parent;
  if (!node) return undefined;
  for (const member of node.members) {
    if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name) return member;
    if (ts.isConstructorDeclaration(member)) {
      const parameter = member.parameters.find(
        (p) => ts.isIdentifier(p.name) && p.name.text === name && ts.isParameterPropertyDeclaration(p, member),
      );
      if (parameter) return parameter;
    }
  }
  return undefined;
}
