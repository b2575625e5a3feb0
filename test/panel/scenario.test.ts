import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultSettings,
  scenarioControls,
  scenarioRuns,
  triggerWindowMs,
  type PanelScenario,
} from '../../server/src/report/scenario';
import { listModels, runModel } from '../../server/src/sim';

const models = listModels();
const model = (id: string) => models.find((m) => m.id === id)!;

describe('scenario runs', () => {
  const scenario: PanelScenario = {
    model: 'missing-timeout',
    params: { timeoutMs: 0 },
    fixedParams: { timeoutMs: 10_000 },
  };

  test("as written takes the code's params; with the fix merges fixedParams over them", () => {
    const runs = scenarioRuns(scenario, defaultSettings(model('missing-timeout')));
    assert.deepEqual(runs, { written: { timeoutMs: 0 }, fixed: { timeoutMs: 10_000 } });
  });

  test("the user's overrides apply to both runs, but never undo the fix", () => {
    const runs = scenarioRuns(scenario, { overrides: { ratePerSec: 500, timeoutMs: 50 }, seed: 3, horizonMs: 30_000 });
    assert.deepEqual(runs.written, { timeoutMs: 50, ratePerSec: 500 });
    assert.deepEqual(runs.fixed, { timeoutMs: 10_000, ratePerSec: 500 });
  });

  test('without a fix there is one run (opened from the command palette)', () => {
    assert.equal(scenarioRuns({ model: 'queue', params: {} }, defaultSettings(model('queue'))).fixed, undefined);
    assert.equal(defaultSettings(model('cache-stampede')).horizonMs, model('cache-stampede').defaultHorizonMs);
  });
});

describe('scenario controls come from the parameter declarations', () => {
  const roles = (id: string) => Object.fromEntries(scenarioControls(model(id)).map((c) => [c.role, c.spec.name]));

  test('each model with a trigger gets load, size, start and length', () => {
    assert.deepEqual(roles('retry-storm'), {
      load: 'ratePerSec',
      trigger: 'trigger',
      triggerSize: 'spikeMultiplier',
      triggerStart: 'triggerAtMs',
      triggerLength: 'triggerDurationMs',
    });
    assert.deepEqual(roles('pool-exhaustion'), {
      load: 'ratePerSec',
      triggerSize: 'spikeMultiplier',
      triggerStart: 'spikeAtMs',
      triggerLength: 'spikeDurationMs',
    });
    assert.deepEqual(roles('missing-timeout'), {
      load: 'ratePerSec',
      triggerSize: 'slowFraction',
      triggerStart: 'triggerAtMs',
      triggerLength: 'triggerDurationMs',
    });
  });

  test('a model without a trigger gets only what it has', () => {
    assert.deepEqual(roles('cache-stampede'), { load: 'readsPerSec' });
    assert.deepEqual(roles('backoff-contention'), {});
  });
});

describe('trigger window', () => {
  test("read from a run's full parameters", () => {
    const result = runModel('pool-exhaustion', { spikeAtMs: 5000, spikeDurationMs: 2000 }, { horizonMs: 10_000 });
    assert.deepEqual(triggerWindowMs(result.params), { startMs: 5000, endMs: 7000 });
    assert.deepEqual(triggerWindowMs(runModel('missing-timeout', {}, { horizonMs: 1000 }).params), {
      startMs: 10_000,
      endMs: 20_000,
    });
  });

  test('none when the trigger is off, has no length, or the model has none', () => {
    assert.equal(triggerWindowMs({ trigger: 'none', triggerAtMs: 1, triggerDurationMs: 5 }), undefined);
    assert.equal(triggerWindowMs({ triggerAtMs: 1, triggerDurationMs: 0 }), undefined);
    assert.equal(triggerWindowMs(runModel('cache-stampede', {}, { horizonMs: 1000 }).params), undefined);
  });
});
