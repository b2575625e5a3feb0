import { ts } from '../../typescript';
import { findBinding, perCallFunction, variableReferences } from '../scope';
import { skipOuterExpressions } from './outer-expressions';

// A pool or client made for one job and closed by the same function: `const pool =
// mysql.createPool(…); pool.query('CREATE DATABASE …', done); setTimeout(() => pool.end(), 2000)`.
// No request ever waits on it, so its waiters cannot pile up. One closed from an event handler
// (`process.on('SIGTERM', () => pool.end())`) is the application's pool, closed at shutdown; one
// returned or stored elsewhere outlives the function. Both stay judged. Servers alike: an
// onboarding page or a login's loopback callback, started and closed by one function.

const CLOSE_METHODS = new Set(['end', 'close', 'destroy', 'quit', 'disconnect']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Whether the client created at `creation` is closed by the function that creates it, for one job. */
export function closedByItsFunction(creation: ts.Expression): boolean {
  const declaration = creation.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== creation) return false;
  return variableClosedByItsFunction(declaration);
}

/**
 * Whether what the variable holds (a client, a server) is closed by the function that declares
 * the variable and never leaves it: assigning the variable (`let server; … server = create()`)
 * keeps it inside, handing it on does not. With `ownFlowOnly`, only a close that runs when the
 * function runs counts (see inOwnFlow); one in a callback handed elsewhere closes nothing here.
 */
function variableClosedByItsFunction(declaration: ts.VariableDeclaration, ownFlowOnly = false): boolean {
  if (!ts.isIdentifier(declaration.name)) return false;
  const fn = perCallFunction(declaration) as ts.FunctionLikeDeclaration | undefined;
  if (!fn?.body) return false;
  let closed = false;
  let escapes = false;
  for (const reference of variableReferences(declaration, fn.body)) {
    const use = classifyUse(reference, fn);
    if (use === 'close') closed ||= !ownFlowOnly || inOwnFlow(reference, fn);
    else if (use === 'escape') escapes = true;
  }
  return closed && !escapes;
}

/**
 * Whether the server `listen` starts is closed by the function that starts it: `server.listen(…)`
 * on a local `server`, or `const server = app.listen(…)`, then `server.close()` in that function's
 * own flow (a promise executor counts; a callback handed elsewhere, `onShutdown(() =>
 * server.close())`, does not). Not when that function handles SIGTERM or SIGINT: closing on a
 * signal is a graceful shutdown of the application's own server.
 */
export function isTemporaryServer(listen: ts.CallExpression): boolean {
  const callee = listen.expression;
  const receiver = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : undefined;
  const declarations: ts.VariableDeclaration[] = [];
  if (ts.isVariableDeclaration(listen.parent) && listen.parent.initializer === listen) declarations.push(listen.parent);
  if (receiver && ts.isIdentifier(receiver)) {
    const binding = findBinding(receiver.text, receiver);
    if (binding?.kind === 'variable' && binding.node === binding.declaration) declarations.push(binding.declaration);
  }
  return declarations.some((declaration) => {
    const fn = perCallFunction(declaration);
    return (
      fn !== undefined && !/\bSIG(?:TERM|INT)\b/.test(fn.getText()) && variableClosedByItsFunction(declaration, true)
    );
  });
}

/** Whether `node` runs when `fn` runs: no function between them but `new Promise` executors. */
function inOwnFlow(node: ts.Node, fn: ts.Node): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    const host = current.parent;
    if (!ts.isNewExpression(host) || !ts.isIdentifier(host.expression) || host.expression.text !== 'Promise')
      return false;
  }
  return true;
}

function classifyUse(reference: ts.Identifier, fn: ts.FunctionLikeDeclaration): 'close' | 'call' | 'escape' {
  const parent = reference.parent;
  if (
    ts.isBinaryExpression(parent) &&
    parent.left === reference &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  )
    return 'call'; // assigned here
  if (!ts.isPropertyAccessExpression(parent) || parent.expression !== reference) return 'escape'; // returned, stored, passed
  if (!ts.isCallExpression(parent.parent) || parent.parent.expression !== parent) return 'call';
  if (!CLOSE_METHODS.has(parent.name.text)) return 'call';
  return inEventListener(reference, fn) ? 'escape' : 'close';
}

/** Inside a callback registered with `.on(…)` and the like, between `node` and `fn`. */
function inEventListener(node: ts.Node, fn: ts.Node): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (!ts.isFunctionLike(current) || !ts.isCallExpression(current.parent)) continue;
    const host = current.parent.expression;
    if (ts.isPropertyAccessExpression(host) && LISTENER_METHODS.has(host.name.text)) return true;
  }
  return false;
}
