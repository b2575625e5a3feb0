import type { SimulationScenario } from '../types';
import { waitMs, type RetrySchedule } from './backoff-schedule';

// A retry schedule as parameters of the `retry-storm` model (server/src/sim/models/retry-storm-spec.ts):
// `retry` (immediate | fixed | exponential | full-jitter | equal-jitter), `attempts`,
// `baseDelayMs`, `capDelayMs` and, when known, the per-try `timeoutMs`. The model's exponential
// wait before retry n is min(cap, base · 2^n), so the first wait is 2 · base.

const MODEL_MAX_ATTEMPTS = 1000;
const MODEL_MAX_DELAY_MS = 3_600_000;

/** What the quick fixes turn a schedule into: capped exponential backoff with full jitter. */
export interface FixedBackoff {
  baseDelayMs: number;
  capDelayMs: number;
  attempts?: number;
}

export function scheduleParams(schedule: RetrySchedule): Record<string, number | string | boolean> {
  const params: Record<string, number | string | boolean> = { retry: retryPolicy(schedule) };
  if (schedule.attempts !== undefined) params.attempts = Math.min(MODEL_MAX_ATTEMPTS, Math.max(1, schedule.attempts));
  const delay = schedule.delay;
  if (delay.kind === 'fixed' && delay.ms !== undefined) params.baseDelayMs = clampDelay(delay.ms);
  if (delay.kind === 'immediate') params.baseDelayMs = 0;
  if (delay.kind === 'exponential' || delay.kind === 'linear' || delay.kind === 'list') {
    const first = waitMs(delay, 1);
    if (first !== undefined) params.baseDelayMs = clampDelay(first / 2);
    const cap = delay.kind === 'list' ? Math.max(...delay.ms) : delay.capMs;
    params.capDelayMs = clampDelay(cap ?? MODEL_MAX_DELAY_MS);
  }
  if (schedule.perTryTimeoutMs !== undefined) params.timeoutMs = clampDelay(schedule.perTryTimeoutMs);
  return params;
}

export function retryScenario(
  schedule: RetrySchedule,
  fixed: Record<string, number | string | boolean>,
): SimulationScenario {
  return { model: 'retry-storm', params: scheduleParams(schedule), fixedParams: fixed };
}

/** The fixed side for a jitter fix: full jitter over the same growth. */
export function jitteredParams(schedule: RetrySchedule, fix: FixedBackoff): Record<string, number | string | boolean> {
  const delay = schedule.delay;
  if (delay.kind === 'exponential' || delay.kind === 'linear' || delay.kind === 'list') return { retry: 'full-jitter' };
  return { retry: 'full-jitter', baseDelayMs: clampDelay(fix.baseDelayMs / 2), capDelayMs: clampDelay(fix.capDelayMs) };
}

function retryPolicy(schedule: RetrySchedule): string {
  const kind = schedule.delay.kind;
  if (schedule.jitter === 'full') return 'full-jitter';
  if (schedule.jitter === 'partial') return kind === 'fixed' ? 'fixed' : 'equal-jitter';
  if (kind === 'immediate') return 'immediate';
  if (kind === 'fixed') return 'fixed';
  return 'exponential';
}

function clampDelay(ms: number): number {
  return Math.round(Math.min(MODEL_MAX_DELAY_MS, Math.max(0, ms)));
}
