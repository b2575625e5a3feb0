import type { ts } from '../../typescript';
import type { DelayPattern, Jitter } from './backoff-schedule';

// What a wait expression is evaluated against (delay-expressions.ts): which names hold the attempt
// counter, where the code that runs once per attempt is, and what the answer looks like.

export interface DelayFrame {
  /** Declarations (parameters, variables) whose value is the attempt counter. */
  attemptDeclarations: ReadonlySet<ts.Node>;
  /** Fields whose value is the attempt counter, as written (`this.retries`). */
  attemptProperties?: ReadonlySet<string>;
  /** The counter's value at the first wait. */
  firstAttempt: number;
  /** The code that runs once per attempt (a loop): variables assigned in it change between waits. */
  perAttemptScope?: ts.Node;
  /**
   * Where the wait starts, when updates made before it in the per-attempt scope already count for
   * the first wait (`backoff *= 2; setTimeout(connect, backoff)`).
   */
  waitAt?: number;
  /** Parameters of a wait helper bound to the caller's arguments (`sleep(ms)` called as `sleep(1000)`). */
  bindings?: ReadonlyMap<ts.Node, ts.Expression>;
  /** Parameters a retry that calls itself passes on changed (`retry(fn, delay * 2)`), with the argument. */
  passedOn?: ReadonlyMap<ts.Node, ts.Expression>;
}

export interface DelayVerdict {
  pattern: DelayPattern;
  jitter: Jitter;
}
