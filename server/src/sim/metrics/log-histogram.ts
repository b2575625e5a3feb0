/**
 * A histogram with logarithmic bins (a fixed number per doubling), so relative error is the
 * same at 1 ms and at 10 min and memory does not grow with the number of samples. Values below
 * `minValue` share bin 0 and read back as 0 (e.g. no queueing delay at all).
 */
export class LogHistogram {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  readonly counts: Float64Array;
  private readonly scale: number;

  constructor(
    readonly binsPerDoubling: number,
    readonly minValue = 1e-3,
    readonly doublings = 44,
  ) {
    this.counts = new Float64Array(1 + doublings * binsPerDoubling);
    this.scale = binsPerDoubling;
  }

  record(v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.counts[this.bin(v)]!++;
  }

  bin(v: number): number {
    if (!(v >= this.minValue)) return 0;
    const k = 1 + Math.floor(Math.log2(v / this.minValue) * this.scale);
    return k < this.counts.length ? k : this.counts.length - 1;
  }

  mean(): number {
    return this.count > 0 ? this.sum / this.count : NaN;
  }

  /** Value at quantile q ∈ [0, 1]: the bin's geometric midpoint, clamped to the seen range. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = q * this.count;
    let seen = 0;
    let k = 0;
    for (; k < this.counts.length; k++) {
      seen += this.counts[k]!;
      if (seen >= rank && seen > 0) break;
    }
    const mid = k === 0 ? 0 : this.minValue * Math.pow(2, (k - 0.5) / this.scale);
    return Math.min(this.max, Math.max(this.min, mid));
  }

  mergeFrom(other: LogHistogram): void {
    for (let k = 0; k < this.counts.length; k++) this.counts[k]! += other.counts[k]!;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }
}
