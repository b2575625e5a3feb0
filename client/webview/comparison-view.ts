import type uPlot from 'uplot';
import { chartGroups } from '../../server/src/report/chart-groups';
import { headlineRows, keyFigures, type HeadlineRow } from '../../server/src/report/headline';
import type { SimulationResult } from '../../server/src/sim/types';
import { drawChart } from './charts';
import { h } from './dom';
import type { ChartTheme } from './theme';

// "As written" next to "with the fix": the headline sentences and key figures, one row of
// charts per metric group, and every number in a table (the accessible form of the charts).
// Shared by the panel and the report.

export interface Comparison {
  written: SimulationResult;
  fixed?: SimulationResult;
  syncKey: string;
}

export interface ComparisonView {
  element: HTMLElement;
  /** Draws the charts; call once the element is in the document (charts need its width). */
  draw(theme: ChartTheme): void;
  dispose(): void;
}

const RUN_LABELS = { written: 'As written', fixed: 'With the fix' } as const;

export function comparisonView(comparison: Comparison): ComparisonView {
  const runs = comparison.fixed ? [comparison.written, comparison.fixed] : [comparison.written];
  const labels = comparison.fixed ? [RUN_LABELS.written, RUN_LABELS.fixed] : ['Simulated'];
  const rows = headlineRows(comparison.written.summary, comparison.fixed?.summary);
  const groups = chartGroups(comparison.written.metrics);
  const slots = groups.map((group) => ({ group, cells: runs.map(() => h('div', { class: 'chart' })) }));
  const element = h(
    'div',
    { class: `comparison columns-${runs.length}` },
    h(
      'div',
      { class: 'headlines' },
      runs.map((run, i) =>
        h(
          'section',
          { class: `headline run-${i}`, 'aria-label': labels[i] },
          h('h3', {}, labels[i]!),
          h('p', {}, run.summary.headline),
        ),
      ),
    ),
    figures(keyFigures(rows), labels),
    slots.map(({ group, cells }) =>
      h(
        'section',
        { class: 'chart-row', 'data-group': group.id },
        h('h3', {}, group.title),
        h('div', { class: 'chart-cells' }, cells),
      ),
    ),
    numbersTable(rows, labels, runs),
  );
  let charts: uPlot[] = [];
  const dispose = () => {
    for (const chart of charts) chart.destroy();
    charts = [];
  };
  return {
    element,
    draw(theme) {
      dispose();
      for (const { group, cells } of slots) {
        cells.forEach((cell, i) => {
          const widthPx = Math.max(240, Math.floor(cell.getBoundingClientRect().width || 320));
          charts.push(
            drawChart(cell, {
              group,
              result: runs[i]!,
              all: runs,
              theme,
              syncKey: comparison.syncKey,
              widthPx,
              runLabel: labels[i]!.toLowerCase(),
            }),
          );
        });
      }
    },
    dispose,
  };
}

function figures(rows: HeadlineRow[], labels: string[]): HTMLElement {
  return h(
    'div',
    { class: 'figures', 'aria-hidden': 'true' },
    rows.map((row) =>
      h(
        'div',
        { class: 'figure' },
        h('div', { class: 'figure-label' }, row.label),
        h(
          'div',
          { class: 'figure-values' },
          h('span', { class: 'run-0', title: labels[0] }, row.written),
          row.fixed !== undefined && h('span', { class: 'arrow' }, '→'),
          row.fixed !== undefined && h('span', { class: 'run-1', title: labels[1] }, row.fixed),
        ),
      ),
    ),
  );
}

function numbersTable(rows: HeadlineRow[], labels: string[], runs: SimulationResult[]): HTMLElement {
  // Key figures first, in the same order as above the charts, then the rest as the model reports them.
  const first = keyFigures(rows);
  const ordered = [...first, ...rows.filter((row) => !first.includes(row))];
  return h(
    'table',
    { class: 'numbers' },
    h('caption', {}, 'Headline numbers of each run'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Measure'),
        labels.map((label) => h('th', { scope: 'col' }, label)),
      ),
    ),
    h(
      'tbody',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, 'Summary'),
        runs.map((run) => h('td', {}, run.summary.headline)),
      ),
      ordered.map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, row.label),
          h('td', {}, row.written),
          row.fixed !== undefined && h('td', {}, row.fixed),
        ),
      ),
    ),
  );
}
