/**
 * The simulator's public surface: the language server (goodput/simulate, goodput/listModels)
 * and the CLI (goodput simulate) use only these.
 */
export { runModel, listModels, findModel, DEFAULT_SEED, startRun, type SteppedRun } from './run';
export { SimulationInputError } from './errors';
export { parseDurationMs, coerceParam, describeParam } from './params';
export type {
  MetricKind,
  MetricSpec,
  ModelInfo,
  ParamSpec,
  ParamValue,
  ParamValues,
  RunOptions,
  SimulationResult,
  SimulationSeries,
  SimulationSummary,
} from './types';
