import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspTestClient } from '../helpers/lsp-client';

describe('goodput/simulate and goodput/listModels over stdio', { timeout: 60_000 }, () => {
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'goodput-sim-'));
    client = new LspTestClient();
    await client.initialize(root);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('lists the models with their params and metrics', async () => {
    const models = (await client.connection.sendRequest('goodput/listModels')) as Array<{ id: string; params: unknown[]; metrics: unknown[] }>;
    const ids = models.map((model) => model.id);
    for (const id of ['queue', 'retry-storm', 'pool-exhaustion', 'missing-timeout', 'cache-stampede']) assert.ok(ids.includes(id), id);
    assert.ok(models.every((model) => model.params.length > 0 && model.metrics.length > 0));
  });

  test('runs a finding\'s scenario as written and fixed; the fix recovers', async () => {
    const run = async (timeoutMs: number) =>
      (await client.connection.sendRequest('goodput/simulate', { model: 'missing-timeout', params: { timeoutMs }, seed: 7 })) as {
        schema: string;
        summary: { headline: string; values: Record<string, number | null> };
        series: { t: number[]; values: Record<string, Array<number | null>> };
      };
    const written = await run(0);
    const fixed = await run(10_000);
    assert.equal(written.schema, 'goodput.simulation/1');
    assert.ok(written.series.t.length > 0 && Object.keys(written.series.values).includes('goodput'));
    assert.ok(fixed.summary.values.goodputFraction! > written.summary.values.goodputFraction!, `${written.summary.headline} vs ${fixed.summary.headline}`);
  });

  test('bad input is an InvalidParams error that lists what is valid, and the server lives on', async () => {
    await assert.rejects(client.connection.sendRequest('goodput/simulate', { model: 'nope' }), (error: Error & { code?: number }) => {
      assert.equal(error.code, -32602);
      assert.match(error.message, /retry-storm/);
      return true;
    });
    await assert.rejects(client.connection.sendRequest('goodput/simulate', { model: 'queue', params: { bogus: 1 } }), /bogus/);
    await assert.rejects(client.connection.sendRequest('goodput/simulate', 42), /needs \{ model/);
    const models = (await client.connection.sendRequest('goodput/listModels')) as unknown[];
    assert.ok(models.length > 0);
  });

  test('a long run is cancellable mid-run: it rejects with RequestCancelled and the server answers at once', async () => {
    const order: string[] = [];
    const source = new CancellationTokenSource();
    // A horizon of 1e12 ms is minutes of events: the run can only end early by being cancelled.
    const run = client.connection
      .sendRequest('goodput/simulate', { model: 'retry-storm', horizonMs: 1e12 }, source.token)
      .then(
        () => {
          order.push('simulate resolved');
          return undefined;
        },
        (error: Error & { code?: number }) => {
          order.push('simulate rejected');
          return error;
        },
      );
    // Requests are dispatched in order: listModels is answered only after the run has started,
    // and only because the run yields to the event loop between slices.
    await client.connection.sendRequest('goodput/listModels');
    order.push('listModels answered during the run');
    source.cancel();
    const error = await run;
    assert.deepEqual(order, ['listModels answered during the run', 'simulate rejected']);
    assert.equal(error?.code, -32800);
    const models = (await client.connection.sendRequest('goodput/listModels')) as unknown[];
    assert.ok(models.length > 0, 'the server answers after the cancelled run');
  });
});
