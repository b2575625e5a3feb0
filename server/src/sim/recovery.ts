import type { SimulationSeries } from './types';

export interface RecoveryOptions {
  triggerStartMs: number;
  triggerEndMs: number;
  /** Recovered means the rolling metric is back to at least this fraction of its baseline. */
  threshold?: number;
  /**
   * Rolling window that smooths bucket noise before comparing with the threshold. Default: long
   * enough to hold ~400 events at the baseline rate (±5 % Poisson noise), between 1 s and 10 s.
   */
  windowMs?: number;
  /** Start of the baseline window: skips the start-up transient. */
  warmupMs?: number;
}

export interface RecoveryReport {
  /** Mean of the metric before the trigger (per second for rates). */
  baseline: number;
  /** Lowest rolling value from the trigger on, as a fraction of the baseline. */
  minFraction: number;
  /** Time spent below the threshold, from the first dip to recovery (or to the end). */
  belowMs: number;
  /** From the end of the trigger until the metric was back for good; null if it never was. */
  recoveryMs: number | null;
  /** Mean over the last part of the run (after the trigger), as a fraction of the baseline. */
  finalFraction: number;
}

/** Mean of a series over [fromMs, toMs), nulls counting as 0 (no successes is zero goodput). */
export function seriesMean(series: SimulationSeries, id: string, fromMs: number, toMs: number): number {
  const v = series.values[id] ?? [];
  let sum = 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const t = series.t[i]!;
    if (t >= fromMs && t + series.bucketMs <= toMs + 1e-9) {
      sum += v[i] ?? 0;
      n++;
    }
  }
  return n > 0 ? sum / n : NaN;
}

/**
 * How a metric (goodput) went through a trigger: its baseline, how deep and how long it fell,
 * and when it came back for good. "For good" matters: a metastable system may flicker.
 */
export function analyzeRecovery(series: SimulationSeries, id: string, o: RecoveryOptions): RecoveryReport {
  const threshold = o.threshold ?? 0.8;
  const width = series.bucketMs;
  const raw = (series.values[id] ?? []).map((x) => x ?? 0);
  const n = raw.length;
  const warmup = o.warmupMs ?? Math.min(2000, o.triggerStartMs / 2);
  const baseline = seriesMean(series, id, warmup, o.triggerStartMs);
  const windowMs = o.windowMs ?? Math.min(10_000, Math.max(1000, baseline > 0 ? 400_000 / baseline : 1000));
  const k = Math.max(1, Math.round(windowMs / width));
  const roll = raw.map((_, i) => {
    const from = Math.max(0, i - k + 1);
    let s = 0;
    for (let j = from; j <= i; j++) s += raw[j]!;
    return s / (i - from + 1);
  });
  const startIdx = Math.min(n, Math.floor(o.triggerStartMs / width));
  const limit = threshold * baseline;
  let minFraction = Infinity;
  let firstBelow = -1;
  let lastBelow = -1;
  for (let i = startIdx; i < n; i++) {
    if (baseline > 0) minFraction = Math.min(minFraction, roll[i]! / baseline);
    if (roll[i]! < limit) {
      if (firstBelow < 0) firstBelow = i;
      lastBelow = i;
    }
  }
  const endMs = n * width;
  const tailFrom = Math.max(o.triggerEndMs, endMs - Math.max(5000, (endMs - o.triggerEndMs) / 4));
  const finalFraction = baseline > 0 ? seriesMean(series, id, tailFrom, endMs) / baseline : NaN;
  if (firstBelow < 0) {
    return {
      baseline,
      minFraction: Number.isFinite(minFraction) ? minFraction : 1,
      belowMs: 0,
      recoveryMs: 0,
      finalFraction,
    };
  }
  // Recovered only if some full window after the last dip exists and the tail is also healthy.
  const recovered = lastBelow < n - 1 && finalFraction >= threshold;
  const recoveredAt = (lastBelow + 1) * width;
  return {
    baseline,
    minFraction: Math.max(0, minFraction),
    belowMs: (recovered ? recoveredAt : endMs) - firstBelow * width,
    recoveryMs: recovered ? Math.max(0, recoveredAt - o.triggerEndMs) : null,
    finalFraction,
  };
}
