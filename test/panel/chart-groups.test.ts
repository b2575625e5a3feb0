import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chartGroups,
  groupData,
  initiallyVisible,
  sharedEndSeconds,
  sharedRange,
} from '../../server/src/report/chart-groups';
import { formatValue, headlineRows, keyFigures, labelOf } from '../../server/src/report/headline';
import { listModels, runModel } from '../../server/src/sim';

describe('charts from the declared metrics', () => {
  test('every model gets rates, latency and its resource, in that order', () => {
    for (const id of ['retry-storm', 'pool-exhaustion', 'missing-timeout', 'cache-stampede']) {
      const model = listModels().find((m) => m.id === id)!;
      const units = chartGroups(model.metrics).map((g) => g.unit);
      assert.deepEqual(units.slice(0, 3), ['1/s', 'ms', 'count'], id);
      const all = chartGroups(model.metrics).flatMap((g) => g.metrics.map((m) => m.id));
      assert.deepEqual(all.sort(), model.metrics.map((m) => m.id).sort(), `${id}: every metric is drawn once`);
    }
  });

  test('offered load, throughput and goodput are drawn at first; latency uses a log scale', () => {
    const groups = chartGroups(listModels().find((m) => m.id === 'missing-timeout')!.metrics);
    const rates = groups[0]!;
    const shown = rates.metrics.filter((_, i) => initiallyVisible(rates, i)).map((m) => m.id);
    assert.deepEqual(shown.slice(0, 3), ['offered', 'throughput', 'goodput']);
    assert.equal(groups[1]!.log, true);
    assert.equal(groups[0]!.log, false);
  });

  test('columns are aligned on time in seconds; a log scale turns zeros into gaps', () => {
    const result = runModel('missing-timeout', { timeoutMs: 0 }, { horizonMs: 20_000 });
    const [rates, latency] = chartGroups(result.metrics);
    const data = groupData(result, rates!);
    assert.equal(data.length, rates!.metrics.length + 1);
    assert.ok(data.every((column) => column.length === result.series.t.length));
    assert.equal(data[0]![1], result.series.bucketMs / 1000);
    assert.ok(
      groupData(result, latency!)
        .slice(1)
        .every((column) => column.every((v) => v === null || v > 0)),
    );
  });

  test('both runs share the y range and the x extent', () => {
    const written = runModel('missing-timeout', { timeoutMs: 0 }, { horizonMs: 30_000 });
    const fixed = runModel('missing-timeout', { timeoutMs: 1000 }, { horizonMs: 30_000 });
    const [rates, latency] = chartGroups(written.metrics);
    const [, maxBoth] = sharedRange([written, fixed], rates!)!;
    assert.ok(maxBoth >= sharedRange([written], rates!)![1] && maxBoth >= sharedRange([fixed], rates!)![1]);
    const [low, high] = sharedRange([written, fixed], latency!)!;
    assert.equal(Math.log10(low) % 1, 0, 'log ranges are whole decades');
    assert.equal(Math.log10(high) % 1, 0);
    assert.equal(sharedEndSeconds([written, fixed]), 30);
  });
});

describe('headline numbers', () => {
  test('labels and formats come from the value names', () => {
    assert.equal(labelOf('latencyP99Ms'), 'Latency p99');
    assert.equal(labelOf('goodputPerSec'), 'Goodput per second');
    assert.equal(labelOf('minGoodputFraction'), 'Min goodput');
    assert.equal(formatValue('latencyP99Ms', 2500), '2.5 s');
    assert.equal(formatValue('goodputPerSec', 190.4), '190/s');
    assert.equal(formatValue('goodputFraction', 0.95), '95 %');
    assert.equal(formatValue('recoveryMs', null), 'did not recover');
    assert.equal(formatValue('metastable', true), 'yes');
  });

  test('rows pair both runs; the key figures come first in a fixed order', () => {
    const written = runModel('missing-timeout', { timeoutMs: 0 }, { horizonMs: 30_000 });
    const fixed = runModel('missing-timeout', { timeoutMs: 1000 }, { horizonMs: 30_000 });
    const rows = headlineRows(written.summary, fixed.summary);
    assert.ok(rows.every((row) => row.fixed !== undefined));
    assert.deepEqual(
      keyFigures(rows).map((row) => row.key),
      ['goodputFraction', 'minGoodputFraction', 'recoveryMs', 'latencyP99Ms'],
    );
    assert.equal(headlineRows(written.summary)[0]!.fixed, undefined);
  });
});
