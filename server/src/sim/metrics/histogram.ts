import { LogHistogram } from './log-histogram';
import type { Timeline } from './timeline';

/** Fine bins for whole-run percentiles (±0.3 %), coarse ones per time bucket (±2.2 %). */
const RUN_BINS_PER_DOUBLING = 128;
const BUCKET_BINS_PER_DOUBLING = 16;

/**
 * Distribution of a value (latency) over the run and per time bucket. Per-bucket histograms
 * are made only for buckets that get samples and merge when the timeline coarsens.
 */
export class Histogram {
  readonly run = new LogHistogram(RUN_BINS_PER_DOUBLING);
  buckets: Array<LogHistogram | undefined>;

  constructor(private readonly timeline: Timeline) {
    this.buckets = new Array<LogHistogram | undefined>(timeline.capacity).fill(undefined);
    timeline.register(this);
  }

  record(t: number, value: number): void {
    this.run.record(value);
    const i = this.timeline.index(t);
    let h = this.buckets[i];
    if (h === undefined) {
      h = new LogHistogram(BUCKET_BINS_PER_DOUBLING);
      this.buckets[i] = h;
    }
    h.record(value);
  }

  coarsen(): void {
    const n = this.buckets.length;
    const next = new Array<LogHistogram | undefined>(n).fill(undefined);
    for (let i = 0; i < n / 2; i++) {
      const x = this.buckets[2 * i];
      const y = this.buckets[2 * i + 1];
      if (x !== undefined && y !== undefined) x.mergeFrom(y);
      next[i] = x ?? y;
    }
    this.buckets = next;
  }
}
