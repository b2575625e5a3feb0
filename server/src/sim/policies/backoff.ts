import type { Rng } from '../rng';

/**
 * Delay before a retry, as the AWS Architecture Blog's "Exponential Backoff And Jitter" defines
 * the strategies: expo(n) = min(cap, base·2^n) with the first retry at n = 1; full jitter
 * U(0, expo), equal jitter expo/2 + U(0, expo/2), decorrelated min(cap, U(base, 3·previous)).
 * `immediate` retries with no delay; `fixed` waits `base` every time (what the rules flag).
 */
export const BACKOFFS = [
  'immediate',
  'fixed',
  'exponential',
  'full-jitter',
  'equal-jitter',
  'decorrelated-jitter',
] as const;
export type Backoff = (typeof BACKOFFS)[number];

export function expo(n: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * Math.pow(2, n));
}

/**
 * @param n retry number, 1 for the first retry
 * @param previousMs the previous delay (decorrelated jitter grows from it; pass baseMs at first)
 */
export function backoffDelayMs(
  kind: Backoff,
  n: number,
  baseMs: number,
  capMs: number,
  previousMs: number,
  rng: Rng,
): number {
  switch (kind) {
    case 'immediate':
      return 0;
    case 'fixed':
      return baseMs;
    case 'exponential':
      return expo(n, baseMs, capMs);
    case 'full-jitter':
      return rng.uniform(0, expo(n, baseMs, capMs));
    case 'equal-jitter': {
      const v = expo(n, baseMs, capMs);
      return v / 2 + rng.uniform(0, v / 2);
    }
    case 'decorrelated-jitter':
      return Math.min(capMs, rng.uniform(baseMs, previousMs * 3));
  }
}

export function isBackoff(s: string): s is Backoff {
  return (BACKOFFS as readonly string[]).includes(s);
}
