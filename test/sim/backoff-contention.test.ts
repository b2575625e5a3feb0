import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModel } from '../../server/src/sim/index';

// Brooker, "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015): 100 clients, mean of
// 100 runs, total write calls per strategy (published figures, ±5 %).
const PUBLISHED_WRITES: Record<string, number> = {
  immediate: 2425,
  exponential: 1857,
  'equal-jitter': 812,
  'full-jitter': 796,
  'decorrelated-jitter': 1001,
};
const RUNS = 100;

const results = new Map<string, { writes: number; completionMs: number }>();
for (const backoff of Object.keys(PUBLISHED_WRITES)) {
  let writes = 0;
  let completionMs = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const v = runModel('backoff-contention', { clients: 100, backoff }, { seed }).summary.values;
    assert.equal(v.clientsFinished, 100, `${backoff}: every client finished`);
    writes += v.writeCalls as number;
    completionMs += v.completionMs as number;
  }
  results.set(backoff, { writes: writes / RUNS, completionMs: completionMs / RUNS });
}

for (const [backoff, published] of Object.entries(PUBLISHED_WRITES)) {
  test(`${backoff}: ${published} write calls for 100 contending clients (±5 %)`, () => {
    const { writes } = results.get(backoff)!;
    assert.ok(Math.abs(writes / published - 1) <= 0.05, `${writes} vs ${published}`);
  });
}

test('orderings of work hold exactly: none > exponential > decorrelated > equal > full', () => {
  const w = (k: string): number => results.get(k)!.writes;
  assert.ok(w('immediate') > w('exponential'));
  assert.ok(w('exponential') > w('decorrelated-jitter'));
  assert.ok(w('decorrelated-jitter') > w('equal-jitter'));
  assert.ok(w('equal-jitter') > w('full-jitter'), 'full jitter does the least work');
});

test('exponential backoff without jitter is an order of magnitude slower than any jittered strategy', () => {
  const slow = results.get('exponential')!.completionMs;
  for (const k of ['full-jitter', 'equal-jitter', 'decorrelated-jitter']) {
    // "An order of magnitude": the ratio rounds to 10 on a log scale, i.e. at least √10.
    const ratio = slow / results.get(k)!.completionMs;
    assert.ok(ratio >= Math.sqrt(10), `${k}: exponential is only ${ratio.toFixed(1)}× slower`);
  }
});
