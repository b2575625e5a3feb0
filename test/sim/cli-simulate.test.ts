import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulateCommand } from '../../server/src/cli/commands/simulate';
import { listModels } from '../../server/src/sim/index';

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runSimulateCommand(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

test('--list prints every model with its params (name, unit, default, range)', () => {
  const { code, out } = cli('--list');
  assert.equal(code, 0);
  for (const m of listModels()) {
    assert.match(out, new RegExp(`^${m.id} — `, 'm'));
    for (const p of m.params) assert.match(out, new RegExp(`^  ${p.name} `, 'm'));
  }
  assert.match(out, /timeoutMs +number in \[0, 3600000\] ms \(default 1000\)/);
});

test('--list --format json is the model catalogue', () => {
  const { code, out } = cli('--list', '--format', 'json');
  assert.equal(code, 0);
  const parsed = JSON.parse(out) as {
    schema: string;
    models: Array<{ id: string; params: unknown[]; metrics: unknown[] }>;
  };
  assert.equal(parsed.schema, 'goodput.models/1');
  assert.deepEqual(
    parsed.models.map((m) => m.id),
    listModels().map((m) => m.id),
  );
});

test('a run prints the headline first, then the numbers', () => {
  const { code, out } = cli('retry-storm', '--param', 'discipline=lifo', '--seed', '3', '--horizon', '30s');
  assert.equal(code, 0);
  const lines = out.split('\n');
  assert.match(lines[0]!, /^retry-storm · seed 3 · horizon 30 s · [\d,]+ events$/);
  assert.match(lines[2]!, /^Goodput /);
  assert.match(out, /params: discipline=lifo/);
});

test('--format json gives the documented result; --series adds the time series', () => {
  const plain = JSON.parse(cli('queue', '--format', 'json', '--horizon', '10s').out) as Record<string, unknown>;
  assert.equal(plain.schema, 'goodput.simulation/1');
  assert.equal(plain.model, 'queue');
  assert.equal(plain.horizonMs, 10_000);
  assert.equal(plain.series, undefined);
  const full = JSON.parse(cli('queue', '--format', 'json', '--horizon', '10s', '--series').out) as {
    series: { t: number[]; values: Record<string, unknown[]> };
  };
  assert.ok(full.series.t.length > 0);
  assert.equal(full.series.values.throughput!.length, full.series.t.length);
});

test('--series in text prints a tab-separated table', () => {
  const { out } = cli('queue', '--series', '--horizon', '10s');
  assert.match(out, /^t_ms\tarrivals\tthroughput/m);
});

test('params accept durations for ms params and words for booleans', () => {
  const { code, out } = cli(
    'retry-storm',
    '-p',
    'timeoutMs=2s',
    '-p',
    'retryBudget=on',
    '--format',
    'json',
    '--horizon',
    '20s',
  );
  assert.equal(code, 0);
  const r = JSON.parse(out) as { params: Record<string, unknown> };
  assert.equal(r.params.timeoutMs, 2000);
  assert.equal(r.params.retryBudget, true);
});

test('same seed, same output', () => {
  assert.equal(
    cli('cache-stampede', '--seed', '9', '--format', 'json').out,
    cli('cache-stampede', '--seed', '9', '--format', 'json').out,
  );
});

test('bad input exits 2 with a message listing what is valid', () => {
  const model = cli('nope');
  assert.equal(model.code, 2);
  assert.match(model.err, /unknown model "nope"; valid models: queue, retry-storm/);

  const param = cli('retry-storm', '--param', 'retries=3');
  assert.equal(param.code, 2);
  assert.match(param.err, /unknown parameter "retries".*valid parameters: .*attempts/);
  assert.match(param.err, /attempts=integer in \[1, 1000\]/);

  const range = cli('retry-storm', '--param', 'attempts=0');
  assert.equal(range.code, 2);
  assert.match(range.err, /attempts=0 is below the minimum 1/);

  const choice = cli('retry-storm', '--param', 'discipline=random');
  assert.equal(choice.code, 2);
  assert.match(choice.err, /fifo\|lifo\|drop-expired/);

  for (const argv of [
    ['queue', '--horizon', 'soon'],
    ['queue', '--seed', '1.5'],
    ['queue', '--format', 'xml'],
    ['queue', '--param', 'servers'],
    ['queue', '--frobnicate'],
    [],
    ['queue', 'retry-storm'],
  ]) {
    const r = cli(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /usage: goodput simulate/, argv.join(' '));
  }
});

test('--help prints usage and succeeds', () => {
  const { code, out } = cli('--help');
  assert.equal(code, 0);
  assert.match(out, /usage: goodput simulate/);
});
