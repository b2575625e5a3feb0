// A retry schedule as the code (or a library's defaults) defines it: how many tries, how long
// each wait is, whether the waits are randomised. Every retry rule reasons about this one shape,
// the hover prints it, and the retry-storm simulation receives it as parameters.

/** How the wait before retry n (n = 1 for the first retry) is computed, jitter aside. */
export type DelayPattern =
  | { kind: 'immediate' }
  /** The same wait every time; `ms` undefined when it is constant but not computable (a parameter). */
  | { kind: 'fixed'; ms?: number }
  /** wait(n) = min(cap, firstMs + stepMs·(n − 1)). */
  | { kind: 'linear'; firstMs?: number; stepMs?: number; capMs?: number }
  /**
   * wait(n) = min(cap, (firstMs + offsetMs) · factor^(n − 1) − offsetMs): `offsetMs` (0 when absent)
   * describes a wait doubled after adding a constant (`backoff = (backoff + 1000) * 2`).
   */
  | { kind: 'exponential'; firstMs?: number; factor?: number; capMs?: number; offsetMs?: number }
  /** An explicit list of waits, the last repeated. */
  | { kind: 'list'; ms: number[] }
  | { kind: 'unknown' };

/** `none`: every client waits exactly as long; `partial`: a small random part (±20 %, 100 ms noise). */
export type Jitter = 'none' | 'full' | 'partial' | 'unknown';

export interface RetrySchedule {
  /** Who retries, for messages: `this loop`, `p-retry`, `axios-retry`, … */
  source: string;
  /** Tries in all, the first included. Infinity: no cap. undefined: capped, count not computable. */
  attempts: number | undefined;
  delay: DelayPattern;
  jitter: Jitter;
  /** A total time limit over all tries (ms), `unknown` when there is one we cannot compute. */
  deadlineMs?: number | 'unknown';
  /** Time limit of one try, when the retried call has one we can read. */
  perTryTimeoutMs?: number;
  /** Reconnecting a long-lived connection (Redis), rather than retrying a request. */
  reconnect?: boolean;
  /** A note for the hover, e.g. "ioredis 5 default". */
  note?: string;
  /**
   * The last failure is waited on too before the retry gives up (a loop whose wait follows every
   * failure, with the cap checked after it or by the loop's condition): time the caller waits for nothing.
   */
  waitsAfterLastAttempt?: boolean;
}

const SHOWN_WAITS = 5;

export function isUnbounded(schedule: RetrySchedule): boolean {
  return schedule.attempts === Infinity && schedule.deadlineMs === undefined;
}

/** Fixed or zero waits without a random part: clients that failed together retry together. */
export function isLockstepFixed(schedule: RetrySchedule): boolean {
  const kind = schedule.delay.kind;
  return (kind === 'immediate' || kind === 'fixed') && schedule.jitter === 'none';
}

/** Waits that grow (linear, exponential) but are the same for every client. */
export function isLockstepGrowing(schedule: RetrySchedule): boolean {
  const kind = schedule.delay.kind;
  return (kind === 'linear' || kind === 'exponential' || kind === 'list') && schedule.jitter === 'none';
}

/** The wait before retry n (1-based), without jitter; undefined when not computable. */
export function waitMs(delay: DelayPattern, n: number): number | undefined {
  switch (delay.kind) {
    case 'immediate':
      return 0;
    case 'fixed':
      return delay.ms;
    case 'linear':
      if (delay.firstMs === undefined || delay.stepMs === undefined) return undefined;
      return Math.min(delay.capMs ?? Infinity, delay.firstMs + delay.stepMs * (n - 1));
    case 'exponential':
      if (delay.firstMs === undefined || delay.factor === undefined) return undefined;
      const offsetMs = delay.offsetMs ?? 0;
      return Math.min(delay.capMs ?? Infinity, (delay.firstMs + offsetMs) * delay.factor ** (n - 1) - offsetMs);
    case 'list':
      return delay.ms[Math.min(n, delay.ms.length) - 1];
    case 'unknown':
      return undefined;
  }
}

/** Retries in all: attempts − 1 (Infinity when uncapped, undefined when unknown). */
export function retryCount(schedule: RetrySchedule): number | undefined {
  return schedule.attempts === undefined ? undefined : Math.max(0, schedule.attempts - 1);
}

/**
 * Sum of the waits (their upper bound when jittered), the one after the last failure included;
 * undefined when not computable or infinite.
 */
export function totalWaitMs(schedule: RetrySchedule): number | undefined {
  const retries = retryCount(schedule);
  if (retries === undefined || !Number.isFinite(retries)) return undefined;
  const waits = retries + (schedule.waitsAfterLastAttempt ? 1 : 0);
  let total = 0;
  for (let n = 1; n <= waits; n++) {
    const wait = waitMs(schedule.delay, n);
    if (wait === undefined) return undefined;
    total += wait;
  }
  return total;
}

/** "5 attempts, waits 1000, 1000, 1000, 1000 ms; no jitter; worst case 4 s + 5 × call time". */
export function describeSchedule(schedule: RetrySchedule): string {
  const parts = [`${schedule.source}: ${describeAttempts(schedule)}, ${describeWaits(schedule)}`];
  parts.push(describeJitter(schedule.jitter));
  const worst = describeWorstCase(schedule);
  if (worst) parts.push(worst);
  if (schedule.note) parts.push(schedule.note);
  return parts.join('; ');
}

function describeAttempts(schedule: RetrySchedule): string {
  if (schedule.attempts === undefined) return 'capped attempts';
  if (schedule.attempts === Infinity) {
    if (schedule.deadlineMs === undefined) return 'no attempt cap';
    return `no attempt cap but a ${schedule.deadlineMs === 'unknown' ? '' : formatDuration(schedule.deadlineMs) + ' '}deadline`;
  }
  return `${schedule.attempts} attempt${schedule.attempts === 1 ? '' : 's'}`;
}

function describeWaits(schedule: RetrySchedule): string {
  const delay = schedule.delay;
  if (delay.kind === 'immediate') return 'no wait between them';
  if (delay.kind === 'unknown') return 'waits computed at run time';
  if (delay.kind === 'fixed' && delay.ms === undefined) return 'the same wait every time';
  const retries = retryCount(schedule);
  const count = retries === undefined ? SHOWN_WAITS : Math.min(retries, SHOWN_WAITS);
  const waits: string[] = [];
  for (let n = 1; n <= count; n++) {
    const wait = waitMs(delay, n);
    waits.push(wait === undefined ? '?' : String(Math.round(wait)));
  }
  const more = retries === undefined || retries > count;
  const last =
    retries !== undefined && Number.isFinite(retries) && retries > count ? waitMs(delay, retries) : undefined;
  const tail = more ? (last !== undefined ? `, … ${Math.round(last)}` : ', …') : '';
  const grows = delay.kind === 'exponential' || delay.kind === 'linear';
  const cap = grows && delay.capMs !== undefined ? `cap ${Math.round(delay.capMs)}` : 'no cap';
  const growth = grows ? ` (${delay.kind}, ${cap})` : '';
  const wasted = lastFailureWait(schedule);
  const afterLast = wasted === undefined ? '' : ` and ${Math.round(wasted)} ms more after the last failure`;
  if (waits.length === 0) return afterLast ? `no retries${afterLast}` : 'no retries';
  // `retry(fn, delay * 2)`: the shape is known, the first wait is the caller's.
  if (grows && waits.every((wait) => wait === '?'))
    return `waits growing ${delay.kind === 'exponential' ? 'exponentially' : 'linearly'} from the caller's first wait (${cap})`;
  return `waits ${waits.join(', ')}${tail} ms${growth}${afterLast}`;
}

/** The wait after the last failure, when the retry makes one and it can be computed. */
function lastFailureWait(schedule: RetrySchedule): number | undefined {
  if (!schedule.waitsAfterLastAttempt || schedule.attempts === undefined || !Number.isFinite(schedule.attempts)) return undefined;
  return waitMs(schedule.delay, schedule.attempts);
}

function describeJitter(jitter: Jitter): string {
  switch (jitter) {
    case 'none':
      return 'no jitter';
    case 'full':
      return 'jittered';
    case 'partial':
      return 'small jitter';
    case 'unknown':
      return 'jitter unknown';
  }
}

function describeWorstCase(schedule: RetrySchedule): string | undefined {
  const attempts = schedule.attempts;
  if (attempts === undefined || !Number.isFinite(attempts)) return undefined;
  const waits = totalWaitMs(schedule);
  if (waits === undefined) return undefined;
  const calls =
    schedule.perTryTimeoutMs === undefined
      ? `${attempts} × call time`
      : `${attempts} × ${formatDuration(schedule.perTryTimeoutMs)} timeout`;
  return waits === 0 ? `worst case ${calls}` : `worst case ${formatDuration(waits)} + ${calls}`;
}

/** 950 → "950 ms", 4000 → "4 s", 4500 → "4.5 s", 1_020_000 → "17 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'forever';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Number((ms / 1000).toFixed(1))} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Number((ms / 3_600_000).toFixed(1))} h`;
}

/** Facts for the hover and Diagnostic.data: the schedule in machine-readable form. */
export function scheduleFacts(schedule: RetrySchedule): Record<string, unknown> {
  const retries = retryCount(schedule);
  const shown = retries === undefined || !Number.isFinite(retries) ? SHOWN_WAITS : Math.min(retries, 20);
  const delayMs: Array<number | null> = [];
  for (let n = 1; n <= shown; n++) delayMs.push(waitMs(schedule.delay, n) ?? null);
  return {
    source: schedule.source,
    attempts:
      schedule.attempts === undefined ? 'capped' : Number.isFinite(schedule.attempts) ? schedule.attempts : null,
    delay: schedule.delay.kind,
    delayMs,
    jitter: schedule.jitter,
    deadlineMs: schedule.deadlineMs ?? null,
    perTryTimeoutMs: schedule.perTryTimeoutMs ?? null,
  };
}
