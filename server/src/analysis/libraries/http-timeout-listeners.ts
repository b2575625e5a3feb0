import { ts } from '../../typescript';
import { findBinding } from '../scope';
import type { LibraryContext } from './timeout-policy';

// A Node request's 'timeout' event only tells; the listener must end the request. Which
// listeners do: those that call `destroy`/`abort`, or a helper we cannot see into. Those that
// only settle a promise (`reject(err)`) leave the socket and the work behind it running.

/** Whether a 'timeout' listener ends the request: it calls `destroy`/`abort` (or we cannot see it). */
export function listenerEnforces(listener: ts.Expression, context: LibraryContext): boolean {
  const value = context.values.resolve(listener);
  if (value.kind !== 'function') return true; // a handler from elsewhere: give it the benefit of the doubt
  return bodyEnds(value.node, context, 0);
}

/** Helpers the listener calls are followed this deep; past it, they are assumed to end the request. */
const MAX_HELPER_DEPTH = 3;

function bodyEnds(fn: ts.SignatureDeclaration, context: LibraryContext, depth: number): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return true;
  let ends = false;
  const visit = (node: ts.Node): void => {
    if (ends) return;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['destroy', 'abort'].includes(node.expression.name.text)
    )
      ends = true;
    else if (
      ts.isCallExpression(node) &&
      !ts.isPropertyAccessExpression(node.expression) &&
      !isRejectLike(node) &&
      !isGlobalCall(node)
    ) {
      // `onTimeout()` — a helper: followed into its body (`setState(0)` that only records a state
      // ends nothing); one we cannot see into may end the request.
      const callee = context.values.resolve(node.expression);
      if (callee.kind === 'function' && callee.path.length === 0 && depth < MAX_HELPER_DEPTH && callee.node !== fn)
        ends = bodyEnds(callee.node, context, depth + 1);
      else if (callee.kind === 'function' || callee.kind === 'unknown' || callee.kind === 'parameter') ends = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return ends;
}

/** `clearTimeout(timer)`, `clearInterval(…)`: a function nothing in the program declares, the runtime's own. */
function isGlobalCall(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && findBinding(call.expression.text, call.expression) === undefined;
}

/** `reject(err)` / `resolve()` / `callback(err)` settle a promise; they do not end the request. */
function isRejectLike(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && /^(reject|resolve|cb|callback|done|next)$/.test(call.expression.text);
}
