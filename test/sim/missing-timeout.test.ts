import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModel } from '../../server/src/sim/index';
import type { ParamValues } from '../../server/src/sim/index';

type Values = Record<string, number | boolean | null>;
const run = (params: ParamValues, seed = 1): Values =>
  runModel('missing-timeout', params, { seed }).summary.values as Values;

// Defaults: 200 requests/s, 200 slots, 30 % of calls hang for 10 s from t = 10 s, no timeout.
test('without a timeout, hung calls keep every slot and goodput stays at zero after the trigger', () => {
  const v = run({});
  assert.equal(v.recovered, false);
  assert.equal(v.finalGoodputPerSec, 0);
  assert.equal(v.finalInFlight, 200);
});

test('a per-call timeout, or the propagated deadline, frees the slots and it recovers', () => {
  const fixes: ParamValues[] = [
    { timeoutMs: 500 },
    { deadlinePropagation: true },
    { timeoutMs: 500, deadlinePropagation: true },
  ];
  for (const fix of fixes) {
    const v = run(fix);
    assert.equal(v.recovered, true, JSON.stringify(fix));
    assert.ok((v.finalGoodputPerSec as number) > 0.9 * (v.baselineGoodputPerSec as number));
    assert.equal(v.wastedWorkFraction, 0, 'nothing runs for a caller that left');
  }
});

test('unbounded concurrency: in-flight work piles up for callers that left', () => {
  const v = run({ maxConcurrent: 0 });
  // Little's law: hung calls arrive at 0.3 × 200 = 60/s for 10 s and never leave.
  assert.ok(Math.abs((v.finalInFlight as number) / 600 - 1) < 0.1, `${v.finalInFlight}`);
  assert.ok((v.wastedWorkFraction as number) > 0.5);
});

test('slow, not hung: throughput keeps up while goodput collapses, and late answers are waste', () => {
  const v = run({ hang: false, slowMs: 5000, slowFraction: 1, maxConcurrent: 0, triggerDurationMs: 20_000 });
  // During the trigger every answer arrives after the 2 s deadline: served, but useless.
  assert.ok((v.minGoodputFraction as number) < 0.05);
  assert.ok((v.throughputPerSec as number) > 0.9 * (v.offeredPerSec as number));
  assert.equal(v.recovered, true);
});
