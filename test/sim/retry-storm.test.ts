import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModel } from '../../server/src/sim/index';
import type { ParamValues } from '../../server/src/sim/index';
import { layeredAmplification, retryAmplification } from '../../server/src/sim/theory/retries';

type Values = Record<string, number | boolean | null>;
const storm = (params: ParamValues, seed = 1, horizonMs = 60_000): Values =>
  runModel('retry-storm', params, { seed, horizonMs }).summary.values as Values;

// Defaults: 8 workers × 20 ms = 400/s capacity, 240/s offered, 1 s timeout, 4 attempts with a
// fixed 100 ms delay, FIFO, and a 5 s stall at t = 10 s.
const CAPACITY = 400;

test('metastable failure: after the outage goodput stays near zero while throughput looks healthy', () => {
  for (const seed of [1, 2]) {
    const v = storm({}, seed);
    assert.equal(v.recovered, false);
    assert.equal(v.metastable, true);
    assert.ok(
      (v.finalGoodputPerSec as number) < 0.1 * (v.baselineGoodputPerSec as number),
      `goodput ${v.finalGoodputPerSec}`,
    );
    assert.ok((v.finalThroughputPerSec as number) > 0.75 * CAPACITY, `throughput ${v.finalThroughputPerSec}`);
  }
});

test('removing the sustaining effect cures it: no retries, LIFO, or a retry budget', () => {
  const cures: Record<string, ParamValues> = {
    'no retries': { retry: 'none' },
    lifo: { discipline: 'lifo' },
    'AWS token bucket': { retryBudget: true },
    '0.1-token budget': {
      retryBudget: true,
      budgetTokens: 10,
      retryCostTokens: 1,
      timeoutRetryCostTokens: 1,
      successRefundTokens: 0.1,
    },
  };
  for (const [name, params] of Object.entries(cures)) {
    const v = storm(params);
    assert.equal(v.recovered, true, `${name} recovers`);
    assert.ok(
      (v.finalGoodputPerSec as number) > 0.9 * (v.baselineGoodputPerSec as number),
      `${name}: ${v.finalGoodputPerSec}`,
    );
  }
});

test('retries capped at 2 are stable below a third of capacity, not above it', () => {
  const base = { attempts: 3, overloadSlowdown: 1 };
  assert.equal(storm({ ...base, ratePerSec: 0.25 * CAPACITY }).recovered, true);
  assert.equal(storm({ ...base, ratePerSec: 0.4 * CAPACITY }).metastable, true);
});

test('dropping requests whose client gave up removes the dead-queue effect', () => {
  const fifo = storm({ retry: 'none' });
  const drop = storm({ retry: 'none', discipline: 'drop-expired' });
  assert.ok((drop.recoveryMs as number) <= 1000, `drop-expired: ${drop.recoveryMs} ms`);
  assert.ok((fifo.recoveryMs as number) >= 5 * Math.max(500, drop.recoveryMs as number), `fifo: ${fifo.recoveryMs} ms`);
});

test('retry amplification: N retries at failure rate x cost (1 − x^(N+1))/(1 − x) attempts per request', () => {
  for (const [x, attempts] of [
    [0.5, 4],
    [0.9, 5],
    [0.3, 2],
  ] as const) {
    const v = storm({ errorRate: x, attempts, ratePerSec: 50, trigger: 'none', timeoutMs: 0 });
    const expected = (1 - Math.pow(x, attempts)) / (1 - x);
    assert.ok(
      Math.abs((v.attemptsPerRequest as number) / expected - 1) < 0.03,
      `x=${x}: ${v.attemptsPerRequest} vs ${expected}`,
    );
    assert.ok(Math.abs(retryAmplification(x, attempts - 1) - expected) < 1e-12);
  }
  assert.equal(layeredAmplification([3, 3, 3, 3, 3]), 243);
  assert.equal(layeredAmplification([4, 4, 4]), 64);
});

test('AWS standard retry bucket: a fully failing client makes 100 retries (50 after timeouts), then stops', () => {
  const aws = { retryBudget: true, attempts: 3, ratePerSec: 20, retry: 'full-jitter' as const };
  assert.equal(storm({ ...aws, errorRate: 1, trigger: 'none' }).retries, 100);
  const hung = storm({ ...aws, timeoutMs: 100, trigger: 'outage', triggerAtMs: 0, triggerDurationMs: 1e9 });
  assert.equal(hung.retries, 50);
});

test('a bucket that earns 0.1 token per success keeps load ≤ 1.1× at any failure rate', () => {
  const budget = {
    retryBudget: true,
    budgetTokens: 10,
    retryCostTokens: 1,
    timeoutRetryCostTokens: 1,
    successRefundTokens: 0.1,
  };
  for (const x of [0.2, 0.5, 0.9, 1]) {
    const v = storm({ ...budget, errorRate: x, attempts: 5, ratePerSec: 50, trigger: 'none', timeoutMs: 0 });
    const requests = (v.offeredPerSec as number) * 60;
    assert.ok((v.attemptsPerRequest as number) <= 1.1 + 10 / requests, `x=${x}: ${v.attemptsPerRequest}`);
  }
});

test('backoff cuts load from a fixed set of clients, but only defers it when requests keep arriving', () => {
  const failing = { trigger: 'errors', triggerAtMs: 0, triggerDurationMs: 1e9, baseDelayMs: 100, attempts: 4 };
  // Open: every request makes its 4 attempts whatever the delays, so attempts/s = 4λ either way.
  for (const retry of ['immediate', 'exponential', 'full-jitter']) {
    const v = storm({ ...failing, retry, ratePerSec: 100 });
    assert.ok(Math.abs((v.attemptsPerSec as number) / 400 - 1) < 0.05, `open ${retry}: ${v.attemptsPerSec}/s`);
  }
  // Closed: clients sleeping in backoff send nothing, so backoff lowers the attempt rate.
  const closed = { ...failing, population: 'closed', clients: 100, thinkMs: 100 };
  const immediate = storm({ ...closed, retry: 'immediate' }).attemptsPerSec as number;
  const exponential = storm({ ...closed, retry: 'exponential' }).attemptsPerSec as number;
  assert.ok(exponential < immediate / 3, `closed: ${exponential}/s with backoff vs ${immediate}/s without`);
});

test('a spike can also tip the system into the metastable state', () => {
  const v = storm({ trigger: 'spike', spikeMultiplier: 3 });
  assert.equal(v.metastable, true);
  assert.equal(storm({ trigger: 'spike', spikeMultiplier: 3, discipline: 'lifo' }).recovered, true);
});
