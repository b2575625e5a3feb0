import { ts } from '../../typescript';
import { classifySignal } from './fetch';
import { readDuration, type Duration } from './durations';
import { lookupProperty, optionsObject, type ObjectSource } from './object-properties';
import {
  argumentProperty,
  describeDuration,
  optionsSlot,
  type ClientTimeout,
  type LibraryContext,
} from './timeout-policy';
import type { Value } from './values';

// undici (the HTTP client behind Node's global fetch). `request`/`stream`/`fetch` wait up to
// `headersTimeout` for the answer to start and `bodyTimeout` between body chunks: 300 s each by
// default (lib/dispatcher/client.js), i.e. five minutes of a held request per hang. A dispatcher
// (`new Agent|Pool|Client({ headersTimeout })`) passed per call or installed with
// `setGlobalDispatcher` anywhere in the workspace changes that for every call through it.

export const UNDICI_MODULE = 'undici';

/** Dispatcher classes and the index of their options argument (`new Pool(origin, options)`). */
const DISPATCHER_OPTIONS_INDEX: Record<string, number> = {
  Agent: 0,
  ProxyAgent: 0,
  EnvHttpProxyAgent: 0,
  Pool: 1,
  Client: 1,
  BalancedPool: 1,
};

export type DispatcherTimeout =
  { kind: 'set'; duration: Duration; where: string } | { kind: 'default' } | { kind: 'unknown' };

export function isUndiciMember(value: Value, name: string): boolean {
  return value.kind === 'module' && value.module === UNDICI_MODULE && value.path.length === 1 && value.path[0] === name;
}

/** The explicit `headersTimeout` of a dispatcher value (`new Agent({ headersTimeout: 5000 })`). */
export function dispatcherTimeout(dispatcher: ts.Expression, context: LibraryContext): DispatcherTimeout {
  const value = context.values.resolve(dispatcher);
  if (value.kind !== 'new' || value.path.length > 0) return { kind: 'unknown' };
  const callee = value.callee;
  if (callee.kind !== 'module' || callee.module !== UNDICI_MODULE || callee.path.length !== 1)
    return { kind: 'unknown' };
  const index = DISPATCHER_OPTIONS_INDEX[callee.path[0]!];
  if (index === undefined) return { kind: 'unknown' };
  const lookup = argumentProperty(value.node, index, 'headersTimeout', context.values);
  if (lookup.kind === 'unknown') return { kind: 'unknown' };
  if (lookup.kind === 'absent') {
    // A custom connector or client factory decides how connections behave: we cannot see its timeouts.
    const custom = ['factory', 'connect'].some(
      (name) => argumentProperty(value.node, index, name, context.values).kind !== 'absent',
    );
    return custom ? { kind: 'unknown' } : { kind: 'default' };
  }
  const line = value.node.getSourceFile().getLineAndCharacterOfPosition(value.node.getStart()).line + 1;
  const where = `${callee.path[0]} at ${context.workspace.displayPath(value.node.getSourceFile().fileName)}:${line}`;
  return { kind: 'set', duration: readDuration(lookup.value, context.values), where };
}

/** `setGlobalDispatcher(new Agent({ headersTimeout }))` anywhere in the workspace (the last one wins). */
export function globalDispatcherTimeout(context: LibraryContext): DispatcherTimeout {
  let found: DispatcherTimeout = { kind: 'default' };
  for (const dispatcher of globalDispatchers(context)) {
    const timeout = dispatcherTimeout(dispatcher, context);
    found = timeout.kind === 'default' ? found : timeout;
  }
  return found;
}

/**
 * The arguments of `setGlobalDispatcher(…)` calls anywhere in the workspace, in file order.
 * undici's global dispatcher is kept on `globalThis`, so it serves Node's own fetch too.
 */
export function globalDispatchers(context: Pick<LibraryContext, 'values' | 'workspace'>): ts.Expression[] {
  const found: ts.Expression[] = [];
  for (const node of context.workspace.nodesInWorkspace('setGlobalDispatcher', ts.SyntaxKind.CallExpression)) {
    const call = node as ts.CallExpression;
    if (call.arguments[0] && isUndiciMember(context.values.resolve(call.expression), 'setGlobalDispatcher')) {
      found.push(call.arguments[0]);
    }
  }
  return found;
}

/**
 * The effective bound of a fetch-style call that has no signal: the `dispatcher` in its init,
 * else the workspace's global dispatcher. Undefined when nothing but the defaults applies.
 */
export function dispatcherBound(
  init: ObjectSource | undefined,
  context: LibraryContext,
): DispatcherTimeout {
  const lookup = init ? lookupProperty(init, 'dispatcher', context.values) : { kind: 'absent' as const };
  if (lookup.kind === 'unknown') return { kind: 'unknown' };
  if (lookup.kind === 'found') {
    const own = dispatcherTimeout(lookup.value, context);
    if (own.kind !== 'default') return own;
  }
  return globalDispatcherTimeout(context);
}

/** `request(url, options)` / `stream(url, options, factory)` from undici. */
export function undiciRequestTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (!isUndiciMember(callee, 'request') && !isUndiciMember(callee, 'stream')) return undefined;
  const method = callee.path[0]!;
  const options = optionsObject(call.arguments[1], context.values);
  if (options.kind === 'unknown') return { kind: 'unknown', summary: `undici.${method}: options decided elsewhere` };
  const literal = options.kind === 'object' ? options.node : undefined;
  const signal = literal ? lookupProperty(literal, 'signal', context.values) : { kind: 'absent' as const };
  if (signal.kind === 'unknown') return { kind: 'unknown', summary: `undici.${method}: signal decided elsewhere` };
  if (signal.kind === 'found') {
    const verdict = classifySignal(signal.value, context.values);
    if (verdict.kind !== 'untimed')
      return {
        kind: verdict.kind === 'timed' ? 'bounded' : 'unknown',
        summary: `undici.${method}: signal (${verdict.kind === 'unknown' ? 'from the caller' : verdict.how})`,
      };
  }
  const own = literal ? lookupProperty(literal, 'headersTimeout', context.values) : { kind: 'absent' as const };
  if (own.kind === 'unknown') return { kind: 'unknown', summary: `undici.${method}: options decided elsewhere` };
  const bound =
    own.kind === 'found'
      ? { kind: 'set' as const, duration: readDuration(own.value, context.values), where: 'on the call' }
      : dispatcherBound(literal, context);
  if (bound.kind === 'unknown') return { kind: 'unknown', summary: `undici.${method}: dispatcher decided elsewhere` };
  if (bound.kind === 'set' && bound.duration.kind !== 'disabled') {
    return {
      kind: 'bounded',
      summary: `undici.${method}: headers timeout ${describeDuration(bound.duration)} (${bound.where})`,
    };
  }
  const slot = optionsSlot(call, 1, context.values);
  const missing = {
    subject: `\`undici.${method}\``,
    libraryDefault:
      bound.kind === 'set'
        ? `headersTimeout ${describeDuration(bound.duration)}`
        : 'undici default: 300 s for headers, 300 s between body chunks',
    consequence: 'a hung dependency holds each request for minutes',
    remedy: 'Pass `signal: AbortSignal.timeout(ms)` (or a shorter `headersTimeout`)',
  };
  return {
    kind: 'missing',
    summary: `undici.${method}: no overall deadline (${missing.libraryDefault})`,
    missing,
    fix: slot && {
      kind: 'option',
      addition: {
        slot,
        text: (c) => `signal: AbortSignal.timeout(${c('http')})`,
        title: 'Add a timeout: signal: AbortSignal.timeout({http})',
      },
    },
  };
}
