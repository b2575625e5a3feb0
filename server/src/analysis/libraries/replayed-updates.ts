import { ts } from '../../typescript';
import type { Evaluation, State } from './delay-expressions';
import { isSelfMultiplication } from './per-attempt-updates';
import { close } from './delay-shape';

// A wait that code updates between attempts (`delay *= 2` in the loop, `backoff = Math.min(backoff
// * 2, MAX)` in an error handler, `retry(fn, delay * 2)` through the self-call) is replayed: its
// updates applied in order, once per wait so far, each evaluated by delay-expressions.ts.

type Evaluate = (expression: ts.Expression, state: State) => Evaluation;

/**
 * `let delay = 100; … delay = Math.min(delay * 2, MAX)`: the value after as many updates as waits
 * so far; undefined when an update cannot be evaluated.
 */
export function replayUpdates(
  variable: ts.Node,
  start: Evaluation,
  updates: readonly ts.Expression[],
  state: State,
  evaluate: Evaluate,
): Evaluation | undefined {
  const waitAt = state.frame.waitAt;
  const updatedBeforeWait = waitAt !== undefined && updateEnd(updates[0]!) <= waitAt ? 1 : 0;
  const steps = Math.max(0, Math.min(64, state.attempt - state.frame.firstAttempt + updatedBeforeWait));
  const replayed = replay(variable, start, updates, steps, state, evaluate);
  if (!replayed) return undefined;
  const exponential =
    replayed.exponential || (start.value === undefined && growsByFactor(variable, updates, state, evaluate));
  return { ...replayed.value, dependsOnAttempt: true, exponential };
}

/** The value after `steps` rounds of updates (each checked at least once); undefined when one is opaque. */
function replay(
  variable: ts.Node,
  start: Evaluation,
  updates: readonly ts.Expression[],
  steps: number,
  state: State,
  evaluate: Evaluate,
): { value: Evaluation; exponential: boolean } | undefined {
  let current = start;
  const env = new Map(state.env);
  let exponential = false;
  for (let step = 0; step < Math.max(steps, 1); step++) {
    let next = current;
    for (const update of updates) {
      env.set(variable, next);
      const updated = evaluate(update, { ...state, env });
      if (updated.opaque && isResetToStart(update, start.value, { ...state, env }, evaluate)) continue;
      if (updated.opaque) return undefined;
      exponential ||= updated.exponential || isSelfMultiplication(update, variable);
      next = updated;
    }
    if (step < steps) current = next;
  }
  return { value: current, exponential };
}

/**
 * Whether each round multiplies the value, when it starts from the caller's unknown argument
 * (`const sleep = options.sleep; … retry({ ...options, sleep: sleep * 2 })`): told by replaying
 * the rounds from a stand-in start.
 */
function growsByFactor(variable: ts.Node, updates: readonly ts.Expression[], state: State, evaluate: Evaluate): boolean {
  const standIn: Evaluation = { value: STAND_IN_MS, dependsOnAttempt: false, random: false, exponential: false, opaque: false };
  const once = replay(variable, standIn, updates, 1, state, evaluate)?.value.value;
  const twice = replay(variable, standIn, updates, 2, state, evaluate)?.value.value;
  if (once === undefined || twice === undefined || once <= STAND_IN_MS) return false;
  return close(twice / once, once / STAND_IN_MS); // the same factor twice
}
const STAND_IN_MS = 1000;

/**
 * `if (Date.now() - lastConnect > 10_000) backoff = 0`: a conditional reset to the starting value,
 * on a condition we cannot evaluate (a success long enough ago). During a run of failures, which
 * is what the schedule describes, it starts nothing over: skipped.
 */
function isResetToStart(update: ts.Expression, initial: number | undefined, state: State, evaluate: Evaluate): boolean {
  if (update.pos >= 0 || !ts.isConditionalExpression(update) || initial === undefined) return false;
  const value = evaluate(update.whenTrue, state);
  return !value.opaque && value.value === initial;
}

/** Where an update ends in the text (`x *= 2` is replayed as a synthetic `x * 2`, whose operand is real). */
function updateEnd(update: ts.Expression): number {
  return update.pos < 0 && ts.isBinaryExpression(update) ? update.right.end : update.end;
}
