import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModel } from '../../server/src/sim/index';
import { mmcTheory } from '../../server/src/sim/theory/queueing';

// Expected values are the closed forms of simulation-validation.md, written out as numbers.
// Rates are per second and the model reports times in ms, so W = 5.000 s is 5000 ms.

function run(lambda: number, mu: number, servers: number, capacity: number, customers: number, seed: number) {
  const horizonMs = (customers / lambda) * 1000;
  const r = runModel(
    'queue',
    { arrivalRatePerSec: lambda, serviceRatePerSec: mu, servers, capacity },
    { seed, horizonMs },
  );
  return r.summary.values as Record<string, number>;
}

function rel(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual / expected - 1) <= tol, `${what}: ${actual} vs ${expected} (±${tol * 100}%)`);
}

function abs(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (±${tol})`);
}

function littlesLaw(v: Record<string, number>): void {
  rel(v.littleLawL!, v.L!, 0.01, "Little's law L = λ_eff·W");
}

test('M/M/1, λ=0.8, μ=1, 1M customers: Wq 4, W 5, L 4, p99 W = ln(100)/(μ−λ) = 23.03', () => {
  const v = run(0.8, 1, 1, 0, 1_000_000, 1);
  rel(v.WqMs!, 4000, 0.05, 'Wq');
  rel(v.WMs!, 5000, 0.05, 'W');
  rel(v.L!, 4.0, 0.05, 'L');
  rel(v.sojournP99Ms!, (Math.log(100) / 0.2) * 1000, 0.05, 'p99 W');
  rel(v.utilization!, 0.8, 0.01, 'utilization ρ');
  littlesLaw(v);
});

test('M/M/2, λ=1.5, μ=1: P(wait) 0.6429, Wq 1.2857', () => {
  const v = run(1.5, 1, 2, 0, 1_000_000, 2);
  abs(v.pWait!, 0.6429, 0.01, 'P(wait)');
  rel(v.WqMs!, 1285.7, 0.05, 'Wq');
  littlesLaw(v);
});

test('M/M/10, λ=8, μ=1: P(wait) 0.4092, Wq 0.2046 — twenty times less than one server at the same ρ', () => {
  const v = run(8, 1, 10, 0, 1_000_000, 3);
  rel(v.pWait!, 0.4092, 0.05, 'P(wait)');
  rel(v.WqMs!, 204.6, 0.05, 'Wq');
  littlesLaw(v);
  // One server ten times as fast at ρ = 0.8: Wq = ρ/(μ−λ) = 0.8/(10−8) = 0.4 s, i.e. 4.0 in units of 1/μ.
  const single = run(8, 10, 1, 0, 400_000, 4);
  rel(single.WqMs!, 400, 0.06, 'Wq of one fast server');
  littlesLaw(single);
});

test('M/M/1/10, λ=μ=1: P_block 0.0909, L 5', () => {
  const v = run(1, 1, 1, 10, 1_000_000, 5);
  abs(v.pBlock!, 1 / 11, 0.01, 'P_block');
  rel(v.L!, 5, 0.01, 'L');
  rel(v.lambdaEffPerSec!, 1 - 1 / 11, 0.01, 'λ_eff = λ(1 − p_K)');
  littlesLaw(v);
});

test("Little's law holds on a short run of a busy finite queue", () => {
  const v = run(12, 1, 10, 25, 50_000, 6);
  littlesLaw(v);
});

test('the closed forms behind the summaries match the published figures', () => {
  const mm2 = mmcTheory(1.5, 1, 2, 0)!;
  abs(mm2.pWait, 0.6429, 0.0001, 'Erlang C, c=2');
  abs(mm2.Wq, 1.2857, 0.0001, 'Wq, c=2');
  const mm10 = mmcTheory(8, 1, 10, 0)!;
  abs(mm10.pWait, 0.4092, 0.0001, 'Erlang C, c=10');
  abs(mm10.Wq, 0.2046, 0.0001, 'Wq, c=10');
  const mm1k = mmcTheory(1, 1, 1, 10)!;
  abs(mm1k.pBlock, 0.0909, 0.0001, 'P_block');
  abs(mm1k.L, 5, 1e-9, 'L');
  assert.equal(mmcTheory(2, 1, 1, 0), undefined, 'ρ ≥ 1 without a limit has no steady state');
});
