import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isSimulationResult,
  parseHostMessage,
  parsePanelState,
  parseWebviewMessage,
} from '../../server/src/report/panel-messages';
import type { PanelScenario } from '../../server/src/report/scenario';
import { listModels, runModel } from '../../server/src/sim';

const scenario: PanelScenario = {
  model: 'missing-timeout',
  params: { timeoutMs: 0 },
  fixedParams: { timeoutMs: 10_000 },
  finding: {
    uri: 'file:///w/a.ts',
    range: { start: { line: 1, character: 2 }, end: { line: 1, character: 12 } },
    ruleId: 'require-timeout',
    message: 'no timeout',
  },
};

describe('webview → host messages', () => {
  test('accepts each kind, keeping only the declared fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'applyFix' }), { type: 'applyFix' });
    const run = { type: 'run', requestId: 3, model: 'queue', written: { servers: 2 }, seed: 1, horizonMs: 1000 };
    assert.deepEqual(parseWebviewMessage(run), { ...run, fixed: undefined });
  });

  test('rejects what a scripted webview could send', () => {
    const run = { type: 'run', requestId: 3, model: 'queue', written: {}, seed: 1, horizonMs: 1000 };
    for (const bad of [
      null,
      'ready',
      { type: 'eval', code: '1' },
      { ...run, requestId: -1 },
      { ...run, requestId: 1.5 },
      { ...run, horizonMs: 0 },
      { ...run, horizonMs: Infinity },
      { ...run, seed: 'x' },
      { ...run, written: { servers: { nested: 1 } } },
      { ...run, written: { 'bad key': 1 } },
      { ...run, written: { servers: NaN } },
      { ...run, written: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, i])) },
      { ...run, model: 'x'.repeat(1000) },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});

describe('host → webview messages', () => {
  const model = listModels().find((m) => m.id === 'missing-timeout')!;
  const result = runModel('missing-timeout', { timeoutMs: 0 }, { horizonMs: 5000 });

  test('init and results as the host sends them', () => {
    assert.equal(parseHostMessage({ type: 'init', scenario, model, fixTitle: 'Add a timeout' })?.type, 'init');
    assert.equal(parseHostMessage({ type: 'results', requestId: 1, written: result, fixed: result })?.type, 'results');
    assert.equal(
      parseHostMessage({ type: 'runFailed', requestId: 1, message: 'unknown parameter' })?.type,
      'runFailed',
    );
    assert.deepEqual(parseHostMessage({ type: 'fixApplied', ok: true, message: 'done' }), {
      type: 'fixApplied',
      ok: true,
      message: 'done',
    });
  });

  test('a result must have the declared schema and series of equal length', () => {
    assert.ok(isSimulationResult(JSON.parse(JSON.stringify(result))));
    assert.equal(isSimulationResult({ ...result, schema: 'other' }), false);
    const ragged = { ...result, series: { ...result.series, values: { ...result.series.values, goodput: [1] } } };
    assert.equal(isSimulationResult(ragged), false);
    assert.equal(parseHostMessage({ type: 'results', requestId: 1, written: { ...result, summary: null } }), undefined);
    assert.equal(parseHostMessage({ type: 'init', scenario: { ...scenario, params: [] }, model }), undefined);
  });
});

describe('saved panel state', () => {
  test('restores the scenario and settings; anything else is dropped', () => {
    const settings = { overrides: { ratePerSec: 400 }, seed: 2, horizonMs: 30_000 };
    assert.deepEqual(parsePanelState({ scenario, settings }), { scenario, settings });
    assert.deepEqual(parsePanelState({ scenario }), { scenario, settings: undefined });
    assert.equal(parsePanelState(undefined), undefined);
    assert.equal(parsePanelState({ scenario: { model: 1 } }), undefined);
    assert.equal(parsePanelState({ scenario, settings: { overrides: {}, seed: -1, horizonMs: 1 } }), undefined);
  });
});
