import { fmtMs, fmtNum, fmtPct } from './format';
import type { RunView } from './model';
import { analyzeRecovery, seriesMean } from './recovery';
import type { SimulationSummary } from './types';

export interface TriggerFacts {
  triggerAt: number;
  triggerEnd: number;
  /** Names the trigger in sentences: "the spike", "the dependency trouble". */
  what: string;
  /** Model-specific numbers added to the summary values. */
  extraValues: Record<string, number | boolean | null>;
  /** One model-specific sentence, given all the values. */
  explain: (values: SimulationSummary['values']) => string;
}

/** Below this share of its pre-trigger level, goodput counts as "down". */
export const RECOVERED_FRACTION = 0.8;

export interface AfterTrigger {
  recovery: ReturnType<typeof analyzeRecovery>;
  /** Mean throughput and goodput over the run's tail (the last quarter after the trigger, ≥ 5 s). */
  tailThroughput: number;
  tailGoodput: number;
}

/**
 * How goodput fared around the trigger and where the run ended up, with the numbers added to
 * `values` under their shared names (baselineGoodputPerSec, recoveryMs, finalGoodputPerSec, …).
 */
export function recoveryAfterTrigger(
  view: RunView,
  triggerAt: number,
  triggerEnd: number,
  values: SimulationSummary['values'],
): AfterTrigger {
  const { series, endMs } = view;
  const recovery = analyzeRecovery(series, 'goodput', {
    triggerStartMs: triggerAt,
    triggerEndMs: triggerEnd,
    threshold: RECOVERED_FRACTION,
  });
  const tailFrom = Math.max(triggerEnd, endMs - Math.max(5000, (endMs - triggerEnd) / 4));
  const tailThroughput = seriesMean(series, 'throughput', tailFrom, endMs);
  const tailGoodput = seriesMean(series, 'goodput', tailFrom, endMs);
  Object.assign(values, {
    baselineGoodputPerSec: recovery.baseline,
    minGoodputFraction: recovery.minFraction,
    goodputDownMs: recovery.belowMs,
    recoveryMs: recovery.recoveryMs,
    recovered: recovery.recoveryMs !== null,
    finalGoodputPerSec: tailGoodput,
    finalThroughputPerSec: tailThroughput,
  });
  return { recovery, tailThroughput, tailGoodput };
}

/**
 * The summary shared by models with a trigger and goodput/throughput/latency recorders: how far
 * goodput fell, for how long, and whether (and when) it came back after the trigger.
 */
export function summarizeTrigger(view: RunView, f: TriggerFacts): SimulationSummary {
  const { series, endMs, rec } = view;
  const seconds = endMs / 1000;
  const latency = rec.histogram('latency').run;
  const goodputTotal = rec.counter('goodput').total;
  const offeredTotal = rec.counter('offered').total;
  const values: SimulationSummary['values'] = {
    offeredPerSec: offeredTotal / seconds,
    goodputPerSec: goodputTotal / seconds,
    throughputPerSec: rec.counter('throughput').total / seconds,
    goodputFraction: offeredTotal > 0 ? goodputTotal / offeredTotal : null,
    latencyP50Ms: latency.count > 0 ? latency.quantile(0.5) : null,
    latencyP99Ms: latency.count > 0 ? latency.quantile(0.99) : null,
    ...f.extraValues,
  };
  const details = [
    f.explain(values),
    `Latency p50 ${fmtMs(values.latencyP50Ms as number | null)}, p99 ${fmtMs(values.latencyP99Ms as number | null)}.`,
  ];
  if (f.triggerAt >= endMs || f.triggerEnd <= f.triggerAt) {
    return {
      headline: `Goodput ${fmtNum(goodputTotal / seconds)}/s of ${fmtNum(offeredTotal / seconds)}/s offered.`,
      details,
      values,
    };
  }
  const { recovery: r, tailThroughput } = recoveryAfterTrigger(view, f.triggerAt, f.triggerEnd, values);
  const after = Math.max(0, (endMs - f.triggerEnd) / 1000);
  let headline: string;
  if (r.belowMs === 0)
    headline = `Goodput held through ${f.what} (lowest ${fmtPct(r.minFraction)} of its ${fmtNum(r.baseline)}/s before).`;
  else if (r.recoveryMs !== null)
    headline = `Goodput fell to ${fmtPct(r.minFraction)} for ${fmtMs(r.belowMs)}; ${r.recoveryMs < series.bucketMs ? 'recovered as soon as' : `recovered ${fmtMs(r.recoveryMs)} after`} ${f.what} ended.`;
  else
    headline = `Goodput fell to ${fmtPct(r.minFraction)} and had not recovered ${after.toFixed(0)} s after ${f.what} ended (now ${fmtPct(r.finalFraction)} of normal, throughput ${fmtNum(tailThroughput)}/s).`;
  return { headline, details, values };
}
