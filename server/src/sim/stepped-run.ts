import { Simulation } from './engine';
import { SimulationInputError } from './errors';
import { Recorders } from './metrics/recorders';
import { Timeline } from './metrics/timeline';
import { Params, type ModelRun } from './model';
import { resolveParams } from './params';
import { findModel } from './registry';
import type { ParamValues, RunOptions, SimulationResult } from './types';

export const DEFAULT_SEED = 1;
/** Guards against a model scheduling without bound (e.g. a parameter set that explodes). */
const MAX_EVENTS = 200_000_000;
const MAX_HORIZON_MS = 1e12;

/**
 * A run the caller drives: step() processes at most `maxEvents` events and says whether the run
 * is over, so a host can yield between slices (to read a cancellation, to stay responsive).
 * Events are processed in the same order however the run is sliced: same seed, same result.
 */
export interface SteppedRun {
  /** Processes up to `maxEvents` more events; true once the run is over (then a no-op). */
  step(maxEvents: number): boolean;
  readonly done: boolean;
  /** Events processed so far. */
  readonly events: number;
  /**
   * The result. Ends the run: one that is not over yet is reported as cancelled at the virtual
   * time it reached, as runModel() reports a run whose shouldCancel returned true.
   */
  result(): SimulationResult;
}

/**
 * Validates the input and sets the model up; throws SimulationInputError for bad input. Nothing
 * runs until step(). `options.shouldCancel` is polled every `cancelCheckEvents` events inside a step.
 */
export function startRun(id: string, params: Readonly<ParamValues> = {}, options: RunOptions = {}): SteppedRun {
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
  const modelRun: ModelRun = model.setup({ sim, rec, p: new Params(values), horizonMs });

  let events = 0;
  let done = false;
  let cancelled = false;
  let truncated = false;
  let finished: SimulationResult | undefined;

  const step = (maxEvents: number): boolean => {
    if (done) return true;
    const budgetLeft = MAX_EVENTS - events;
    const sliceEvents = Math.min(budgetLeft, Math.max(1, Math.floor(maxEvents)));
    const outcome = sim.run({
      untilMs: horizonMs,
      ...(options.shouldCancel !== undefined ? { shouldCancel: options.shouldCancel } : {}),
      ...(options.cancelCheckEvents !== undefined ? { cancelCheckEvents: options.cancelCheckEvents } : {}),
      maxEvents: sliceEvents,
    });
    events += outcome.events;
    cancelled = outcome.cancelled;
    // A slice that used all its events has more to do, unless that was the whole event budget.
    truncated = outcome.truncated && events >= MAX_EVENTS;
    done = !outcome.truncated || truncated;
    return done;
  };

  const result = (): SimulationResult => {
    if (finished !== undefined) return finished;
    if (!done) {
      cancelled = true;
      done = true;
    }
    const endMs = sim.now;
    const series = rec.series(model.metrics, endMs);
    const summary = modelRun.summarize({ endMs, horizonMs, cancelled, series, rec });
    if (cancelled) summary.details.unshift(`Cancelled at ${(endMs / 1000).toFixed(1)} s of ${horizonMs / 1000} s.`);
    if (truncated) summary.details.unshift(`Stopped after ${MAX_EVENTS} events (the event budget).`);
    finished = {
      schema: 'goodput.simulation/1',
      model: id,
      params: values,
      seed,
      horizonMs,
      endMs,
      events,
      cancelled,
      summary,
      metrics: model.metrics.map((m) => ({ ...m })),
      series,
    };
    return finished;
  };

  return {
    step,
    result,
    get done() {
      return done;
    },
    get events() {
      return events;
    },
  };
}
