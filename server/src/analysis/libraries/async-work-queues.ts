import { ts } from '../../typescript';
import { evaluateNumber } from './durations';
import { isModuleMember, type CountBound, type PoolBounds } from './pool-options';
import type { Value, ValueResolver } from './values';

// Callback-style work queues: async's `queue(worker, concurrency)` (and `priorityQueue`) and
// fastq's `fastq([that,] worker, concurrency)` (and `fastq.promise`). Both run `concurrency` tasks
// at a time and keep every other pushed task in a list with no cap (async 3.2 internal/queue.js
// `_insert`; fastq 1.x queue.js `push`): a request path that pushes faster than the queue drains
// grows memory and every waiter's latency without limit. async's concurrency defaults to 1;
// fastq's is required (at least 1).

/** async and its ports with the same API. */
const ASYNC_MODULES = ['async', 'async-es', 'neo-async'];

/** Import specifiers that make these queues: the packages, and async's per-function modules. */
export const ASYNC_WORK_QUEUE_PACKAGES = /^(?:fastq|(?:async|async-es|neo-async)(?:\/queue|\/priorityQueue)?)$/;
const ASYNC_MAKERS = ['queue', 'priorityQueue'];

export interface AsyncWorkQueue {
  library: 'async' | 'fastq';
  bounds: PoolBounds;
}

/** The queue a `q.push(…)`-style call adds to, when `q` was made by async or fastq. */
export function asyncWorkQueueOf(value: Value, values: ValueResolver): AsyncWorkQueue | undefined {
  if (value.kind !== 'call' || value.path.length !== 1) return undefined;
  const maker = value.callee;
  const call = value.node;
  if (isAsyncMaker(maker)) {
    return { library: 'async', bounds: bounds('async queue', call, call.arguments[1], { kind: 'limit', count: 1 }, values) };
  }
  if (isModuleMember(maker, ['fastq'], []) || isModuleMember(maker, ['fastq'], ['promise'])) {
    // `fastq(worker, n)` or `fastq(that, worker, n)`: the concurrency is the last argument.
    const concurrency = call.arguments[call.arguments.length >= 3 ? 2 : 1];
    return { library: 'fastq', bounds: bounds('fastq queue', call, concurrency, { kind: 'dynamic' }, values) };
  }
  return undefined;
}

/** The members that add a task. */
export const ASYNC_QUEUE_ADDS = new Set(['push', 'pushAsync', 'unshift', 'unshiftAsync']);

/** Reads a handler makes when it decides admission itself: the length, the running count, idleness. */
export const ASYNC_QUEUE_ADMISSION = /\.(length|running|idle)\(\s*\)|\.(saturated|unsaturated)\b/;

function isAsyncMaker(maker: Value): boolean {
  if (maker.kind !== 'module') return false;
  if (ASYNC_MODULES.includes(maker.module)) return maker.path.length === 1 && ASYNC_MAKERS.includes(maker.path[0]!);
  // `require('async/queue')`: the function is the module itself.
  const [base, name] = maker.module.split('/');
  return maker.path.length === 0 && ASYNC_MODULES.includes(base!) && ASYNC_MAKERS.includes(name!);
}

function bounds(
  label: string,
  node: ts.CallExpression,
  concurrency: ts.Expression | undefined,
  whenAbsent: CountBound,
  values: ValueResolver,
): PoolBounds {
  return {
    label,
    node,
    optionsIndex: -1,
    options: { kind: 'absent' },
    connections: concurrency ? countOf(concurrency, values) : whenAbsent,
    waiters: { size: { kind: 'none' }, time: { kind: 'none' } },
  };
}

function countOf(expression: ts.Expression, values: ValueResolver): CountBound {
  const count = evaluateNumber(expression, values, 0);
  if (count === undefined) return { kind: 'dynamic' };
  return Number.isFinite(count) ? { kind: 'limit', count } : { kind: 'none' };
}
