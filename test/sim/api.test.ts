import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulationInputError, listModels, runModel } from '../../server/src/sim/index';

test('every model declares params with units and defaults, and metrics the panel can draw', () => {
  const models = listModels();
  for (const id of ['queue', 'retry-storm', 'pool-exhaustion', 'missing-timeout', 'cache-stampede']) {
    assert.ok(
      models.some((m) => m.id === id),
      id,
    );
  }
  for (const m of models) {
    assert.match(m.id, /^[a-z]+(-[a-z]+)*$/);
    for (const p of m.params) {
      if (p.type === 'number' || p.type === 'integer') {
        assert.ok(p.unit !== undefined, `${m.id}.${p.name} has a unit`);
        assert.equal(typeof p.default, 'number');
        assert.ok((p.min ?? -Infinity) <= (p.default as number) && (p.default as number) <= (p.max ?? Infinity));
      }
      if (p.type === 'enum')
        assert.ok(p.values?.includes(p.default as string), `${m.id}.${p.name} default is a choice`);
      if (p.unit === 'ms') assert.match(p.name, /Ms$/, `${m.id}.${p.name}: units in names`);
    }
    for (const metric of m.metrics) {
      assert.ok(metric.id && metric.label && metric.unit && metric.kind, `${m.id}.${metric.id}`);
    }
  }
});

test('every model runs with its defaults and fills a series per metric', () => {
  for (const m of listModels()) {
    const r = runModel(m.id, {}, { seed: 5, horizonMs: Math.min(m.defaultHorizonMs, 30_000) });
    assert.equal(r.schema, 'goodput.simulation/1');
    assert.ok(r.summary.headline.length > 0);
    for (const metric of m.metrics)
      assert.equal(r.series.values[metric.id]!.length, r.series.t.length, `${m.id}.${metric.id}`);
    assert.ok(r.series.t.length <= 400, 'bounded series');
  }
});

test('params from a finding may be strings, as carried in JSON; they are typed by the spec', () => {
  const r = runModel('retry-storm', { attempts: '3', retryBudget: 'true', timeoutMs: '1.5s' }, { horizonMs: 15_000 });
  assert.equal(r.params.attempts, 3);
  assert.equal(r.params.retryBudget, true);
  assert.equal(r.params.timeoutMs, 1500);
});

test('invalid input throws SimulationInputError naming what is valid', () => {
  assert.throws(() => runModel('nope'), SimulationInputError);
  assert.throws(() => runModel('queue', { servers: 2.5 }), /whole number/);
  assert.throws(() => runModel('queue', { servers: 0 }), /below the minimum/);
  assert.throws(() => runModel('queue', { lambda: 1 }), /valid parameters: arrivalRatePerSec/);
  assert.throws(() => runModel('queue', {}, { horizonMs: -1 }), SimulationInputError);
  assert.throws(() => runModel('queue', {}, { seed: 0.5 }), SimulationInputError);
});

test('a run can be cancelled: shouldCancel is polled every N events', () => {
  let polls = 0;
  const r = runModel('queue', {}, { horizonMs: 1e9, cancelCheckEvents: 1000, shouldCancel: () => ++polls >= 5 });
  assert.equal(r.cancelled, true);
  assert.equal(r.events, 5000);
  assert.ok(r.endMs < 1e9);
  assert.match(r.summary.details[0]!, /^Cancelled at/);
});

test('same seed → identical result; different seed → different result', () => {
  const a = JSON.stringify(runModel('retry-storm', {}, { seed: 11, horizonMs: 20_000 }));
  assert.equal(a, JSON.stringify(runModel('retry-storm', {}, { seed: 11, horizonMs: 20_000 })));
  assert.notEqual(a, JSON.stringify(runModel('retry-storm', {}, { seed: 12, horizonMs: 20_000 })));
});
