import { ts } from '../../typescript';
import type { RuleContext, Visitors } from '../rule';
import type { RetrySchedule } from './backoff-schedule';
import type { LibraryRetry } from './library-retry';
import { RETRY_LIBRARY_PACKAGES, libraryRetryAt, type LibraryContext } from './retry-libraries';
import { isRetryLoopCandidate, loopRetry, type HandRolledRetry } from './retry-loops';
import { recursiveRetry, timerRetry } from './retry-recursion';
import { intervalRetry } from './interval-retry';
import { skipOuterExpressions, type ValueResolver } from './values';
import { calleeName } from './callee-name';
import { mayHoldIntervalRetry, mayHoldSuspendingTry, mayHoldTimerRetry } from './retry-text';

// A retry site is one place that retries: a hand-rolled loop, a recursive catch, a re-arming
// timer, or a library call. The four retry rules visit the same nodes and share the analysis
// (memoised per node), each judging a different property of the schedule.

export type RetrySite =
  | { kind: 'hand-rolled'; node: ts.Node; schedule: RetrySchedule; retry: HandRolledRetry }
  | { kind: 'library'; node: ts.Node; schedule: RetrySchedule; retry: LibraryRetry };

const HAND_ROLLED_RETRY = Symbol('handRolledRetry');

export function libraryContext(context: RuleContext): LibraryContext {
  return {
    values: context.values,
    packageMajor: (name) => context.workspace.packageMajor(context.fileName, name),
    workspace: context.workspace,
  };
}

const MAY_RETRY = Symbol('mayRetry');

/** Cheap per-file checks (no tree; asked once per file): which forms of retry could this file hold? */
export function mayRetry(context: RuleContext): RetryForms {
  return context.perFile(MAY_RETRY, () => {
    const text = context.text;
    const loops = mayHoldSuspendingTry(text);
    const timers = mayHoldTimerRetry(text, loops);
    const intervals = mayHoldIntervalRetry(text);
    const libraries = context.workspace.fileImportsPackage(context.fileName, RETRY_LIBRARY_PACKAGES);
    return { loops, timers, intervals, libraries };
  });
}

interface RetryForms {
  /** Loops and recursions that retry from a catch (retry-loops.ts, retry-recursion.ts). */
  loops: boolean;
  /** Timers re-armed from a failure handler (`timerRetry`). */
  timers: boolean;
  /** Intervals cleared on success (`intervalRetry`). */
  intervals: boolean;
  /** Calls of the retry libraries. */
  libraries: boolean;
}

/** The hand-rolled retry at `node`, memoised per analysis so the four retry rules share the work. */
export function handRolledRetryAt(node: ts.Node, context: RuleContext): HandRolledRetry | undefined {
  return context.values.memo(HAND_ROLLED_RETRY, node, () => handRolledRetry(node, context.values));
}

function handRolledRetry(node: ts.Node, values: ValueResolver): HandRolledRetry | undefined {
  if (isRetryLoopCandidate(node)) return loopRetry(node, values);
  if (ts.isCatchClause(node)) return recursiveRetry(node, values);
  if (ts.isCallExpression(node) && isTimerCall(node, 'setTimeout')) return timerRetry(node, values);
  if (ts.isCallExpression(node) && isTimerCall(node, 'setInterval')) return intervalRetry(node, values);
  return undefined;
}

/** Visitors that call `onSite` for every retry site of the file, in document order. */
export function retryVisitors(context: RuleContext, onSite: (site: RetrySite) => void): Visitors {
  const { loops, timers, intervals, libraries } = mayRetry(context);
  if (!loops && !timers && !intervals && !libraries) return {};
  const library = libraryContext(context);
  const visitHandRolled = (node: ts.Node): void => {
    const retry = handRolledRetryAt(node, context);
    if (retry) onSite({ kind: 'hand-rolled', node: retry.node, schedule: retry.schedule, retry });
  };
  const visitLibrary = (node: ts.Node): void => {
    const retry = libraryRetryAt(node as ts.CallExpression | ts.NewExpression, library);
    if (retry) onSite({ kind: 'library', node: retry.node, schedule: retry.schedule, retry });
  };
  const visitors: Visitors = {};
  if (loops) {
    for (const kind of [
      ts.SyntaxKind.ForStatement,
      ts.SyntaxKind.WhileStatement,
      ts.SyntaxKind.DoStatement,
      ts.SyntaxKind.CatchClause,
    ]) {
      visitors[kind] = visitHandRolled;
    }
  }
  visitors[ts.SyntaxKind.CallExpression] = (node) => {
    const callee = (node as ts.CallExpression).expression;
    if (
      ts.isIdentifier(callee) &&
      ((timers && callee.text === 'setTimeout') || (intervals && callee.text === 'setInterval'))
    )
      visitHandRolled(node);
    if (libraries && mightBeRetryCall(node as ts.CallExpression)) visitLibrary(node);
  };
  if (libraries) visitors[ts.SyntaxKind.NewExpression] = visitLibrary;
  return visitors;
}

function isTimerCall(call: ts.CallExpression, name: string): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === name;
}

/** Member names through which the known libraries set up retries; plain names can be any import alias. */
const RETRY_MEMBER_NAMES = new Set([
  'add',
  'operation',
  'backOff',
  'retry',
  'createClient',
  'pRetry',
  'default',
  'get',
  'put',
  'head',
  'delete',
  'del',
  'options',
  'post',
  'patch',
  'create',
  'extend',
  'connect',
  'connectAsync',
]);

/** Compiled calls count too: `(0, backoff_1.backOff)(…)`, `_pRetry["default"](…)`. */
function mightBeRetryCall(call: ts.CallExpression): boolean {
  if (ts.isIdentifier(skipOuterExpressions(call.expression))) return true;
  const name = calleeName(call);
  return name !== undefined && RETRY_MEMBER_NAMES.has(name);
}

/** "this loop", "`p-retry`", … as the subject of a message. */
export function siteName(site: RetrySite): string {
  return site.kind === 'library' ? `\`${site.retry.library}\`` : site.schedule.source;
}

/** Capitalises a subject for the start of a message ("This loop"); code names stay as written. */
export function capitalise(text: string): string {
  return text.startsWith('`') ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
