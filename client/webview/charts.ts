import uPlot from 'uplot';
import {
  groupData,
  initiallyVisible,
  sharedEndSeconds,
  sharedRange,
  type ChartGroup,
} from '../../server/src/report/chart-groups';
import { triggerWindowMs, type TimeWindowMs } from '../../server/src/report/scenario';
import { fmtNum } from '../../server/src/sim/format';
import type { SimulationResult } from '../../server/src/sim/types';
import type { ChartTheme } from './theme';

// One uPlot chart per (metric group, run). Charts of one comparison share a cursor (sync key),
// the x extent and, per group, the y range; the trigger window is shaded behind the lines.

const CHART_HEIGHT_PX = 170;

export interface ChartRequest {
  group: ChartGroup;
  result: SimulationResult;
  /** Both runs of the comparison: for the shared ranges. */
  all: readonly SimulationResult[];
  theme: ChartTheme;
  syncKey: string;
  widthPx: number;
  /** Names the run for screen readers ("as written"). */
  runLabel: string;
}

export function drawChart(target: HTMLElement, request: ChartRequest): uPlot {
  const { group, result, theme } = request;
  const range = sharedRange(request.all, group);
  const axis = {
    stroke: theme.foreground,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
  };
  const window = triggerWindowMs(result.params);
  const options: uPlot.Options = {
    width: request.widthPx,
    height: CHART_HEIGHT_PX,
    scales: {
      x: { time: false, range: [0, sharedEndSeconds(request.all)] },
      y: { distr: group.log ? 3 : 1, ...(range ? { range } : {}) },
    },
    series: [
      { label: 'Time', value: (_u, v) => (v === null || v === undefined ? '—' : `${fmtNum(v)} s`) },
      ...group.metrics.map((metric, index) => ({
        label: metric.label,
        stroke: theme.colour(metric.id, index),
        width: theme.lineWidth,
        dash: theme.dashed(metric.id) ? [6, 4] : undefined,
        show: initiallyVisible(group, index),
        value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : fmtNum(v)),
      })),
    ],
    axes: [
      { ...axis, values: (_u, ticks) => ticks.map((t) => `${fmtNum(t)} s`) },
      { ...axis, size: 56, values: (_u, ticks) => ticks.map((t) => (t === null ? '' : compact(t))) },
    ],
    cursor: { sync: { key: request.syncKey, setSeries: true } },
    legend: { show: true, live: true },
    hooks: { drawClear: [(u: uPlot) => shadeWindow(u, window, theme.triggerFill)] },
  };
  target.setAttribute('role', 'img');
  target.setAttribute('aria-label', `${group.title}, ${request.runLabel}. The numbers are in the table below.`);
  return new uPlot(options, groupData(result, group) as uPlot.AlignedData, target);
}

function shadeWindow(u: uPlot, window: TimeWindowMs | undefined, fill: string): void {
  if (!window) return;
  const left = u.valToPos(window.startMs / 1000, 'x', true);
  const right = u.valToPos(window.endMs / 1000, 'x', true);
  const { top, height } = u.bbox;
  const x0 = Math.max(left, u.bbox.left);
  const x1 = Math.min(right, u.bbox.left + u.bbox.width);
  if (x1 <= x0) return;
  u.ctx.save();
  u.ctx.fillStyle = fill;
  u.ctx.fillRect(x0, top, x1 - x0, height);
  u.ctx.restore();
}

/** Axis labels: 1200 → "1.2k", 0.004 → "0.004". */
function compact(value: number): string {
  const a = Math.abs(value);
  if (a >= 1e6) return `${+(value / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(value / 1e3).toPrecision(3)}k`;
  return `${+value.toPrecision(3)}`;
}
