import { mergePairs, type Timeline } from './timeline';

/** Counts occurrences (or sums amounts) per time bucket; charted as a rate per second. */
export class Counter {
  total = 0;
  readonly buckets: Float64Array;

  constructor(private readonly timeline: Timeline) {
    this.buckets = new Float64Array(timeline.capacity);
    timeline.register(this);
  }

  add(t: number, amount = 1): void {
    this.total += amount;
    let i = Math.floor(t / this.timeline.bucketMs);
    if (i >= this.buckets.length || i < 0) i = this.timeline.index(t);
    this.buckets[i]! += amount;
  }

  /** Sum over buckets [from, to) of the current resolution. */
  sumBuckets(from: number, to: number): number {
    let s = 0;
    for (let i = Math.max(0, from); i < Math.min(to, this.buckets.length); i++) s += this.buckets[i]!;
    return s;
  }

  coarsen(): void {
    mergePairs(this.buckets, sum);
  }
}

const sum = (x: number, y: number): number => x + y;
