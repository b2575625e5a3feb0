import { ts } from '../../typescript';
import { readDuration, type Duration } from './durations';
import { isObjectValue, lookupProperty, optionsObject, type ObjectSource } from './object-properties';
import { serverMaker, type ServerFramework } from './server-makers';
import type { LibraryContext } from './timeout-policy';
import type { Value } from './values';

// Inbound servers and their timeouts. Node's `http.Server` (nodejs.org/api/http.html, defaults
// from lib/_http_server.js storeHTTPOptions): `requestTimeout` 300000 ms bounds receiving a whole
// request, `headersTimeout` min(60000, requestTimeout) the headers, `keepAliveTimeout` 5000 ms
// (65000 from Node 26) the idle gap between requests on a connection, `timeout` 0 = no socket
// inactivity timeout. Fastify passes its own options to the server it creates: `requestTimeout`
// 0, `connectionTimeout` 0 (→ `server.timeout`), `keepAliveTimeout` 72000 (fastify.dev Server
// reference); with a `serverFactory` it ignores them.

export type ServerTimeout = 'timeout' | 'requestTimeout' | 'headersTimeout' | 'keepAliveTimeout';
export const SERVER_TIMEOUTS: readonly ServerTimeout[] = [
  'timeout',
  'requestTimeout',
  'headersTimeout',
  'keepAliveTimeout',
];

/** Where a server's timeouts come from: a `createServer`, an app's `listen()`, or a fastify factory. */
export interface ServerCreation {
  node: ts.CallExpression | ts.NewExpression;
  label: string;
  framework: 'node' | 'fastify';
  /** The options object written at the creation, if any. */
  options?: ObjectSource;
  /** Options we cannot read (a variable from elsewhere, a spread): the effective values are unknown. */
  opaque: boolean;
}

/** One explicitly set timeout: in the options (`requestTimeout: 0`), assigned, or `server.setTimeout(ms)`. */
export interface SetTimeout {
  name: ServerTimeout;
  /** The expression holding the value: the initializer, the assigned value or the argument. */
  value: ts.Expression;
  duration: Duration;
}

/** Node's servers whose options this module reads (http2's differ). */
const NODE_MODULES = new Set(['http', 'https']);
/** Fastify's option names for the server's timeouts. */
const FASTIFY_OPTIONS: Record<string, ServerTimeout> = {
  connectionTimeout: 'timeout',
  requestTimeout: 'requestTimeout',
  keepAliveTimeout: 'keepAliveTimeout',
};
const NODE_OPTIONS: Record<string, ServerTimeout> = {
  requestTimeout: 'requestTimeout',
  headersTimeout: 'headersTimeout',
  keepAliveTimeout: 'keepAliveTimeout',
};

/** The server a value denotes, or undefined when it is not (recognisably) an HTTP server. */
export function serverCreation(value: Value, context: LibraryContext): ServerCreation | undefined {
  if (value.path.length > 0) return undefined;
  if (value.kind !== 'call' && value.kind !== 'new') return undefined;
  const callee = value.callee;
  const maker = serverMaker(value);
  if (maker?.framework === 'node' && NODE_MODULES.has(maker.module) && maker.factory !== 'createSecureServer') {
    const args = value.node.arguments ?? [];
    // `createServer(options, listener)`, `createServer(options)` or `createServer(listener)`.
    const options = args.length >= 2 || (args[0] && isObjectLike(args[0], context)) ? args[0] : undefined;
    return withOptions(value.node, `${maker.module}.${maker.factory}`, 'node', options, context);
  }
  if (value.kind === 'call' && maker?.framework === 'fastify') {
    const creation = withOptions(value.node, 'fastify()', 'fastify', value.node.arguments[0], context);
    if (creation.options && lookupProperty(creation.options, 'serverFactory', context.values).kind !== 'absent')
      return undefined; // the factory's own server: its options do not apply
    return creation;
  }
  // `app.listen(port)` returns the http.Server (Express, Koa); `server.listen()` returns the server itself.
  if (
    value.kind === 'call' &&
    (callee.kind === 'call' || callee.kind === 'new') &&
    callee.path.join('.') === 'listen'
  ) {
    const receiver = { ...callee, path: [] } as Value;
    const framework = APP_NAMES[serverMaker(receiver)?.framework ?? 'node'];
    if (framework) return { node: value.node, label: `${framework} app.listen()`, framework: 'node', opaque: false };
    const server = serverCreation(receiver, context);
    return server?.framework === 'node' ? server : undefined;
  }
  return undefined;
}

/** Apps whose `listen()` returns the http.Server they make with Node's defaults. */
const APP_NAMES: Partial<Record<ServerFramework, string>> = { express: 'Express', koa: 'Koa' };

/** A lone argument is options when it is an object; `createServer(app)` passes a request listener. */
function isObjectLike(node: ts.Expression, context: LibraryContext): boolean {
  return isObjectValue(context.values.resolve(node));
}

function withOptions(
  node: ts.CallExpression | ts.NewExpression,
  label: string,
  framework: ServerCreation['framework'],
  argument: ts.Expression | undefined,
  context: LibraryContext,
): ServerCreation {
  const options = optionsObject(argument, context.values);
  if (options.kind === 'unknown') return { node, label, framework, opaque: true };
  return { node, label, framework, options: options.kind === 'object' ? options.node : undefined, opaque: false };
}

/** The timeouts written in the creation's options; undefined when one cannot be read. */
export function optionTimeouts(creation: ServerCreation, context: LibraryContext): SetTimeout[] | undefined {
  if (!creation.options) return [];
  const names = creation.framework === 'fastify' ? FASTIFY_OPTIONS : NODE_OPTIONS;
  const found: SetTimeout[] = [];
  for (const [option, name] of Object.entries(names)) {
    const lookup = lookupProperty(creation.options, option, context.values);
    if (lookup.kind === 'unknown') return undefined;
    if (lookup.kind === 'found')
      found.push({ name, value: lookup.value, duration: readDuration(lookup.value, context.values) });
  }
  return found;
}

/** `server.requestTimeout = 0` / `server.setTimeout(0)`: the receiver and the timeout it sets. */
export function timeoutWrite(
  node: ts.Node,
): { receiver: ts.Expression; name: ServerTimeout; value: ts.Expression } | undefined {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = node.left;
    if (!ts.isPropertyAccessExpression(target)) return undefined;
    const name = target.name.text as ServerTimeout;
    if (!SERVER_TIMEOUTS.includes(name)) return undefined;
    return { receiver: target.expression, name, value: node.right };
  }
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'setTimeout' &&
    node.arguments.length >= 1
  )
    return { receiver: node.expression.expression, name: 'timeout', value: node.arguments[0]! };
  return undefined;
}

/** The defaults that apply when a timeout is not written. */
export function defaultTimeoutMs(
  framework: ServerCreation['framework'],
  name: ServerTimeout,
  requestTimeoutMs: number,
): number {
  if (framework === 'fastify') return name === 'keepAliveTimeout' ? 72_000 : 0;
  switch (name) {
    case 'requestTimeout':
      return 300_000;
    case 'headersTimeout':
      return requestTimeoutMs > 0 ? Math.min(60_000, requestTimeoutMs) : 60_000;
    case 'keepAliveTimeout':
      return 5_000;
    case 'timeout':
      return 0;
  }
}
