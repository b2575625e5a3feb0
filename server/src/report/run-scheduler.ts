// Re-runs the simulation as the user drags a control: waits until the input settles (debounce),
// numbers each run, and drops replies to runs a newer one has replaced. The host cancels the
// replaced run on the server; this side makes sure a late reply never overwrites a newer one.

export interface Timers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export type RunState = 'idle' | 'waiting' | 'running';

export class RunScheduler<Request> {
  private lastId = 0;
  private timer: unknown;
  private runningId: number | undefined;

  constructor(
    private readonly send: (requestId: number, request: Request) => void,
    private readonly timers: Timers,
    private readonly debounceMs = 250,
  ) {}

  /** Runs `request` once no newer request arrived for `debounceMs` (or now, for the first run). */
  request(request: Request, immediately = false): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    if (immediately) {
      this.start(request);
      return;
    }
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.start(request);
    }, this.debounceMs);
  }

  /** True for the reply to the newest run, which then counts as finished; false for stale replies. */
  accept(requestId: number): boolean {
    if (requestId !== this.runningId) return false;
    this.runningId = undefined;
    return true;
  }

  get state(): RunState {
    if (this.timer !== undefined) return 'waiting';
    return this.runningId === undefined ? 'idle' : 'running';
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.runningId = undefined;
  }

  private start(request: Request): void {
    this.lastId += 1;
    this.runningId = this.lastId;
    this.send(this.lastId, request);
  }
}
