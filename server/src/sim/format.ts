/** Number formatting for summaries: short, human, stable across platforms (no locale). */

export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toString();
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** 0.031 → "3 %", 0.0004 → "0.04 %". */
export function fmtPct(fraction: number): string {
  const pct = fraction * 100;
  if (!Number.isFinite(pct)) return '—';
  if (pct === 0 || Math.abs(pct) >= 10) return `${Math.round(pct)} %`;
  if (Math.abs(pct) >= 1) return `${pct.toFixed(1).replace(/\.0$/, '')} %`;
  return `${pct.toPrecision(1)} %`;
}

/** 850 → "850 ms", 41200 → "41 s", 4200 → "4.2 s". */
export function fmtMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  const s = ms / 1000;
  if (Math.abs(s) < 10) return `${s.toFixed(1)} s`;
  if (Math.abs(s) < 600) return `${Math.round(s)} s`;
  return `${(s / 60).toFixed(1)} min`;
}
