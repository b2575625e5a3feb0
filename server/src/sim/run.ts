import { Simulation } from './engine';
import { SimulationInputError } from './errors';
import { Recorders } from './metrics/recorders';
import { Timeline } from './metrics/timeline';
import { Params, type ModelDefinition } from './model';
import { resolveParams } from './params';
import type { ModelInfo, ParamValues, RunOptions, SimulationResult } from './types';
import { MODELS } from './registry';

export const DEFAULT_SEED = 1;
/** Guards against a model scheduling without bound (e.g. a parameter set that explodes). */
const MAX_EVENTS = 200_000_000;
const MAX_HORIZON_MS = 1e12;

export function listModels(): ModelInfo[] {
  return MODELS.map(({ id, title, description, params, metrics, defaultHorizonMs }) => ({
    id,
    title,
    description,
    params: params.map((p) => ({ ...p })),
    metrics: metrics.map((m) => ({ ...m })),
    defaultHorizonMs,
  }));
}

export function findModel(id: string): ModelDefinition {
  const model = MODELS.find((m) => m.id === id);
  if (model === undefined) {
    const ids = MODELS.map((m) => m.id);
    throw new SimulationInputError(`unknown model "${id}"; valid models: ${ids.join(', ')}`, ids);
  }
  return model;
}

/**
 * Runs one model with the given parameters. Pure: the result depends only on the arguments
 * (same seed, same result), nothing is read from the clock or the environment.
 */
export function runModel(id: string, params: Readonly<ParamValues> = {}, options: RunOptions = {}): SimulationResult {
  const model = findModel(id);
  const values = resolveParams(id, model.params, params);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new SimulationInputError(`seed must be an integer, got ${seed}`);
  const horizonMs = options.horizonMs ?? Math.min(model.horizonFor?.(values) ?? model.defaultHorizonMs, MAX_HORIZON_MS);
  if (!(horizonMs > 0 && horizonMs <= MAX_HORIZON_MS)) {
    throw new SimulationInputError(`horizon must be in (0, ${MAX_HORIZON_MS}] ms, got ${horizonMs}`);
  }
  const sim = new Simulation(seed);
  const rec = new Recorders(Timeline.forHorizon(horizonMs));
  const run = model.setup({ sim, rec, p: new Params(values), horizonMs });
  const outcome = sim.run({
    untilMs: horizonMs,
    ...(options.shouldCancel !== undefined ? { shouldCancel: options.shouldCancel } : {}),
    ...(options.cancelCheckEvents !== undefined ? { cancelCheckEvents: options.cancelCheckEvents } : {}),
    maxEvents: MAX_EVENTS,
  });
  const endMs = outcome.endMs;
  const series = rec.series(model.metrics, endMs);
  const summary = run.summarize({ endMs, horizonMs, cancelled: outcome.cancelled, series, rec });
  if (outcome.cancelled)
    summary.details.unshift(`Cancelled at ${(endMs / 1000).toFixed(1)} s of ${horizonMs / 1000} s.`);
  if (outcome.truncated) summary.details.unshift(`Stopped after ${MAX_EVENTS} events (the event budget).`);
  return {
    schema: 'goodput.simulation/1',
    model: id,
    params: values,
    seed,
    horizonMs,
    endMs,
    events: outcome.events,
    cancelled: outcome.cancelled,
    summary,
    metrics: model.metrics.map((m) => ({ ...m })),
    series,
  };
}
