import { fmtMs, fmtNum, fmtPct } from '../sim/format';
import type { SimulationSummary } from '../sim/types';

// The numbers above the charts and in the accessible table: every summary value of both runs,
// formatted from its name's unit suffix (…Ms, …PerSec, …Fraction), with the key figures first.

export interface HeadlineRow {
  key: string;
  label: string;
  written: string;
  fixed?: string;
}

/** The figures shown as large numbers above the charts, when the model reports them. */
const KEY_FIGURES = [
  'goodputFraction',
  'minGoodputFraction',
  'recoveryMs',
  'latencyP99Ms',
  'recomputesPerExpiry',
  'peakDbLoad',
];
const MAX_KEY_FIGURES = 4;

export function headlineRows(written: SimulationSummary, fixed?: SimulationSummary): HeadlineRow[] {
  const keys = [...new Set([...Object.keys(written.values), ...Object.keys(fixed?.values ?? {})])];
  return keys.map((key) => ({
    key,
    label: labelOf(key),
    written: formatValue(key, written.values[key]),
    fixed: fixed ? formatValue(key, fixed.values[key]) : undefined,
  }));
}

export function keyFigures(rows: readonly HeadlineRow[]): HeadlineRow[] {
  return KEY_FIGURES.flatMap((key) => rows.filter((row) => row.key === key)).slice(0, MAX_KEY_FIGURES);
}

const WORDS: Record<string, string> = { p50: 'p50', p99: 'p99', db: 'DB', per: 'per' };

/** `latencyP99Ms` → "Latency p99", `goodputPerSec` → "Goodput per second", `minGoodputFraction` → "Min goodput". */
export function labelOf(key: string): string {
  const base = key.replace(/(Ms|PerSec|Fraction)$/, '');
  const words = base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const suffix = key.endsWith('PerSec') ? ' per second' : '';
  const text = words.join(' ') + suffix;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatValue(key: string, value: number | string | boolean | null | undefined): string {
  if (value === undefined) return '—';
  if (value === null) return key === 'recoveryMs' ? 'did not recover' : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (key.endsWith('Ms')) return fmtMs(value);
  if (key.endsWith('PerSec')) return `${fmtNum(value)}/s`;
  if (key.endsWith('Fraction') || key === 'successRate') return fmtPct(value);
  return fmtNum(value);
}
