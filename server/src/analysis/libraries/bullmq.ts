import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import type { DelayPattern, Jitter, RetrySchedule } from './backoff-schedule';
import type { LibraryRetry, OptionEdit } from './library-retry';
import { RetryOptions } from './retry-options';

// bullmq 5/6 job retries: `queue.add(name, data, { attempts, backoff })` and a queue's
// `defaultJobOptions`. attempts defaults to 1 (no retry). `backoff: 5000` means
// `{ type: 'fixed', delay: 5000 }`; 'exponential' waits 2^(n−1) · delay; both add a random part
// only with `jitter` (0–1; dist/cjs/classes/backoffs.js). Custom types are not modelled.

export const BULLMQ_MODULES = ['bullmq'];

function isQueue(value: Value): boolean {
  if (value.kind !== 'new' || value.path.length > 0) return false;
  const ctor = value.callee;
  return ctor.kind === 'module' && ctor.module === 'bullmq' && ctor.path.join('.') === 'Queue';
}

/** `queue.add(name, data, opts)` or `new Queue(name, { defaultJobOptions })`. */
export function bullmqRetry(
  node: ts.CallExpression | ts.NewExpression,
  callee: Value,
  values: ValueResolver,
): LibraryRetry | undefined {
  if (ts.isNewExpression(node)) {
    if (!isQueue({ kind: 'new', callee, node, path: [] })) return undefined;
    const queueOptions = new RetryOptions(node.arguments?.[1], values);
    const defaults = queueOptions.get('defaultJobOptions');
    if (defaults.kind !== 'expression') return undefined;
    return jobRetry(node, defaults.node, values, 'bullmq defaultJobOptions');
  }
  if (callee.path.length === 0 || callee.path[callee.path.length - 1] !== 'add') return undefined;
  if (!isQueue({ ...callee, path: callee.path.slice(0, -1) } as Value)) return undefined;
  const options = node.arguments[2];
  if (!options) return undefined;
  return jobRetry(node, options, values, 'bullmq job');
}

function jobRetry(
  node: ts.CallExpression | ts.NewExpression,
  optionsNode: ts.Expression,
  values: ValueResolver,
  source: string,
): LibraryRetry | undefined {
  const options = new RetryOptions(optionsNode, values);
  if (!options.readable) return undefined;
  const attempts = options.number('attempts', 1);
  const backoff = options.get('backoff');
  if (attempts === undefined || attempts <= 1 || backoff.kind === 'absent' || backoff.kind === 'unknown')
    return undefined;
  let shape: { pattern: DelayPattern; jitter: Jitter } | undefined;
  let fix: OptionEdit | undefined;
  if (backoff.kind === 'number') {
    shape = {
      pattern: backoff.value === 0 ? { kind: 'immediate' } : { kind: 'fixed', ms: backoff.value },
      jitter: 'none',
    };
    if (options.literal && backoff.node.parent.parent === options.literal) {
      fix = {
        title: "Use exponential backoff with full jitter ({ type: 'exponential', jitter: 1 })",
        call: node,
        index: -1,
        options: options.literal,
        set: { backoff: `{ type: 'exponential', delay: ${backoff.node.getText()}, jitter: 1 }` },
      };
    }
  } else if (backoff.kind === 'expression') {
    const inner = new RetryOptions(backoff.node, values);
    const type = inner.get('type');
    const delay = inner.number('delay', 0);
    const jitter = inner.number('jitter', 0);
    if (type.kind !== 'string' || delay === undefined || jitter === undefined) return undefined;
    const jittered: Jitter = jitter >= 0.5 ? 'full' : jitter > 0 ? 'partial' : 'none';
    if (type.value === 'fixed')
      shape = { pattern: delay === 0 ? { kind: 'immediate' } : { kind: 'fixed', ms: delay }, jitter: jittered };
    else if (type.value === 'exponential')
      shape = { pattern: { kind: 'exponential', firstMs: delay, factor: 2 }, jitter: jittered };
    if (inner.literal) {
      fix = {
        title: "Use exponential backoff with full jitter (type: 'exponential', jitter: 1)",
        call: node,
        index: -1,
        options: inner.literal,
        set: type.value === 'fixed' ? { type: "'exponential'", jitter: '1' } : { jitter: '1' },
      };
    }
  }
  if (!shape) return undefined;
  const schedule: RetrySchedule = { source, attempts, delay: shape.pattern, jitter: shape.jitter };
  return { library: 'bullmq', node, schedule, jitterFix: fix };
}
