import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModel } from '../../server/src/sim/index';
import type { ParamValues } from '../../server/src/sim/index';

type Values = Record<string, number | null>;
const HOUR = 3_600_000;
const run = (params: ParamValues, horizonMs = 10 * HOUR, seed = 1) =>
  runModel('cache-stampede', params, { seed, horizonMs });
const values = (params: ParamValues, horizonMs?: number): Values => run(params, horizonMs).summary.values as Values;

// Vattani, Chierichetti, Lowenstein (VLDB 2015): a key read λ = 10/s whose recomputation takes
// Δ = 3 s gets about λ·Δ = 30 recomputations per expiry — 31 with Poisson arrivals (the first
// miss, plus the λ·Δ reads expected while it recomputes).
test('naive cache-aside: 1 + λ·Δ = 31 recomputations per expiry (±5 %)', () => {
  const v = values({ strategy: 'naive', readsPerSec: 10, recomputeMs: 3000 });
  assert.ok((v.expiries as number) > 300, 'enough expiries to average over');
  assert.ok(Math.abs((v.recomputesPerExpiry as number) / 31 - 1) < 0.05, `${v.recomputesPerExpiry}`);
  assert.ok((v.peakDbLoad as number) >= 31, 'they all run at once');
});

test('single-flight gives exactly one recomputation per key per process', () => {
  const one = values({ strategy: 'single-flight' });
  assert.equal(one.recomputesPerExpiry, 1);
  assert.equal(one.maxRecomputesPerExpiry, 1);
  const four = values({ strategy: 'single-flight', processes: 4 });
  assert.equal(four.maxRecomputesPerExpiry, 4);
  assert.ok((four.recomputesPerExpiry as number) > 3.9, 'each process recomputes once');
});

test('XFetch (β = 1) refreshes early and keeps hard expiries near zero', () => {
  const v = values({ strategy: 'xfetch', beta: 1 });
  assert.ok((v.expiries as number) > 300);
  assert.ok((v.hardMissesPerExpiry as number) < 0.01, `${v.hardMissesPerExpiry}`);
  assert.ok((v.recomputesPerExpiry as number) < 4, `${v.recomputesPerExpiry}`);
});

test('TTL jitter: 10k keys at 300 ± 30 s expire at about N/(2j) = 167/s instead of all at once', () => {
  const params = { keys: 10_000, readsPerSec: 2000, ttlMs: 300_000, recomputeMs: 100 };
  const meanRate = (r: ReturnType<typeof run>, from: number, to: number): number => {
    const xs = r.series.values.expirations!.filter(
      (_, i) => r.series.t[i]! >= from && r.series.t[i]! + r.series.bucketMs <= to,
    );
    return xs.reduce<number>((s, x) => s + (x ?? 0), 0) / xs.length;
  };
  const jittered = run({ ...params, ttlJitterMs: 30_000 }, 340_000);
  const rate = meanRate(jittered, 280_000, 320_000);
  assert.ok(Math.abs(rate / (10_000 / 60) - 1) < 0.05, `${rate}/s`);
  const synchronized = run(params, 340_000);
  const peak = (r: ReturnType<typeof run>): number => r.summary.values.peakExpiriesPerSec as number;
  assert.ok(peak(synchronized) > 5 * peak(jittered), `peak ${peak(synchronized)}/s vs ${peak(jittered)}/s`);
});
