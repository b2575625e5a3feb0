import { ts } from '../../typescript';
import { readDuration } from './durations';
import { lookupProperty, optionsObject } from './object-properties';
import { describeDuration, optionsSlot, subjectName, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// ws, the WebSocket client of Node backends: `new WebSocket(address, protocols?, options?)`.
// Its opening handshake (TCP, TLS, then the HTTP upgrade) has no timeout unless
// `handshakeTimeout` is set: ws 8.x passes `opts.timeout = opts.handshakeTimeout` to
// http.request and arms it only when set (lib/websocket.js, initAsClient). A peer that accepts
// the connection but never answers the upgrade — an overloaded gateway, a proxy that black-holes
// it — leaves the socket CONNECTING forever: no 'open', no 'error', no 'close', so the reconnect
// logic that waits for 'close' never runs. isomorphic-ws is ws under Node.

export const WS_MODULES = ['ws', 'isomorphic-ws'];

/** `new WebSocket(…)` from ws: the default export, `WebSocket.WebSocket` or the named `WebSocket`. */
function isWebSocketClass(callee: Value): boolean {
  if (callee.kind !== 'module' || !WS_MODULES.includes(callee.module)) return false;
  const path = callee.path[0] === 'default' ? callee.path.slice(1) : callee.path;
  return path.length === 0 || (path.length === 1 && path[0] === 'WebSocket');
}

/** A subprotocol argument: a string or an array of them (anything else may be the options). */
function isProtocols(node: ts.Expression, context: LibraryContext): boolean {
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isArrayLiteralExpression(node)) return true;
  const value = context.values.resolve(node);
  return value.kind === 'literal' && ts.isStringLiteralLike(value.node);
}

export function wsTimeout(callee: Value, node: ts.NewExpression, context: LibraryContext): ClientTimeout | undefined {
  if (!isWebSocketClass(callee)) return undefined;
  const subject = subjectName(node, 'ws WebSocket');
  const args = node.arguments ?? [];
  // `new WebSocket(url, options)` and `new WebSocket(url, protocols, options)`: ws takes a
  // second argument that is an object (not an array) as the options.
  const second = args[1];
  const optionsIndex = args.length >= 3 || (second && isProtocols(second, context)) ? 2 : 1;
  const options = optionsObject(args[optionsIndex], context.values);
  if (options.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  const found =
    options.kind === 'object' ? lookupProperty(options.node, 'handshakeTimeout', context.values) : undefined;
  if (found?.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  const duration = found?.kind === 'found' ? readDuration(found.value, context.values) : undefined;
  if (duration && duration.kind !== 'disabled')
    return { kind: 'bounded', summary: `${subject}: handshakeTimeout ${describeDuration(duration)}` };
  const missing = {
    subject,
    libraryDefault: 'ws default: none',
    consequence:
      "a peer that accepts the connection but never answers the upgrade leaves the socket connecting forever, with no 'close' for a reconnect to act on",
    remedy: 'Set `handshakeTimeout`',
    constant: 'connect' as const,
  };
  if (found?.kind === 'found')
    return {
      kind: 'disabled',
      summary: `${subject}: handshakeTimeout disabled (\`${found.value.getText()}\`)`,
      missing,
      value: found.value,
    };
  const slot = optionsSlot(node, optionsIndex, context.values);
  return {
    kind: 'missing',
    summary: `${subject}: no handshake timeout (ws default: none)`,
    missing,
    fix: slot && {
      kind: 'option',
      addition: { slot, text: (c) => `handshakeTimeout: ${c('connect')}`, title: 'Set handshakeTimeout: {connect}' },
    },
  };
}
