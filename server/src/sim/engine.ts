import { EventQueue } from './event-queue';
import { Rng } from './rng';

/** Handles one event; `a` and `b` are the payloads given to schedule(). */
export type EventHandler = (a: number, b: number) => void;

export interface RunLimits {
  /** Events later than this are not processed; the clock ends here (or at the last event if the queue drains). */
  untilMs: number;
  /** Polled every `cancelCheckEvents` events; returning true stops the run early. */
  shouldCancel?: () => boolean;
  cancelCheckEvents?: number;
  /** Stops the run (truncated) after exactly this many events: a slice of a stepped run, or a guard. */
  maxEvents?: number;
}

export interface RunOutcome {
  events: number;
  endMs: number;
  cancelled: boolean;
  /** True when maxEvents stopped the run before untilMs. */
  truncated: boolean;
}

/**
 * The discrete-event core: a virtual clock, the event queue and a seeded RNG. Models register
 * their handlers once with on() (closures are made at set-up, never per event) and schedule
 * events by handler index with numeric payloads.
 */
export class Simulation {
  now = 0;
  readonly rng: Rng;
  private readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];
  private stopped = false;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  /** Registers a handler and returns the event kind to schedule it with. */
  on(handler: EventHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  at(timeMs: number, kind: number, a = 0, b = 0): void {
    // An event in the past would make time run backwards; clamp rather than corrupt the run.
    this.queue.push(timeMs < this.now ? this.now : timeMs, kind, a, b);
  }

  after(delayMs: number, kind: number, a = 0, b = 0): void {
    this.queue.push(this.now + (delayMs > 0 ? delayMs : 0), kind, a, b);
  }

  /** Ends the run after the current event. */
  stop(): void {
    this.stopped = true;
  }

  get pending(): number {
    return this.queue.size;
  }

  run(limits: RunLimits): RunOutcome {
    const queue = this.queue;
    const handlers = this.handlers;
    const until = limits.untilMs;
    const check = Math.max(1, limits.cancelCheckEvents ?? 16384);
    const maxEvents = limits.maxEvents ?? Infinity;
    const shouldCancel = limits.shouldCancel;
    let events = 0;
    // maxEvents is honoured exactly (a stepped run's slice ends on its last event, not on the next poll).
    let nextCheck = Math.min(check, maxEvents);
    let cancelled = false;
    let truncated = false;
    this.stopped = false;
    while (queue.size > 0) {
      if (queue.peekTime() > until) break;
      queue.pop();
      this.now = queue.topTime;
      handlers[queue.topKind]!(queue.topA, queue.topB);
      events++;
      if (this.stopped) break;
      if (events >= nextCheck) {
        nextCheck = Math.min(nextCheck + check, maxEvents);
        if (shouldCancel !== undefined && shouldCancel()) {
          cancelled = true;
          break;
        }
        if (events >= maxEvents) {
          truncated = true;
          break;
        }
      }
    }
    // A run that reached its horizon covers all of it; one whose queue drained ends at its last event.
    const reachedHorizon = queue.size > 0 && !cancelled && !truncated && !this.stopped;
    if (reachedHorizon && until !== Infinity) this.now = until;
    return { events, endMs: this.now, cancelled, truncated };
  }
}
