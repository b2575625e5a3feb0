import { ts } from '../../typescript';
import type { Fix } from '../types';
import type { ServerTimeout } from '../libraries/node-server';
import { addObjectProperty, ensureModuleConstant } from './text-edits';
import { formatNumberLiteral } from './timeout-fixes';

// Quick fixes for an inbound server's timeouts: a disabled timeout gets a named constant back,
// and keepAliveTimeout is raised above the load balancer's idle timeout.

interface ConstantSpec {
  name: string;
  valueMs: number;
  comment: readonly string[];
}

const DISABLED_REPLACEMENTS: Partial<Record<ServerTimeout, ConstantSpec>> = {
  requestTimeout: {
    name: 'SERVER_REQUEST_TIMEOUT_MS',
    valueMs: 300_000,
    comment: [
      "Longest a client may take to send one request (Node's default). Lower it towards the slowest",
      'legitimate upload: every slow client holds a socket and memory until then.',
    ],
  },
  timeout: {
    name: 'SERVER_SOCKET_TIMEOUT_MS',
    valueMs: 120_000,
    comment: [
      'Longest a connection may sit idle mid-request or mid-response before the server closes it.',
      'Keep it above your slowest legitimate response (streams, long polls).',
    ],
  },
};

/** `server.timeout = 0` → `server.timeout = SERVER_SOCKET_TIMEOUT_MS` (the value is replaced in place). */
export function restoreTimeoutFix(value: ts.Expression, name: ServerTimeout): Fix | undefined {
  const spec = DISABLED_REPLACEMENTS[name];
  if (!spec) return undefined;
  const sourceFile = value.getSourceFile();
  const constant = ensureModuleConstant(sourceFile, value, spec.name, formatNumberLiteral(spec.valueMs), spec.comment);
  return {
    title: `Set ${name} to ${constant.name}`,
    kind: 'safe',
    edits: [{ start: value.getStart(sourceFile), end: value.end, newText: constant.name }, ...constant.edits],
  };
}

/** Where a keepAliveTimeout can be written inside the flagged node. */
export type KeepAliveSlot =
  | { kind: 'value'; node: ts.Expression }
  | { kind: 'options'; node: ts.ObjectLiteralExpression }
  /** `createServer(listener)` / `fastify()`: options go in as the first argument. */
  | { kind: 'first-argument'; call: ts.CallExpression | ts.NewExpression };

export function keepAliveFix(slot: KeepAliveSlot, loadBalancerIdleMs: number): Fix {
  const at = slot.kind === 'first-argument' ? slot.call : slot.node;
  const sourceFile = at.getSourceFile();
  const constant = ensureModuleConstant(
    sourceFile,
    at,
    'KEEP_ALIVE_TIMEOUT_MS',
    formatNumberLiteral(loadBalancerIdleMs + 5_000),
    [
      `Above the load balancer's idle timeout (${loadBalancerIdleMs} ms), so the balancer always closes an idle`,
      'connection first and never sends a request into one the server is closing (a 502).',
    ],
  );
  const property = `keepAliveTimeout: ${constant.name}`;
  let edit;
  if (slot.kind === 'value')
    edit = { start: slot.node.getStart(sourceFile), end: slot.node.end, newText: constant.name };
  else if (slot.kind === 'options') edit = addObjectProperty(slot.node, property, sourceFile);
  else {
    const first = slot.call.arguments?.[0];
    const open = sourceFile.text.indexOf('(', slot.call.expression.end);
    edit = first
      ? { start: first.getStart(sourceFile), end: first.getStart(sourceFile), newText: `{ ${property} }, ` }
      : { start: open + 1, end: open + 1, newText: `{ ${property} }` };
  }
  return { title: `Set keepAliveTimeout to ${constant.name}`, kind: 'safe', edits: [edit, ...constant.edits] };
}
