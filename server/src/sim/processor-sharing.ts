import type { Simulation } from './engine';
import { EventQueue } from './event-queue';

/**
 * A resource shared equally by everything running on it (a database's CPUs and locks): with k
 * jobs, each progresses at speed(k) units of work per ms. Tracked with one "virtual work" clock
 * that every job advances on together, so adding or finishing a job costs O(log k) instead of
 * rescheduling every running job whenever k changes.
 */
export class ProcessorSharing {
  count = 0;
  private progress = 0;
  private lastT = 0;
  private generation = 0;
  /** Jobs keyed by the virtual work at which they finish. */
  private readonly finishes = new EventQueue(64);
  private readonly kind: number;

  constructor(
    private readonly sim: Simulation,
    private readonly speed: (jobs: number) => number,
    private readonly onDone: (job: number) => void,
  ) {
    this.kind = sim.on((generation) => {
      if (generation !== this.generation) return; // superseded: k changed since it was scheduled
      this.advance();
      this.finishes.pop();
      const job = this.finishes.topA;
      this.count--;
      this.reschedule();
      this.onDone(job);
    });
  }

  /** Starts a job needing `work` ms of service at full speed. */
  add(job: number, work: number): void {
    this.advance();
    this.finishes.push(this.progress + work, 0, job, 0);
    this.count++;
    this.reschedule();
  }

  private advance(): void {
    const now = this.sim.now;
    if (this.count > 0) this.progress += (now - this.lastT) * this.speed(this.count);
    this.lastT = now;
  }

  private reschedule(): void {
    this.generation++;
    if (this.count === 0) return;
    const remaining = Math.max(0, this.finishes.peekTime() - this.progress);
    this.sim.after(remaining / this.speed(this.count), this.kind, this.generation);
  }
}
