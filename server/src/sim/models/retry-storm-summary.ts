import { fmtMs, fmtNum, fmtPct } from '../format';
import type { LogHistogram } from '../metrics/log-histogram';
import type { RunView } from '../model';
import { recoveryAfterTrigger } from '../trigger-summary';
import type { SimulationSummary } from '../types';

export interface RetryStormFacts {
  trigger: string;
  triggerAt: number;
  triggerEnd: number;
  capacityPerSec: number;
  totals: {
    offered: number;
    attempts: number;
    retries: number;
    goodput: number;
    finished: number;
    throughput: number;
    wasted: number;
  };
  latency: LogHistogram;
}

export function summarizeRetryStorm(view: RunView, f: RetryStormFacts): SimulationSummary {
  const { series, endMs } = view;
  const t = f.totals;
  const seconds = endMs / 1000;
  const perRequest = t.offered > 0 ? t.attempts / t.offered : 0;
  const wastedFraction = t.throughput > 0 ? t.wasted / t.throughput : 0;
  const p50 = t.finished > 0 ? f.latency.quantile(0.5) : null;
  const p99 = t.finished > 0 ? f.latency.quantile(0.99) : null;
  const successRate = t.finished > 0 ? t.goodput / t.finished : null;
  const values: SimulationSummary['values'] = {
    capacityPerSec: f.capacityPerSec,
    offeredPerSec: t.offered / seconds,
    attemptsPerSec: t.attempts / seconds,
    goodputPerSec: t.goodput / seconds,
    throughputPerSec: t.throughput / seconds,
    attemptsPerRequest: t.offered > 0 ? perRequest : null,
    retries: t.retries,
    successRate,
    wastedFraction: t.throughput > 0 ? wastedFraction : null,
    latencyP50Ms: p50,
    latencyP99Ms: p99,
  };
  const details = [
    `${fmtNum(perRequest)} attempts per request; ${fmtPct(wastedFraction)} of the server's work was for clients that had given up.`,
    `Latency p50 ${fmtMs(p50)}, p99 ${fmtMs(p99)}.`,
  ];
  if (f.trigger === 'none' || f.triggerAt >= endMs) {
    return {
      headline: `Goodput ${fmtNum(t.goodput / seconds)}/s of ${fmtNum(t.offered / seconds)}/s offered (${fmtPct(successRate ?? 0)} success), server capacity ${fmtNum(f.capacityPerSec)}/s.`,
      details,
      values,
    };
  }
  const { recovery: r, tailThroughput } = recoveryAfterTrigger(view, f.triggerAt, f.triggerEnd, values);
  const metastable = r.recoveryMs === null && r.finalFraction < 0.5 && tailThroughput >= 0.5 * f.capacityPerSec;
  values.metastable = metastable;
  const after = (endMs - f.triggerEnd) / 1000;
  let headline: string;
  if (r.belowMs === 0) {
    headline = `Goodput held through the ${f.trigger} (lowest ${fmtPct(r.minFraction)} of its ${fmtNum(r.baseline)}/s before).`;
  } else if (r.recoveryMs !== null) {
    headline = `Goodput fell to ${fmtPct(r.minFraction)} for ${fmtMs(r.belowMs)}; ${r.recoveryMs < series.bucketMs ? 'recovered as soon as' : `recovered ${fmtMs(r.recoveryMs)} after`} the ${f.trigger} ended.`;
  } else if (metastable) {
    headline = `Goodput fell to ${fmtPct(r.minFraction)} and stayed down: ${after.toFixed(0)} s after the ${f.trigger} ended it is ${fmtPct(r.finalFraction)} of normal while throughput runs at ${fmtNum(tailThroughput)}/s (${fmtPct(tailThroughput / f.capacityPerSec)} of capacity) — a metastable failure.`;
  } else {
    headline = `Goodput fell to ${fmtPct(r.minFraction)} and had not recovered ${after.toFixed(0)} s after the ${f.trigger} ended (now ${fmtPct(r.finalFraction)} of normal).`;
  }
  return { headline, details, values };
}
