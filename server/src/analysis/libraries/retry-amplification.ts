import { ts } from '../../typescript';
import type { RetrySchedule } from './backoff-schedule';
import { clientRetryOf } from './client-retries';
import { libraryRetryAt, type LibraryContext } from './retry-libraries';
import { isRetryLoopCandidate, loopRetry } from './retry-loops';
import { collectNodes } from './retry-control-flow';

// Which calls inside a retried operation retry by themselves: a client with its own retries
// (axios-retry, got, the AWS SDK), a retry library call (p-retry inside p-retry), or a workspace
// function that contains a retry (followed two calls deep). Each layer multiplies the attempts.

export interface InnerRetry {
  /** The call in the outer operation that leads to the inner retry. */
  call: ts.CallExpression;
  schedule: RetrySchedule;
  /** The workspace functions the call goes through, outermost first. */
  via: string[];
}

const MAX_CALL_DEPTH = 2;

/** The code an operation runs: a try block, or the body of the function a library retries. */
export function operationBody(operation: ts.Node, context: LibraryContext): ts.Node | undefined {
  if (ts.isBlock(operation)) return operation;
  if (ts.isArrowFunction(operation) || ts.isFunctionExpression(operation)) return operation.body;
  if (ts.isIdentifier(operation) || ts.isPropertyAccessExpression(operation)) {
    const value = context.values.resolve(operation);
    if (value.kind === 'function' && value.path.length === 0) return (value.node as ts.FunctionLikeDeclaration).body;
  }
  return undefined;
}

export function innerRetries(
  body: ts.Node,
  context: LibraryContext,
  depth = 0,
  seen = new Set<ts.Node>(),
): InnerRetry[] {
  const found: InnerRetry[] = [];
  for (const call of collectNodes(body, ts.isCallExpression) as ts.CallExpression[]) {
    const schedule = directRetry(call, context);
    if (schedule) {
      found.push({ call, schedule, via: [] });
      continue;
    }
    if (depth >= MAX_CALL_DEPTH) continue;
    const callee = context.values.resolve(call.expression);
    if (callee.kind !== 'function' || callee.path.length > 0 || seen.has(callee.node)) continue;
    seen.add(callee.node);
    const fnBody = (callee.node as ts.FunctionLikeDeclaration).body;
    if (!fnBody) continue;
    const inner = retryInside(fnBody, context) ?? innerRetries(fnBody, context, depth + 1, seen)[0];
    if (inner) found.push({ call, schedule: inner.schedule, via: [functionName(callee.node), ...inner.via] });
  }
  return found;
}

function directRetry(call: ts.CallExpression, context: LibraryContext): RetrySchedule | undefined {
  const library = libraryRetryAt(call, context);
  if (library && !library.schedule.reconnect && library.operation) return library.schedule;
  return clientRetryOf(call, context);
}

/** A retry loop or retry library call directly inside a function body. */
function retryInside(body: ts.Node, context: LibraryContext): { schedule: RetrySchedule; via: string[] } | undefined {
  for (const node of collectNodes(body, (n) => isRetryLoopCandidate(n) || ts.isCallExpression(n))) {
    if (isRetryLoopCandidate(node)) {
      const loop = loopRetry(node, context.values);
      if (loop && loop.schedule.attempts !== 1) return { schedule: loop.schedule, via: [] };
    } else {
      const library = libraryRetryAt(node as ts.CallExpression, context);
      if (library && library.operation && !library.schedule.reconnect) return { schedule: library.schedule, via: [] };
    }
  }
  return undefined;
}

function functionName(fn: ts.SignatureDeclaration): string {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  return ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : 'a function';
}
