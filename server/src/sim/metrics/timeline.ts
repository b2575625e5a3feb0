/** Anything bucketed on the shared timeline: it must halve its resolution on request. */
export interface Coarsenable {
  coarsen(): void;
}

/**
 * The time axis every recorder of a run shares. Buckets have one width; when an event lands
 * past the last bucket, the width doubles and every recorder merges neighbouring buckets, so
 * memory stays bounded (≤ capacity buckets) however long the run.
 */
export class Timeline {
  bucketMs: number;
  readonly capacity: number;
  private readonly members: Coarsenable[] = [];

  constructor(bucketMs: number, capacity: number) {
    if (!(bucketMs > 0)) throw new RangeError('bucketMs must be positive');
    this.bucketMs = bucketMs;
    // Even, so that pairs merge cleanly.
    this.capacity = Math.max(2, capacity + (capacity % 2));
  }

  /** Bucket width for about `targetBuckets` buckets over `horizonMs`, rounded up to 1-2-5. */
  static forHorizon(horizonMs: number, targetBuckets = 200): Timeline {
    const raw = Math.max(horizonMs, 1) / targetBuckets;
    const decade = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].find((m) => m * decade >= raw * (1 - 1e-9)) ?? 10;
    return new Timeline(step * decade, targetBuckets * 2);
  }

  register(member: Coarsenable): void {
    this.members.push(member);
  }

  /** Bucket index of time t, coarsening first if t is beyond the last bucket. */
  index(t: number): number {
    let i = Math.floor(t / this.bucketMs);
    while (i >= this.capacity) {
      this.bucketMs *= 2;
      for (const m of this.members) m.coarsen();
      i = Math.floor(t / this.bucketMs);
    }
    return i < 0 ? 0 : i;
  }
}

/** Merges pairs in place: out[i] = in[2i] ⊕ in[2i+1]; the upper half becomes empty. */
export function mergePairs(values: Float64Array, combine: (x: number, y: number) => number): void {
  const half = values.length >> 1;
  for (let i = 0; i < half; i++) values[i] = combine(values[2 * i]!, values[2 * i + 1]!);
  values.fill(0, half);
}
