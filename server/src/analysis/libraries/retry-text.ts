// What a file's text must contain for each form of hand-rolled retry to be found in it: the
// retry rules' cheap per-file checks (no tree). Each is a necessary condition read from the
// detector it guards, so a file it turns away cannot hold what that detector finds; files
// that pass are parsed. About 40 % of the benchmark corpus's characters sit in files with a
// `catch` and an `await` somewhere, and most of those never await inside a try.

import { CLOSE_EVENTS } from './failure-handlers';

/** A `catch` clause, not a promise's `.catch(…)` (a comment may sit before its binding: no `(` required). */
const CATCH_CLAUSE = /(?<!\.\s*)\bcatch\b/g;
const TRY = /\btry\b/;
const SUSPENSION = /\b(?:await|yield)\b/g;

/**
 * A try/catch whose try block may suspend (`failsOnlySynchronously` is false): loops and
 * recursions retry only from such a catch. The try block lies between its `try` and its
 * `catch`, so some `await` or `yield` must come after the first `try` and before the last
 * catch clause.
 */
export function mayHoldSuspendingTry(text: string): boolean {
  if (!text.includes('catch')) return false;
  const lastCatch = lastMatchAt(CATCH_CLAUSE, text);
  if (lastCatch === -1) return false;
  const firstTry = TRY.exec(text)?.index;
  if (firstTry === undefined || firstTry > lastCatch) return false;
  SUSPENSION.lastIndex = firstTry;
  const suspension = SUSPENSION.exec(text);
  return suspension !== null && suspension.index < lastCatch;
}

/**
 * A `setTimeout` inside a failure handler (`failureHandler`): a catch clause whose try may
 * suspend, a `.catch(…)` or `.then(…, onRejected)` callback, or an `'error'` / close listener.
 * `suspendingTry`: `mayHoldSuspendingTry(text)`, when the caller has it already.
 */
export function mayHoldTimerRetry(text: string, suspendingTry?: boolean): boolean {
  if (!text.includes('setTimeout')) return false;
  return PROMISE_HANDLER.test(text) || FAILURE_LISTENER.test(text) || (suspendingTry ?? mayHoldSuspendingTry(text));
}

/** `setInterval` whose callback tries, and clears the interval on success (`intervalRetry`). */
export function mayHoldIntervalRetry(text: string): boolean {
  if (!text.includes('clearInterval') || !text.includes('setInterval')) return false;
  CATCH_CLAUSE.lastIndex = 0;
  return CATCH_CLAUSE.test(text);
}

const PROMISE_HANDLER = /\.\s*(?:catch|then)\s*\(/;
/** `.on('error', …)`, `.once("close", …)`: `failureHandler` reads the event from a string literal. */
const FAILURE_LISTENER = new RegExp(`\\.\\s*(?:on|once)\\s*\\(\\s*['"](?:${['error', ...CLOSE_EVENTS].join('|')})['"]`);

function lastMatchAt(pattern: RegExp, text: string): number {
  let last = -1;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = match.index;
  return last;
}
