import type { MetricSpec, SimulationResult } from '../sim/types';

// Which charts a model gets, from its declared metrics alone (no per-model chart code): one chart
// per unit, in a fixed order — rates (offered load, throughput, goodput), latency percentiles,
// levels of the model's resource (queue, pool, in flight, DB load), percentages, then the rest.

export interface ChartGroup {
  id: string;
  title: string;
  unit: string;
  /** Latency spans milliseconds to minutes: a log scale keeps both readable. */
  log: boolean;
  metrics: MetricSpec[];
}

const UNIT_ORDER = ['1/s', 'ms', 'count', '%'];
const UNIT_TITLES: Record<string, string> = {
  '1/s': 'Load, throughput and goodput (per second)',
  ms: 'Latency (ms)',
  '%': 'Success rate (%)',
};
/** Rates drawn at first; the others start hidden (a click on the legend shows them). */
const PRIMARY_RATES = 4;

export function chartGroups(metrics: readonly MetricSpec[]): ChartGroup[] {
  const byUnit = new Map<string, MetricSpec[]>();
  for (const metric of metrics) byUnit.set(metric.unit, [...(byUnit.get(metric.unit) ?? []), metric]);
  const rank = (unit: string) => (UNIT_ORDER.includes(unit) ? UNIT_ORDER.indexOf(unit) : UNIT_ORDER.length);
  return [...byUnit.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([unit, members]) => ({
      id: `unit-${unit.replace(/[^\w]/g, '_')}`,
      title: UNIT_TITLES[unit] ?? `${members.map((m) => m.label).join(' · ')} (${unit})`,
      unit,
      log: unit === 'ms' && members.every((m) => m.kind === 'quantile'),
      metrics: members,
    }));
}

export function initiallyVisible(group: ChartGroup, index: number): boolean {
  return group.unit !== '1/s' || index < PRIMARY_RATES;
}

/** uPlot's columnar data: time in seconds, then one column per metric (null where undefined). */
export function groupData(result: SimulationResult, group: ChartGroup): Array<Array<number | null>> {
  const x = result.series.t.map((ms) => ms / 1000);
  const columns = group.metrics.map((metric) => {
    const values = result.series.values[metric.id] ?? x.map(() => null);
    // A log scale cannot place zero; an empty bucket is a gap, not a cliff.
    return group.log ? values.map((v) => (v !== null && v > 0 ? v : null)) : values;
  });
  return [x, ...columns];
}

/**
 * One y range for the same chart on both sides, so "as written" and "with the fix" compare at a
 * glance; undefined when there is nothing to draw.
 */
export function sharedRange(results: readonly SimulationResult[], group: ChartGroup): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const result of results) {
    for (const metric of group.metrics) {
      for (const v of result.series.values[metric.id] ?? []) {
        if (v === null || (group.log && v <= 0)) continue;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  if (!Number.isFinite(min)) return undefined;
  // Whole decades: uPlot places log ticks on powers of ten.
  if (group.log)
    return [10 ** Math.floor(Math.log10(Math.max(min, 0.01))), 10 ** Math.ceil(Math.log10(Math.max(max, min * 10)))];
  return [Math.min(0, min), max > 0 ? max * 1.05 : 1];
}

/** The x extent, shared too: the longer of the two runs. */
export function sharedEndSeconds(results: readonly SimulationResult[]): number {
  return Math.max(...results.map((r) => r.endMs / 1000), 1);
}
