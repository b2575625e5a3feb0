import { ts } from '../../typescript';
import { isRequestHandler } from './http-frameworks';
import { pQueueBounds } from './p-queue';
import { isModuleMember, type PoolBounds } from './pool-options';
import type { LibraryContext } from './timeout-policy';

// Admission to an in-process work queue from a request path. p-queue has no cap on queued tasks
// (no maxSize option): with a bounded `concurrency`, a handler that calls `queue.add` faster than
// the queue drains grows memory and every waiter's latency without limit. A handler that reads
// `queue.size` / `queue.pending` (or awaits `onSizeLessThan`) first is deciding admission itself.

const ADMISSION_MEMBERS = /\.(size|pending|onSizeLessThan)\b/;

export interface UncappedAdd {
  call: ts.CallExpression;
  /** The PQueue's creation, with its concurrency as the pool size and no bound on waiters. */
  bounds: PoolBounds;
}

/** `queue.add(task)` inside a route handler, on a PQueue with bounded concurrency, with no size check in the handler. */
export function uncappedQueueAdd(call: ts.CallExpression, context: LibraryContext): UncappedAdd | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'add') return undefined;
  const handler = enclosingHandler(call);
  if (!handler) return undefined;
  const value = context.values.resolve(callee);
  if (value.kind !== 'new' || value.path.length !== 1 || !isModuleMember(value.callee, ['p-queue'], []))
    return undefined;
  // Unbounded concurrency never queues: no-unbounded-concurrency reports that at the constructor.
  const bounds = pQueueBounds(value.node, context.values);
  if (!bounds || bounds.connections.kind !== 'limit') return undefined;
  const body = (handler as ts.FunctionLikeDeclaration).body;
  if (body && ADMISSION_MEMBERS.test(body.getText())) return undefined;
  return { call, bounds };
}

/** The nearest enclosing function, if it is a request handler. */
function enclosingHandler(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return isRequestHandler(current) ? current : undefined;
  }
  return undefined;
}
