import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulationInputError, listModels, runModel, startRun } from '../../server/src/sim/index';

function stepped(id: string, sliceEvents: number, options: { seed: number }) {
  const run = startRun(id, {}, options);
  let slices = 0;
  while (!run.step(sliceEvents)) slices++;
  return { result: run.result(), slices };
}

test('same seed → the same result whether a run goes in one go or in slices, for every model', () => {
  for (const model of listModels()) {
    // Default horizon (each model's own); slices smaller than, not dividing, and larger than the engine's poll interval.
    const options = { seed: 42 };
    const whole = JSON.stringify(runModel(model.id, {}, options));
    for (const sliceEvents of [97, 4_099, 50_000]) {
      const { result, slices } = stepped(model.id, sliceEvents, options);
      assert.equal(JSON.stringify(result), whole, `${model.id} in slices of ${sliceEvents}`);
      assert.equal(slices, Math.floor(result.events / sliceEvents), `${model.id}: every slice but the last is full`);
    }
  }
});

test('a slice processes exactly the events asked for; step() after the end is a no-op', () => {
  const run = startRun('retry-storm', {}, { seed: 3, horizonMs: 60_000 });
  assert.equal(run.step(1_000), false);
  assert.equal(run.events, 1_000);
  assert.equal(run.step(2_500), false);
  assert.equal(run.events, 3_500);
  while (!run.step(100_000));
  const events = run.events;
  assert.equal(run.done, true);
  assert.equal(run.step(1_000), true);
  assert.equal(run.events, events);
  assert.equal(run.result(), run.result(), 'the result is computed once');
});

test('the result of a run stopped between slices is the partial run, marked cancelled', () => {
  const run = startRun('retry-storm', {}, { seed: 9, horizonMs: 1e9 });
  run.step(20_000);
  const result = run.result();
  assert.equal(result.cancelled, true);
  assert.equal(result.events, 20_000);
  assert.ok(result.endMs > 0 && result.endMs < 1e9);
  assert.match(result.summary.details[0]!, /^Cancelled at/);
  assert.equal(run.step(1_000), true, 'a run whose result was taken is over');
});

test('bad input throws from startRun, before anything runs', () => {
  assert.throws(() => startRun('nope'), SimulationInputError);
  assert.throws(() => startRun('queue', { servers: 0 }), /below the minimum/);
  assert.throws(() => startRun('queue', {}, { horizonMs: 0 }), SimulationInputError);
});
