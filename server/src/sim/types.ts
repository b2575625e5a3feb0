/** The public vocabulary of the simulator: what listModels() and runModel() hand out. */

export type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

export interface ParamSpec {
  name: string;
  label: string;
  description: string;
  /** `integer` is a number that must be whole; `enum` is a string from `values`. */
  type: 'number' | 'integer' | 'boolean' | 'enum';
  /** Unit as people write it: `ms`, `1/s`, `count`, `fraction`, `×`. Absent for enums/booleans. */
  unit?: string;
  default: ParamValue;
  min?: number;
  max?: number;
  values?: readonly string[];
}

/**
 * How a metric's time series is computed from the recorders:
 * - `rate`: a counter per second (events/s);
 * - `gauge`: the time-weighted average of a level over each bucket;
 * - `quantile`: a percentile of a histogram's samples recorded in each bucket;
 * - `ratio`: 100 × numerator counter / denominator counter in each bucket (a percentage).
 */
export type MetricKind = 'rate' | 'gauge' | 'quantile' | 'ratio';

export interface MetricSpec {
  id: string;
  label: string;
  unit: string;
  kind: MetricKind;
  description?: string;
  /** Recorder the series reads (counter, gauge or histogram); defaults to `id`. */
  source?: string;
  /** For `quantile`: which one (0.99 for p99). */
  q?: number;
  /** For `ratio`: counter ids. */
  numerator?: string;
  denominator?: string;
}

export interface ModelInfo {
  id: string;
  title: string;
  description: string;
  params: ParamSpec[];
  metrics: MetricSpec[];
  defaultHorizonMs: number;
}

export interface SimulationSummary {
  /** The sentence a person reads first. */
  headline: string;
  /** Further sentences, most important first. */
  details: string[];
  /** The numbers behind the sentences (units in the names); null when not measurable. */
  values: Record<string, number | string | boolean | null>;
}

export interface SimulationSeries {
  /** Width of each bucket; point i covers [i·bucketMs, (i+1)·bucketMs). */
  bucketMs: number;
  /** Start time of each bucket, ms. */
  t: number[];
  /** Metric id → one value per bucket (null where undefined, e.g. a percentile of nothing). */
  values: Record<string, Array<number | null>>;
}

export interface SimulationResult {
  schema: 'goodput.simulation/1';
  model: string;
  /** All parameters, defaults filled in. */
  params: ParamValues;
  seed: number;
  horizonMs: number;
  /** Virtual time reached: the horizon, or earlier if the run was cancelled or ran out of events. */
  endMs: number;
  events: number;
  cancelled: boolean;
  summary: SimulationSummary;
  metrics: MetricSpec[];
  series: SimulationSeries;
}

export interface RunOptions {
  seed?: number;
  horizonMs?: number;
  shouldCancel?: () => boolean;
  /** How often shouldCancel is polled, in events (default 16384). */
  cancelCheckEvents?: number;
}
