// Canvas charts cannot use CSS variables directly: read the theme's resolved colours from the
// body (VS Code sets --vscode-* there; the report sets its own fallbacks) and redraw when the
// theme changes. VS Code marks the kind of theme with a body class, high contrast included.

export interface ChartTheme {
  foreground: string;
  grid: string;
  triggerFill: string;
  /** Line width in CSS pixels: thicker in high contrast. */
  lineWidth: number;
  highContrast: boolean;
  colour(metricId: string, index: number): string;
  dashed(metricId: string): boolean;
}

const PALETTE = ['blue', 'green', 'orange', 'purple', 'red', 'yellow'];
const FALLBACK: Record<string, string> = {
  blue: '#3794ff',
  green: '#388a34',
  orange: '#d18616',
  purple: '#8b5cf6',
  red: '#e51400',
  yellow: '#bf8803',
  foreground: '#616161',
  lines: '#80808059',
};

export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const variable = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const chart = (name: string) => variable(`--vscode-charts-${name}`, variable(`--gp-chart-${name}`, FALLBACK[name]!));
  const highContrast =
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light');
  const named = (metricId: string): string | undefined => {
    if (/^(offered|arrivals|reads)$/.test(metricId)) return chart('foreground');
    if (metricId === 'goodput' || metricId === 'done') return chart('green');
    if (metricId === 'throughput' || /P50$/.test(metricId)) return chart('blue');
    if (/P99$/.test(metricId) || /rejected|errors|conflicts/.test(metricId)) return chart('red');
    return undefined;
  };
  return {
    foreground: variable('--vscode-foreground', variable('--gp-foreground', '#333333')),
    grid: highContrast ? variable('--vscode-contrastBorder', chart('lines')) : chart('lines'),
    triggerFill: highContrast ? 'rgba(128, 128, 128, 0.35)' : 'rgba(229, 20, 0, 0.10)',
    lineWidth: highContrast ? 2.5 : 1.5,
    highContrast,
    colour: (metricId, index) => named(metricId) ?? chart(PALETTE[index % PALETTE.length]!),
    dashed: (metricId) => /^(offered|arrivals|reads)$/.test(metricId),
  };
}

/** Calls `onChange` when VS Code switches theme or the OS colour scheme changes. */
export function watchTheme(onChange: () => void): () => void {
  // VS Code puts the theme's variables on <html style> and its kind on <body class>.
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', onChange);
  };
}
