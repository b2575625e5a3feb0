import { ts } from '../../typescript';
import { readDuration } from './durations';
import { lookupProperty, optionsObject, writableLiteral, type ObjectSource } from './object-properties';
import { describeDuration, optionsSlot, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// NestJS `HttpModule` wraps axios: `HttpModule.register(config)` creates the axios instance that
// every injected `HttpService` uses, so its `timeout` (axios default 0 = none) decides them all.
// `registerAsync({ useFactory })` is followed when the factory returns an object literal.

const NEST_MODULES = new Set(['@nestjs/axios', '@nestjs/common']);

export function nestHttpModuleTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (
    callee.kind !== 'module' ||
    !NEST_MODULES.has(callee.module) ||
    callee.path.length !== 2 ||
    callee.path[0] !== 'HttpModule'
  )
    return undefined;
  const method = callee.path[1];
  let config: ObjectSource | undefined;
  let slotOwner: ts.CallExpression = call;
  if (method === 'register') {
    const options = optionsObject(call.arguments[0], context.values);
    if (options.kind === 'unknown')
      return { kind: 'unknown', summary: 'HttpModule.register: config decided elsewhere' };
    config = options.kind === 'object' ? options.node : undefined;
  } else if (method === 'registerAsync') {
    const factory = optionsObject(call.arguments[0], context.values);
    const useFactory = factory.kind === 'object' ? lookupProperty(factory.node, 'useFactory', context.values) : factory;
    const body =
      useFactory.kind === 'found' && (ts.isArrowFunction(useFactory.value) || ts.isFunctionExpression(useFactory.value))
        ? returned(useFactory.value)
        : undefined;
    if (!body) return { kind: 'unknown', summary: 'HttpModule.registerAsync: config decided by a factory' };
    config = body;
    slotOwner = call;
  } else {
    return undefined;
  }
  const timeout = config ? lookupProperty(config, 'timeout', context.values) : { kind: 'absent' as const };
  if (timeout.kind === 'unknown') return { kind: 'unknown', summary: `HttpModule.${method}: config decided elsewhere` };
  if (timeout.kind === 'found') {
    const duration = readDuration(timeout.value, context.values);
    if (duration.kind !== 'disabled')
      return {
        kind: 'bounded',
        summary: `NestJS HttpModule: timeout ${describeDuration(duration)}, set in \`HttpModule.${method}\``,
      };
  }
  const literal = config && writableLiteral(config);
  const slot =
    literal && literal.pos >= slotOwner.pos && literal.end <= slotOwner.end
      ? { kind: 'literal' as const, node: literal }
      : method === 'register'
        ? optionsSlot(call, 0, context.values)
        : undefined;
  return {
    kind: 'missing',
    summary: 'NestJS HttpModule: no timeout (axios default: 0 = none)',
    missing: {
      subject: `\`HttpModule.${method}\``,
      libraryDefault: 'axios default: 0 = none',
      consequence: 'every request through the injected `HttpService` can hang indefinitely',
      remedy: 'Set `timeout` in the module config',
    },
    fix: slot && {
      kind: 'option',
      addition: { slot, text: (c) => `timeout: ${c('http')}`, title: 'Set timeout: {http} on the module' },
    },
  };
}

function returned(fn: ts.ArrowFunction | ts.FunctionExpression): ts.ObjectLiteralExpression | undefined {
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    const returns = body.statements.filter(ts.isReturnStatement);
    if (returns.length !== 1 || !returns[0]!.expression) return undefined;
    body = returns[0]!.expression;
  }
  while (ts.isParenthesizedExpression(body)) body = body.expression;
  return ts.isObjectLiteralExpression(body) ? body : undefined;
}
