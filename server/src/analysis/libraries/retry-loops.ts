import { ts } from '../../typescript';
import type { ValueResolver } from './values';
import { classifyDelay } from './delay-expressions';
import type { DelayPattern, Jitter, RetrySchedule } from './backoff-schedule';
import { waitCall, type WaitCall } from './wait-calls';
import { collectNodes, exitsUnconditionally, failsOnlySynchronously, referencesAny, waitsOnEveryFailure } from './retry-control-flow';
import { loopBounds, loopCounters } from './retry-loop-counts';

// Hand-rolled retry loops: `for`/`while`/`do` loops whose body tries an operation, leaves the
// loop when it succeeds, and on failure (the catch clause) waits and goes round again. A loop
// without that shape — a paging loop, a polling loop that waits after every successful read, a
// worker that logs errors and moves on — is not a retry and is left alone.

export interface HandRolledRetry {
  kind: 'loop' | 'recursion' | 'timer';
  /** The reported node: the loop, the catch clause that recurses, or the re-arming setTimeout. */
  node: ts.Node;
  schedule: RetrySchedule;
  /** The wait on the failure path; absent for an immediate retry. */
  wait?: WaitCall;
  /** The delay expression a fix may replace (the caller-side argument of the wait). */
  delayExpression?: ts.Expression;
  /** The attempt counter visible at the wait, for a fix to feed the backoff helper. */
  counterName?: string;
  /** The counter's increment on the failure path, after which a fix may insert a cap. */
  counterIncrement?: ts.ExpressionStatement;
  catchClause?: ts.CatchClause;
  /** What is retried (the try block, or the function that recurses). */
  operation: ts.Node;
}

export function isRetryLoopCandidate(node: ts.Node): node is ts.ForStatement | ts.WhileStatement | ts.DoStatement {
  return ts.isForStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

export function loopRetry(
  loop: ts.ForStatement | ts.WhileStatement | ts.DoStatement,
  values: ValueResolver,
): HandRolledRetry | undefined {
  const body = loop.statement;
  const statements = ts.isBlock(body) ? [...body.statements] : [body];
  const tryIndex = statements.findIndex((statement) => ts.isTryStatement(statement) && statement.catchClause);
  if (tryIndex === -1) return undefined;
  const tryStatement = statements[tryIndex] as ts.TryStatement;
  const catchClause = tryStatement.catchClause!;
  if (failsOnlySynchronously(tryStatement)) return undefined;
  const condition = ts.isForStatement(loop) ? loop.condition : loop.expression;
  // Leaving the loop must be what success does: a return/break (or a success flag set) directly in
  // the try block, not one nested in a condition — that is a polling or consumer loop.
  const direct = tryStatement.tryBlock.statements;
  const successFlags = assignedIdentifiers(direct);
  const exitsOnSuccess =
    direct.some((statement) => ts.isReturnStatement(statement) || ts.isBreakStatement(statement)) ||
    (condition !== undefined && referencesAny(condition, successFlags));
  if (!exitsOnSuccess) return undefined;
  if (exitsUnconditionally(catchClause.block)) return undefined; // catch rethrows: no second attempt

  const failurePath: ts.Node[] = [catchClause.block, ...statements.slice(tryIndex + 1)];
  const awaits = failurePath.flatMap((part) => collectNodes(part, ts.isAwaitExpression) as ts.AwaitExpression[]);
  let wait = firstWait(awaits, values);
  if (!wait && awaits.length > 0) return undefined; // it awaits something else between tries: not modelled
  const preAttempt = wait ? undefined : preAttemptWait(statements.slice(0, tryIndex), tryStatement.tryBlock, values);
  wait ??= preAttempt?.wait;
  if (!wait && !looksLikeImmediateRetry(loop, tryStatement)) return undefined;

  const counters = loopCounters(loop, values);
  const attemptDeclarations = new Set(counters.map((counter) => counter.declaration));
  const firstCounter = counters[0];
  // A wait guarded by the counter (`if (attempt > 0) await sleep(…)`) first runs on the second pass.
  const guarded = firstCounter !== undefined && preAttempt?.guards.some((guard) => mentions(guard, firstCounter.name));
  const firstAttempt = firstCounter
    ? firstCounter.initial + ((wait && firstCounter.incrementBefore(wait.node)) || guarded ? 1 : 0)
    : 0;
  const verdict: { pattern: DelayPattern; jitter: Jitter } | undefined = wait
    ? classifyDelay(wait.delay, values, {
        attemptDeclarations,
        firstAttempt,
        perAttemptScope: body,
        bindings: wait.bindings,
      })
    : { pattern: { kind: 'immediate' }, jitter: 'none' };
  const bounds = loopBounds(condition, successFlags, failurePath, catchClause, counters, values);
  // A loop in a catch clause that waits before every one of its attempts retries an attempt made
  // before it: `try { return await op() } catch { for (…) { await sleep(d); try { return await op() } catch {} } }`.
  const retriesEarlierAttempt = preAttempt !== undefined && !guarded && insideCatchClause(loop);
  const schedule: RetrySchedule = {
    source: 'this loop',
    attempts: bounds.attempts !== undefined && retriesEarlierAttempt ? bounds.attempts + 1 : bounds.attempts,
    delay: verdict?.pattern ?? { kind: 'unknown' },
    jitter: verdict?.jitter ?? 'unknown',
    deadlineMs: bounds.deadline ? 'unknown' : undefined,
  };
  // A wait that follows every failure follows the last one too, unless the cap is checked before it.
  const counterNames = new Set(counters.map((counter) => counter.name));
  if (wait && !preAttempt && waitsOnEveryFailure(wait.node, failurePath, counterNames)) {
    schedule.waitsAfterLastAttempt = true;
  }
  const increment = firstCounter?.increments.find((statement) => catchClause.block.statements.includes(statement));
  return {
    kind: 'loop',
    node: loop,
    schedule,
    wait,
    delayExpression: wait?.replaceable,
    counterName: firstCounter?.name,
    counterIncrement: increment,
    catchClause,
    operation: tryStatement.tryBlock,
  };
}

function firstWait(awaits: readonly ts.AwaitExpression[], values: ValueResolver): WaitCall | undefined {
  return awaits.map((node) => waitCall(node.expression, values)).find((found) => found !== undefined);
}

/**
 * A wait before the attempt instead of after the failure: `await sleep(delay)` ahead of the try
 * in the loop body, or at the top of the try block (`if (attempt > 0) await sleep(ms)`); with
 * the `if` conditions it sits in, which may skip it on the first pass.
 */
function preAttemptWait(
  before: readonly ts.Statement[],
  tryBlock: ts.Block,
  values: ValueResolver,
): { wait: WaitCall; guards: ts.Expression[] } | undefined {
  const parts = [...before];
  const awaitsIn = (part: ts.Node) => collectNodes(part, ts.isAwaitExpression) as ts.AwaitExpression[];
  const awaits = before.flatMap(awaitsIn);
  for (const statement of tryBlock.statements) {
    const found = awaitsIn(statement);
    if (found.length === 0 || found.some((node) => !waitCall(node.expression, values))) break;
    parts.push(statement);
    awaits.push(...found);
  }
  const wait = firstWait(awaits, values);
  if (!wait) return undefined;
  const guards: ts.Expression[] = [];
  for (let node: ts.Node = wait.node; node.parent && !parts.includes(node as ts.Statement); node = node.parent) {
    if (ts.isIfStatement(node.parent) && node.parent.thenStatement === node) guards.push(node.parent.expression);
  }
  return { wait, guards };
}

function mentions(expression: ts.Expression, name: string): boolean {
  return collectNodes(expression, (node) => ts.isIdentifier(node) && node.text === name).length > 0;
}

/**
 * Without a wait, a loop that tries and moves on may be iterating over alternatives (stores,
 * hosts, generator states) rather than retrying. It counts as a retry only when its header
 * names attempts and the try block does not index anything by the counter.
 */
function looksLikeImmediateRetry(
  loop: ts.ForStatement | ts.WhileStatement | ts.DoStatement,
  tryStatement: ts.TryStatement,
): boolean {
  const header = ts.isForStatement(loop) ? [loop.initializer, loop.condition, loop.incrementor] : [loop.expression];
  const headerText = header.map((part) => part?.getText() ?? '').join(' ');
  if (!ATTEMPT_NAME.test(headerText)) return false;
  return collectNodes(tryStatement.tryBlock, ts.isElementAccessExpression).length === 0;
}

const ATTEMPT_NAME = /attempt|retr(y|ies)|tries|tryCount/i;

/** Whether the loop runs on the failure path of an earlier try in the same function. */
function insideCatchClause(loop: ts.Node): boolean {
  for (let node = loop.parent; node && !ts.isFunctionLike(node); node = node.parent) {
    if (ts.isCatchClause(node)) return true;
  }
  return false;
}

/** Identifiers assigned by the given statements themselves (`connected = true;`). */
function assignedIdentifiers(statements: readonly ts.Statement[]): Set<string> {
  const names = new Set<string>();
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    const node = statement.expression;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(node.left)
    ) {
      names.add(node.left.text);
    }
  }
  return names;
}
