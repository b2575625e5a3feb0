import type { ModelInfo, ParamValues, RunOptions, SimulationResult } from './types';
import { MODELS } from './registry';
import { startRun } from './stepped-run';

export { findModel } from './registry';
export { DEFAULT_SEED, startRun, type SteppedRun } from './stepped-run';

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

/**
 * Runs one model with the given parameters in one go. Pure: the result depends only on the
 * arguments (same seed, same result), nothing is read from the clock or the environment.
 * A host that must stay responsive during a run drives startRun() in slices instead.
 */
export function runModel(id: string, params: Readonly<ParamValues> = {}, options: RunOptions = {}): SimulationResult {
  const run = startRun(id, params, options);
  run.step(Infinity);
  return run.result();
}
