import { ts } from '../../typescript';
import { perCallFunction, variableReferences } from '../scope';

// A pool or client made for one job and closed by the same function: `const pool =
// mysql.createPool(…); pool.query('CREATE DATABASE …', done); setTimeout(() => pool.end(), 2000)`.
// No request ever waits on it, so its waiters cannot pile up. One closed from an event handler
// (`process.on('SIGTERM', () => pool.end())`) is the application's pool, closed at shutdown; one
// returned or stored elsewhere outlives the function. Both stay judged.

const CLOSE_METHODS = new Set(['end', 'close', 'destroy', 'quit', 'disconnect']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Whether the client created at `creation` is closed by the function that creates it, for one job. */
export function closedByItsFunction(creation: ts.Expression): boolean {
  const declaration = creation.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== creation || !ts.isIdentifier(declaration.name))
    return false;
  const fn = perCallFunction(declaration) as ts.FunctionLikeDeclaration | undefined;
  if (!fn?.body) return false;
  let closed = false;
  let escapes = false;
  for (const reference of variableReferences(declaration, fn.body)) {
    const use = classifyUse(reference, fn);
    if (use === 'close') closed = true;
    else if (use === 'escape') escapes = true;
  }
  return closed && !escapes;
}

function classifyUse(reference: ts.Identifier, fn: ts.FunctionLikeDeclaration): 'close' | 'call' | 'escape' {
  const parent = reference.parent;
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
