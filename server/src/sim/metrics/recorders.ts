import type { MetricSpec, SimulationSeries } from '../types';
import { Counter } from './counter';
import { Gauge } from './gauge';
import { Histogram } from './histogram';
import { Timeline } from './timeline';

/**
 * The recorders of one run, by id, on one shared timeline. Models look recorders up once at
 * set-up and keep the objects; series() turns them into the per-metric time series the panel
 * draws, driven only by the metric declarations.
 */
export class Recorders {
  private readonly counters = new Map<string, Counter>();
  private readonly gauges = new Map<string, Gauge>();
  private readonly histograms = new Map<string, Histogram>();

  constructor(readonly timeline: Timeline) {}

  counter(id: string): Counter {
    let c = this.counters.get(id);
    if (c === undefined) this.counters.set(id, (c = new Counter(this.timeline)));
    return c;
  }

  gauge(id: string): Gauge {
    let g = this.gauges.get(id);
    if (g === undefined) this.gauges.set(id, (g = new Gauge(this.timeline)));
    return g;
  }

  histogram(id: string): Histogram {
    let h = this.histograms.get(id);
    if (h === undefined) this.histograms.set(id, (h = new Histogram(this.timeline)));
    return h;
  }

  /** Brings every gauge's integral up to the end of the run. */
  finish(endMs: number): void {
    for (const g of this.gauges.values()) g.advance(endMs);
  }

  series(metrics: readonly MetricSpec[], endMs: number): SimulationSeries {
    this.finish(endMs);
    const width = this.timeline.bucketMs;
    const n = Math.max(1, Math.min(this.timeline.capacity, Math.ceil(endMs / width - 1e-9)));
    const t = Array.from({ length: n }, (_, i) => i * width);
    const values: Record<string, Array<number | null>> = {};
    for (const m of metrics) values[m.id] = this.seriesOf(m, n, width, endMs);
    return { bucketMs: width, t, values };
  }

  private seriesOf(m: MetricSpec, n: number, width: number, endMs: number): Array<number | null> {
    // The last bucket may be cut short by the end of the run: divide by the time it covers.
    const span = (i: number): number => Math.max(1e-9, Math.min(width, endMs - i * width));
    const out: Array<number | null> = new Array<number | null>(n);
    const src = m.source ?? m.id;
    switch (m.kind) {
      case 'rate': {
        const c = this.counter(src);
        for (let i = 0; i < n; i++) out[i] = round(c.buckets[i]! / (span(i) / 1000));
        break;
      }
      case 'gauge': {
        const g = this.gauge(src);
        for (let i = 0; i < n; i++) out[i] = round(g.area[i]! / span(i));
        break;
      }
      case 'quantile': {
        const h = this.histogram(src);
        const q = m.q ?? 0.5;
        for (let i = 0; i < n; i++) {
          const b = h.buckets[i];
          out[i] = b === undefined || b.count === 0 ? null : round(b.quantile(q));
        }
        break;
      }
      case 'ratio': {
        const num = this.counter(m.numerator ?? src);
        const den = this.counter(m.denominator ?? src);
        for (let i = 0; i < n; i++) {
          const d = den.buckets[i]!;
          out[i] = d > 0 ? round((100 * num.buckets[i]!) / d) : null;
        }
        break;
      }
    }
    return out;
  }
}

/** Four significant digits: enough for a chart, and it keeps the JSON readable. */
export function round(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(4));
}
