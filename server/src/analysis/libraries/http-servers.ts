import { ts } from '../../typescript';
import { serverMaker, type ServerFramework } from './server-makers';
import type { LibraryContext } from './timeout-policy';

// Where an HTTP server starts accepting traffic, and whether anything sheds load before the
// handlers run. Node's `http.Server` accepts every connection (`maxConnections` is unset by
// default) and Express, Koa and Fastify admit every request: under a spike all requests slow
// down together instead of the excess being refused fast with 503 + Retry-After.

/**
 * Packages that refuse work before it starts. Overload detectors (event-loop delay, memory)
 * answer 503: @fastify/under-pressure, toobusy-js, overload-protection. Concurrency limiters:
 * express-queue. Rate limiters answer 429: they cap each client, not the total, but their
 * presence shows the project admits requests deliberately, and a finding there would be noise.
 */
export const SHEDDING_PACKAGES =
  /^(@fastify\/under-pressure|under-pressure|fastify-under-pressure|toobusy-js|toobusy|overload-protection|express-queue|express-rate-limit|rate-limiter-flexible|@fastify\/rate-limit|fastify-rate-limit|koa-ratelimit|@nestjs\/throttler)(\/|$)/;

export interface ServerStart {
  call: ts.CallExpression;
  /** "Express app", "Fastify instance", "http server". */
  label: string;
  /** `listen` returns the `http.Server` (Express, Koa, node:http), so `maxConnections` can be set on it. */
  returnsServer: boolean;
  framework: ServerFramework;
}

/** Apps by framework; a Node server is labelled by its module (`http server`). */
const APP_LABELS: Record<Exclude<ServerFramework, 'node'>, string> = {
  express: 'Express app',
  koa: 'Koa app',
  fastify: 'Fastify instance',
};

/** `app.listen(…)` / `http.createServer(…).listen(…)` / `fastify().listen(…)`; undefined for anything else. */
export function serverStart(call: ts.CallExpression, context: LibraryContext): ServerStart | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'listen') return undefined;
  if (isEphemeralOrForwarded(call)) return undefined;
  const maker = serverMaker(context.values.resolve(callee.expression));
  if (!maker) return undefined;
  const label = maker.framework === 'node' ? `${maker.module} server` : APP_LABELS[maker.framework];
  // Fastify's `listen` resolves to an address, not the http.Server.
  return { call, label, returnsServer: maker.framework !== 'fastify', framework: maker.framework };
}

/**
 * `listen()`, `listen(0)`, `listen({ port: 0 })`: a random free port, which only tests and tools
 * use. `listen(...args)`: a wrapper (Koa's own `app.listen`) — the start is at its caller.
 */
function isEphemeralOrForwarded(call: ts.CallExpression): boolean {
  const first = call.arguments[0];
  if (!first || ts.isSpreadElement(first)) return true;
  if (ts.isNumericLiteral(first)) return first.text === '0';
  return (
    ts.isObjectLiteralExpression(first) &&
    first.properties.some(
      (p) => ts.isPropertyAssignment(p) && p.name.getText() === 'port' && p.initializer.getText() === '0',
    )
  );
}

/** `server.maxConnections = …` anywhere in the workspace, or `Object.assign(<start>, { maxConnections })`. */
export function capsConnections(start: ServerStart, context: LibraryContext): boolean {
  const parent = start.call.parent;
  if (
    ts.isCallExpression(parent) &&
    parent.expression.getText() === 'Object.assign' &&
    parent.arguments[0] === start.call &&
    parent.arguments.slice(1).some((argument) => /\bmaxConnections\b/.test(argument.getText()))
  )
    return true;
  return context.workspace.nodesInWorkspace('maxConnections', ts.SyntaxKind.BinaryExpression).some(isCapAssignment);
}

function isCapAssignment(node: ts.Node): boolean {
  const binary = node as ts.BinaryExpression;
  return (
    binary.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(binary.left) &&
    binary.left.name.text === 'maxConnections'
  );
}

/** Per list of workspace nodes (one per workspace version): whether a middleware answers 503 or 429. */
const shedding = new WeakMap<readonly ts.Node[], boolean>();

/** A middleware or request hook in the workspace that answers 503 or 429: a home-made limiter. */
export function hasSheddingMiddleware(context: LibraryContext): boolean {
  return ['503', '429'].some((status) => {
    const literals = context.workspace.nodesInWorkspace(status, ts.SyntaxKind.NumericLiteral, mayRefuse);
    let known = shedding.get(literals);
    if (known === undefined) shedding.set(literals, (known = literals.some(isRefusalInMiddleware)));
    return known;
  });
}

/** The text of every refusal `setsStatus` accepts: files without one are not parsed for it. */
const REFUSAL_TEXT = /\.(?:status|code|sendStatus|writeHead)\s*\(\s*(?:503|429)\b|\.(?:status|statusCode)\s*=\s*(?:503|429)\b/;

function mayRefuse(text: string): boolean {
  return REFUSAL_TEXT.test(text);
}

const STATUS_SETTERS = new Set(['status', 'code', 'sendStatus', 'writeHead']);
const STATUS_PROPERTIES = new Set(['status', 'statusCode']);

function isRefusalInMiddleware(node: ts.Node): boolean {
  const literal = node as ts.NumericLiteral;
  if (literal.text !== '503' && literal.text !== '429') return false;
  if (!setsStatus(literal)) return false;
  for (let current: ts.Node | undefined = literal.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return isMiddleware(current);
  }
  return false;
}

/** `res.status(503)`, `reply.code(503)`, `res.writeHead(503, …)`, `res.statusCode = 503`, `ctx.status = 429`. */
function setsStatus(literal: ts.NumericLiteral): boolean {
  const parent = literal.parent;
  if (ts.isCallExpression(parent) && parent.arguments[0] === literal) {
    const callee = parent.expression;
    return ts.isPropertyAccessExpression(callee) && STATUS_SETTERS.has(callee.name.text);
  }
  return (
    ts.isBinaryExpression(parent) &&
    parent.right === literal &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(parent.left) &&
    STATUS_PROPERTIES.has(parent.left.name.text)
  );
}

/** A function that runs before the handlers: it takes `next`, or it is passed to `use` / `addHook`. */
function isMiddleware(fn: ts.SignatureDeclaration): boolean {
  if (fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === 'next')) return true;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const name = call.expression.name.text;
  return name === 'use' || name === 'addHook';
}
