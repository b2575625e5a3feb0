import { ts } from '../../typescript';
import type { ValueResolver } from './values';

// NestJS response caching: `@UseInterceptors(CacheInterceptor)` (or `APP_INTERCEPTOR` with
// `useClass: CacheInterceptor`) runs get → route handler → set per request, without coalescing
// concurrent misses (@nestjs/cache-manager, cache.interceptor.js). `@CacheKey` / `@CacheTTL` on
// the same class or method name the key and TTL.

const NEST_MODULES = new Set(['@nestjs/cache-manager', '@nestjs/common']);

export interface NestCacheInterceptorUse {
  /** The `CacheInterceptor` reference. */
  reference: ts.Expression;
  key?: string;
  ttl?: ts.Expression;
}

export function isNestExport(expression: ts.Expression, name: string, values: ValueResolver): boolean {
  const value = values.resolve(expression);
  return value.kind === 'module' && NEST_MODULES.has(value.module) && value.path.length === 1 && value.path[0] === name;
}

/** `@UseInterceptors(…, CacheInterceptor, …)`: the use, with the key and TTL decorators beside it. */
export function interceptorInDecorator(
  call: ts.CallExpression,
  values: ValueResolver,
): NestCacheInterceptorUse | undefined {
  if (
    !ts.isDecorator(call.parent) ||
    !ts.isIdentifier(call.expression) ||
    !isNestExport(call.expression, 'UseInterceptors', values)
  )
    return undefined;
  const reference = call.arguments.find((argument) => isNestExport(argument, 'CacheInterceptor', values));
  if (!reference) return undefined;
  const decorated = call.parent.parent;
  const siblings = ts.canHaveDecorators(decorated) ? (ts.getDecorators(decorated) ?? []) : [];
  let key: string | undefined;
  let ttl: ts.Expression | undefined;
  for (const decorator of siblings) {
    const expression = decorator.expression;
    if (!ts.isCallExpression(expression) || !expression.arguments[0]) continue;
    if (isNestExport(expression.expression, 'CacheKey', values))
      key = expression.arguments[0].getText().replace(/^['"`]|['"`]$/g, '');
    if (isNestExport(expression.expression, 'CacheTTL', values)) ttl = expression.arguments[0];
  }
  return { reference, key, ttl };
}

/** `{ provide: APP_INTERCEPTOR, useClass: CacheInterceptor }`: every GET route is cached this way. */
export function interceptorAsProvider(
  property: ts.PropertyAssignment,
  values: ValueResolver,
): NestCacheInterceptorUse | undefined {
  if (!ts.isIdentifier(property.name) || property.name.text !== 'useClass') return undefined;
  if (!isNestExport(property.initializer, 'CacheInterceptor', values)) return undefined;
  return { reference: property.initializer };
}
