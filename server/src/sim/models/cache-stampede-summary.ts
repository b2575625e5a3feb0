import { fmtMs, fmtNum } from '../format';
import type { LogHistogram } from '../metrics/log-histogram';
import type { RunView } from '../model';
import type { SimulationSummary } from '../types';

export interface StampedeFacts {
  strategy: string;
  keys: number;
  processes: number;
  /** Reads of one key per second × recompute seconds: the naive stampede size. */
  lambdaDelta: number;
  totals: { recomputes: number; episodes: number; misses: number; reads: number };
  maxPerEpisode: number;
  peakDbLoad: number;
  latency: LogHistogram;
}

export function summarizeStampede(view: RunView, f: StampedeFacts): SimulationSummary {
  const { series } = view;
  const t = f.totals;
  const perEpisode = t.episodes > 0 ? t.recomputes / t.episodes : null;
  const expiryRates = (series.values.expirations ?? []).map((x) => x ?? 0);
  const peakExpiriesPerSec = expiryRates.length > 0 ? Math.max(...expiryRates) : 0;
  const values: SimulationSummary['values'] = {
    recomputes: t.recomputes,
    expiries: t.episodes,
    recomputesPerExpiry: perEpisode,
    maxRecomputesPerExpiry: f.maxPerEpisode,
    hardMisses: t.misses,
    hardMissesPerExpiry: t.episodes > 0 ? t.misses / t.episodes : null,
    peakDbLoad: f.peakDbLoad,
    peakExpiriesPerSec,
    expectedNaiveStampede: 1 + f.lambdaDelta,
    latencyP50Ms: f.latency.count > 0 ? f.latency.quantile(0.5) : null,
    latencyP99Ms: f.latency.count > 0 ? f.latency.quantile(0.99) : null,
  };
  const details = [
    `Peak DB load ${f.peakDbLoad} recomputations at once; ${fmtNum(t.misses)} of ${fmtNum(t.reads)} reads missed.`,
    `Read latency p50 ${fmtMs(values.latencyP50Ms as number | null)}, p99 ${fmtMs(values.latencyP99Ms as number | null)}.`,
  ];
  let headline: string;
  if (perEpisode === null) headline = `No key expired within ${fmtMs(view.endMs)}; lengthen the horizon past the TTL.`;
  else if (f.keys === 1)
    headline =
      `Each expiry of the hot key caused ${fmtNum(perEpisode)} recomputations (worst ${f.maxPerEpisode}) with ${f.strategy}` +
      (f.strategy === 'naive'
        ? ` — about 1 + λ·Δ = ${fmtNum(1 + f.lambdaDelta)}.`
        : f.strategy === 'single-flight'
          ? `: at most one per process (${f.processes}).`
          : `, and ${fmtNum((values.hardMissesPerExpiry as number) ?? 0)} hard misses per expiry.`);
  else
    headline = `${fmtNum(t.episodes)} key expiries, up to ${fmtNum(peakExpiriesPerSec)}/s; ${fmtNum(perEpisode)} recomputations each, peak DB load ${f.peakDbLoad}.`;
  return { headline, details, values };
}
