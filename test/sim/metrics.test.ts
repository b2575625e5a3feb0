import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter } from '../../server/src/sim/metrics/counter';
import { Gauge } from '../../server/src/sim/metrics/gauge';
import { Histogram } from '../../server/src/sim/metrics/histogram';
import { LogHistogram } from '../../server/src/sim/metrics/log-histogram';
import { Timeline } from '../../server/src/sim/metrics/timeline';
import { Rng } from '../../server/src/sim/rng';

test('timeline picks a 1-2-5 bucket width for about 200 buckets', () => {
  assert.equal(Timeline.forHorizon(60_000).bucketMs, 500);
  assert.equal(Timeline.forHorizon(1_000).bucketMs, 5);
  assert.equal(Timeline.forHorizon(120_000).bucketMs, 1000);
});

test('counters bucket by time and coarsen without losing counts', () => {
  const tl = new Timeline(10, 8);
  const c = new Counter(tl);
  for (let t = 0; t < 80; t++) c.add(t);
  assert.deepEqual(Array.from(c.buckets), [10, 10, 10, 10, 10, 10, 10, 10]);
  c.add(100); // past the last bucket: the width doubles and pairs merge
  assert.equal(tl.bucketMs, 20);
  assert.deepEqual(Array.from(c.buckets), [20, 20, 20, 20, 0, 1, 0, 0]);
  c.add(330); // twice more
  assert.equal(tl.bucketMs, 80);
  assert.deepEqual(Array.from(c.buckets), [80, 1, 0, 0, 1, 0, 0, 0]);
  assert.equal(c.total, 82);
});

test('memory stays bounded however long the run', () => {
  const tl = new Timeline(1, 16);
  const c = new Counter(tl);
  const h = new Histogram(tl);
  for (let t = 0; t < 1e6; t += 7) {
    c.add(t);
    h.record(t, 5);
  }
  assert.equal(c.buckets.length, 16);
  assert.equal(h.buckets.length, 16);
  assert.ok(tl.bucketMs * 16 > 1e6);
  assert.equal(c.total, h.run.count);
});

test('gauges give the time-weighted average per bucket and overall', () => {
  const tl = new Timeline(10, 8);
  const g = new Gauge(tl);
  g.set(0, 2);
  g.set(5, 4); // bucket 0: 2 for 5 ms, 4 for 5 ms → area 30
  g.set(25, 0); // 4 from 5 to 25 → bucket 1 area 40, bucket 2 area 20
  g.advance(40);
  assert.deepEqual(Array.from(g.area.slice(0, 4)), [30, 40, 20, 0]);
  assert.equal(g.mean(40), 90 / 40);
  assert.equal(g.peaks[1], 4);
});

test('log histogram percentiles are within bin precision of the exact ones', () => {
  const rng = new Rng(11);
  const h = new LogHistogram(128);
  const xs: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const x = rng.exponential(100);
    xs.push(x);
    h.record(x);
  }
  xs.sort((a, b) => a - b);
  for (const q of [0.5, 0.9, 0.99, 0.999]) {
    const exact = xs[Math.ceil(q * xs.length) - 1]!;
    assert.ok(Math.abs(h.quantile(q) / exact - 1) < 0.006, `q${q}: ${h.quantile(q)} vs ${exact}`);
  }
  assert.ok(Math.abs(h.mean() - xs.reduce((s, x) => s + x, 0) / xs.length) < 1e-6);
});

test('zeros land in bin 0 and read back as 0', () => {
  const h = new LogHistogram(16);
  for (let i = 0; i < 60; i++) h.record(0);
  for (let i = 0; i < 40; i++) h.record(10);
  assert.equal(h.quantile(0.5), 0);
  assert.ok(Math.abs(h.quantile(0.9) - 10) < 0.3);
});
