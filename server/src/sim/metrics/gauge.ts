import { mergePairs, type Timeline } from './timeline';

/**
 * A level that changes at events (queue length, connections in use). Stored as its time
 * integral per bucket, so a bucket's value is the time-weighted average — what Little's law
 * means by L — plus the peak seen in the bucket.
 */
export class Gauge {
  value = 0;
  /** Integral of the value over the whole run so far (value × ms). */
  integral = 0;
  peak = 0;
  readonly area: Float64Array;
  readonly peaks: Float64Array;
  private lastT = 0;

  constructor(private readonly timeline: Timeline) {
    this.area = new Float64Array(timeline.capacity);
    this.peaks = new Float64Array(timeline.capacity);
    timeline.register(this);
  }

  set(t: number, value: number): void {
    this.advance(t);
    this.value = value;
    if (value > this.peak) this.peak = value;
    const i = this.timeline.index(t);
    if (value > this.peaks[i]!) this.peaks[i] = value;
  }

  add(t: number, delta: number): void {
    this.set(t, this.value + delta);
  }

  /** Accounts for the current value up to time t (called at the end of a run). */
  advance(t: number): void {
    const from0 = this.lastT;
    if (t <= from0) return;
    this.lastT = t;
    const v = this.value;
    if (v === 0) return;
    this.integral += v * (t - from0);
    const last = this.timeline.index(t);
    const width = this.timeline.bucketMs;
    let from = from0;
    let i = Math.floor(from / width);
    while (i < last) {
      const end = (i + 1) * width;
      this.area[i]! += v * (end - from);
      if (v > this.peaks[i]!) this.peaks[i] = v;
      from = end;
      i++;
    }
    if (last < this.area.length) this.area[last]! += v * (t - from);
  }

  /** Time-weighted mean over [0, t]. */
  mean(t: number): number {
    this.advance(t);
    return t > 0 ? this.integral / t : this.value;
  }

  coarsen(): void {
    mergePairs(this.area, (x, y) => x + y);
    mergePairs(this.peaks, Math.max);
  }
}
