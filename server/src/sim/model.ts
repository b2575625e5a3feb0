import type { Simulation } from './engine';
import type { Recorders } from './metrics/recorders';
import type { ModelInfo, ParamValues, SimulationSeries, SimulationSummary } from './types';

/** Typed access to a run's resolved parameters (validated before the model sees them). */
export class Params {
  constructor(readonly values: Readonly<ParamValues>) {}

  num(name: string): number {
    const v = this.values[name];
    if (typeof v !== 'number') throw new TypeError(`param ${name} is not a number`);
    return v;
  }

  str(name: string): string {
    const v = this.values[name];
    if (typeof v !== 'string') throw new TypeError(`param ${name} is not a string`);
    return v;
  }

  bool(name: string): boolean {
    const v = this.values[name];
    if (typeof v !== 'boolean') throw new TypeError(`param ${name} is not a boolean`);
    return v;
  }
}

export interface ModelContext {
  sim: Simulation;
  rec: Recorders;
  p: Params;
  horizonMs: number;
}

/** What a model can look at once the run is over, to write its summary. */
export interface RunView {
  endMs: number;
  horizonMs: number;
  cancelled: boolean;
  series: SimulationSeries;
  rec: Recorders;
}

export interface ModelRun {
  summarize(view: RunView): SimulationSummary;
}

/**
 * A model: its parameters and metrics (declared, so any UI can draw it) and a setup function
 * that registers handlers on the simulation, schedules the first events and returns how to
 * summarise the run.
 */
export interface ModelDefinition extends ModelInfo {
  setup(ctx: ModelContext): ModelRun;
  /**
   * The horizon to use when the caller gives none, if it depends on the params (a cache whose
   * TTL is 300 s needs more than 300 s to show an expiry); default: `defaultHorizonMs`.
   */
  horizonFor?(params: Readonly<ParamValues>): number;
}

export function defineModel(def: ModelDefinition): ModelDefinition {
  const ids = new Set<string>();
  for (const m of def.metrics) {
    if (ids.has(m.id)) throw new Error(`${def.id}: metric ${m.id} declared twice`);
    ids.add(m.id);
  }
  const names = new Set<string>();
  for (const p of def.params) {
    if (names.has(p.name)) throw new Error(`${def.id}: param ${p.name} declared twice`);
    names.add(p.name);
  }
  return def;
}
