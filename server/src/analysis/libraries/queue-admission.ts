import { ts } from '../../typescript';
import { isRequestHandler } from './http-frameworks';
import { pQueueBounds } from './p-queue';
import { ASYNC_QUEUE_ADDS, ASYNC_QUEUE_ADMISSION, asyncWorkQueueOf } from './async-work-queues';
import { isModuleMember, type PoolBounds } from './pool-options';
import type { LibraryContext } from './timeout-policy';

// Admission to an in-process work queue from a request path. p-queue, async's queue and fastq
// have no cap on queued tasks: with a bounded concurrency, a handler that adds tasks faster than
// the queue drains grows memory and every waiter's latency without limit. A handler that reads
// the queue's size first (p-queue's `size` / `pending` / `onSizeLessThan`, async's and fastq's
// `length()` / `running()` / `idle()`) is deciding admission itself.

const P_QUEUE_ADMISSION = /\.(size|pending|onSizeLessThan)\b/;

export interface UncappedAdd {
  call: ts.CallExpression;
  library: 'p-queue' | 'async' | 'fastq';
  /** How a handler checks the queue's size first, for the message. */
  sizeCheck: string;
  /** The queue's creation, with its concurrency as the pool size and no bound on waiters. */
  bounds: PoolBounds;
}

/** A task added to a work queue inside a route handler that does not check the queue's size. */
export function uncappedQueueAdd(call: ts.CallExpression, context: LibraryContext): UncappedAdd | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const member = callee.name.text;
  if (member !== 'add' && !ASYNC_QUEUE_ADDS.has(member)) return undefined;
  const handler = enclosingHandler(call);
  if (!handler) return undefined;
  const added = admittedTo(callee, member, context);
  if (!added) return undefined;
  const body = (handler as ts.FunctionLikeDeclaration).body;
  if (body && added.admission.test(body.getText())) return undefined;
  return { call, library: added.library, sizeCheck: added.sizeCheck, bounds: added.bounds };
}

function admittedTo(callee: ts.PropertyAccessExpression, member: string, context: LibraryContext) {
  const value = context.values.resolve(callee);
  if (member === 'add') {
    if (value.kind !== 'new' || value.path.length !== 1 || !isModuleMember(value.callee, ['p-queue'], [])) return undefined;
    // Unbounded concurrency never queues: no-unbounded-concurrency reports that at the constructor.
    const bounds = pQueueBounds(value.node, context.values);
    if (!bounds || bounds.connections.kind !== 'limit') return undefined;
    return { library: 'p-queue' as const, sizeCheck: 'queue.size', admission: P_QUEUE_ADMISSION, bounds };
  }
  const queue = asyncWorkQueueOf(value, context.values);
  if (!queue || queue.bounds.connections.kind === 'none') return undefined;
  return { library: queue.library, sizeCheck: 'queue.length()', admission: ASYNC_QUEUE_ADMISSION, bounds: queue.bounds };
}

/** The nearest enclosing function, if it is a request handler. */
function enclosingHandler(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return isRequestHandler(current) ? current : undefined;
  }
  return undefined;
}
