import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../server/src/sim/rng';

const N = 400_000;

function moments(draw: () => number): { mean: number; sd: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < N; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / N;
  return { mean, sd: Math.sqrt(s2 / N - mean * mean) };
}

function near(actual: number, expected: number, relTol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= relTol * Math.abs(expected), `${what}: ${actual} vs ${expected}`);
}

test('uniform in [0, 1): mean 1/2, sd 1/√12, never 1', () => {
  const rng = new Rng(1);
  let max = 0;
  const m = moments(() => {
    const u = rng.next();
    if (u > max) max = u;
    return u;
  });
  near(m.mean, 0.5, 0.01, 'mean');
  near(m.sd, 1 / Math.sqrt(12), 0.01, 'sd');
  assert.ok(max < 1);
});

test('exponential: mean = sd = the given mean', () => {
  const rng = new Rng(2);
  const m = moments(() => rng.exponential(250));
  near(m.mean, 250, 0.01, 'mean');
  near(m.sd, 250, 0.015, 'sd');
});

test('normal: mean and sd as given', () => {
  const rng = new Rng(3);
  const m = moments(() => rng.normal(10, 2));
  near(m.mean, 10, 0.005, 'mean');
  near(m.sd, 2, 0.01, 'sd');
});

test('lognormal by mean and coefficient of variation', () => {
  const rng = new Rng(4);
  const m = moments(() => rng.lognormalMeanCv(20, 0.5));
  near(m.mean, 20, 0.01, 'mean');
  near(m.sd, 10, 0.03, 'sd');
});

test('lognormal(μ, σ) has median e^μ', () => {
  const rng = new Rng(5);
  const xs = Array.from({ length: 100_001 }, () => rng.lognormal(1, 0.7)).sort((a, b) => a - b);
  near(xs[50_000]!, Math.E, 0.02, 'median');
});

test('the stream depends only on the seed', () => {
  const a = new Rng(99);
  const b = new Rng(99);
  const c = new Rng(100);
  const xa = Array.from({ length: 10 }, () => a.nextUint32());
  assert.deepEqual(
    xa,
    Array.from({ length: 10 }, () => b.nextUint32()),
  );
  assert.notDeepEqual(
    xa,
    Array.from({ length: 10 }, () => c.nextUint32()),
  );
});
