import type { DelayPattern, Jitter } from './backoff-schedule';

// The shape of a wait, told from numbers: the delay evaluated at successive attempt numbers
// (delay-expressions.ts) is exponential when it grows by a constant factor, linear otherwise, and
// capped when its last samples stop growing; evaluated with Math.random() as 0 and as 1, its
// jitter is full when the low end is at most half of the high end.

/** Full or partial jitter, from the wait with Math.random() as 0 (`low`) and as 1 (`high`). */
export function jitterKind(low: number | undefined, high: number | undefined): Jitter {
  if (low === undefined || high === undefined || high <= 0) return 'full';
  return low / high > 0.5 ? 'partial' : 'full';
}

/** The growth of `samples`, the wait at successive attempts (undefined where it is unknown). */
export function growthPattern(samples: Array<number | undefined>, exponential: boolean): DelayPattern {
  const [a, b, c] = samples;
  if (a === undefined || b === undefined || c === undefined || samples.some((s) => s === undefined)) {
    return exponential ? { kind: 'exponential' } : { kind: 'linear' };
  }
  const values = samples as number[];
  const max = Math.max(...values);
  const capMs = values[values.length - 1] === max && values[values.length - 2] === max ? max : undefined;
  if (a > 0 && close(b / a, c / b) && b !== a && !close(b - a, c - b)) {
    return { kind: 'exponential', firstMs: a, factor: b / a, capMs };
  }
  // Doubled after adding a constant (`(backoff + 1000) * 2`): the steps grow by a constant factor.
  const factor = (c - b) / (b - a);
  if (b !== a && factor > 1 && !close(factor, 1) && (exponential || close((values[3]! - c) / (c - b), factor) || values[3] === capMs)) {
    const offsetMs = (b - factor * a) / (factor - 1);
    return close(offsetMs, 0)
      ? { kind: 'exponential', firstMs: a, factor, capMs }
      : { kind: 'exponential', firstMs: a, factor, capMs, offsetMs };
  }
  if (exponential) return { kind: 'exponential', firstMs: a, factor: a > 0 ? b / a : 2, capMs };
  return { kind: 'linear', firstMs: a, stepMs: b - a, capMs };
}

/** Equal up to rounding. */
export function close(x: number, y: number): boolean {
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}
