import { parseArgs } from 'node:util';
import {
  DEFAULT_SEED,
  SimulationInputError,
  describeParam,
  findModel,
  listModels,
  parseDurationMs,
  runModel,
  type ModelInfo,
  type ParamValues,
  type SimulationResult,
} from '../../sim/index';

export interface SimulateIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = `usage: goodput simulate --list [--format text|json]
       goodput simulate <model> [--param name=value …] [--seed N] [--horizon 60s] [--series] [--format text|json]`;

class UsageError extends Error {}

/** `goodput simulate …`: argv is what follows the word `simulate`; returns the exit code. */
export function runSimulateCommand(argv: string[], io: SimulateIo): number {
  try {
    return simulate(argv, io);
  } catch (e) {
    if (e instanceof SimulationInputError || e instanceof UsageError) {
      io.err(`goodput simulate: ${e.message}\n`);
      const listed = e instanceof SimulationInputError && e.valid.every((v) => e.message.includes(v));
      if (e instanceof SimulationInputError && e.valid.length > 1 && !listed)
        io.err(e.valid.map((v) => `  ${v}`).join('\n') + '\n');
      if (e instanceof UsageError) io.err(`${USAGE}\n`);
      return 2;
    }
    io.err(`goodput simulate: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function simulate(argv: string[], io: SimulateIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        list: { type: 'boolean' },
        format: { type: 'string' },
        param: { type: 'string', short: 'p', multiple: true },
        seed: { type: 'string' },
        horizon: { type: 'string' },
        series: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
  if (values.list === true) {
    if (positionals.length > 0) throw new UsageError('--list takes no model name');
    const models = listModels();
    io.out(
      format === 'json' ? `${JSON.stringify({ schema: 'goodput.models/1', models }, null, 2)}\n` : listText(models),
    );
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? `name a model (${listModels()
            .map((m) => m.id)
            .join(', ')}) or use --list`
        : `one model at a time, got ${positionals.join(' ')}`,
    );
  }
  const model = findModel(positionals[0]!);
  const params = parseParams(values.param ?? []);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new UsageError(`--seed must be an integer in [0, 4294967295], got "${values.seed}"`);
  let horizonMs: number | undefined;
  if (values.horizon !== undefined) {
    horizonMs = parseDurationMs(values.horizon);
    if (horizonMs === undefined || !(horizonMs > 0))
      throw new UsageError(`--horizon must be a positive duration like 60s, 90000ms or 2m, got "${values.horizon}"`);
  }
  const result = runModel(model.id, params, { seed, ...(horizonMs !== undefined ? { horizonMs } : {}) });
  const withSeries = values.series === true;
  if (format === 'json') {
    io.out(`${JSON.stringify(withSeries ? result : withoutSeries(result), null, 2)}\n`);
  } else {
    io.out(resultText(result, withSeries));
  }
  return 0;
}

function withoutSeries(r: SimulationResult): Omit<SimulationResult, 'series'> {
  const copy: Partial<SimulationResult> = { ...r };
  delete copy.series;
  return copy as Omit<SimulationResult, 'series'>;
}

/** `--param a=1 --param b=x`; values stay strings here and are typed by the model's specs. */
function parseParams(raw: string[]): ParamValues {
  const out: ParamValues = {};
  for (const item of raw) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects name=value, got "${item}"`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

function listText(models: ModelInfo[]): string {
  const lines: string[] = [];
  for (const m of models) {
    lines.push(`${m.id} — ${m.title}`, `  ${m.description}`, `  default horizon ${m.defaultHorizonMs / 1000} s`);
    const width = Math.max(...m.params.map((p) => p.name.length));
    for (const p of m.params) {
      lines.push(`  ${p.name.padEnd(width)}  ${describeParam(p).slice(p.name.length + 1)}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function resultText(r: SimulationResult, withSeries: boolean): string {
  const lines = [
    `${r.model} · seed ${r.seed} · horizon ${r.horizonMs / 1000} s · ${r.events.toLocaleString('en-US')} events${r.cancelled ? ' · cancelled' : ''}`,
    '',
    r.summary.headline,
    ...r.summary.details.map((d) => `  ${d}`),
    '',
  ];
  const width = Math.max(...Object.keys(r.summary.values).map((k) => k.length));
  for (const [k, v] of Object.entries(r.summary.values)) lines.push(`  ${k.padEnd(width)}  ${formatValue(v)}`);
  const changed = Object.entries(r.params).filter(
    ([name, v]) => findModel(r.model).params.find((p) => p.name === name)?.default !== v,
  );
  if (changed.length > 0) lines.push('', `  params: ${changed.map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
  if (withSeries) {
    const ids = r.metrics.map((m) => m.id);
    lines.push('', ['t_ms', ...ids].join('\t'));
    r.series.t.forEach((t, i) =>
      lines.push([t, ...ids.map((id) => formatValue(r.series.values[id]![i] ?? null))].join('\t')),
    );
  }
  return `${lines.join('\n')}\n`;
}

function formatValue(v: number | string | boolean | null): string {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}
