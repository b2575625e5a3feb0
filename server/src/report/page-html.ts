import type { ModelInfo, SimulationResult } from '../sim/types';
import type { PanelScenario } from './scenario';

// The HTML shell around the webview bundle (dist/webview/panel.js + panel.css), in two forms:
// the panel's page, which loads the bundle from the extension under VS Code's webview CSP, and
// the self-contained report, which inlines the same bundle and its data. One rendering code.

/** A finding as the report shows it, with both runs already computed. */
export interface ReportFinding {
  ruleId: string;
  severity: string;
  message: string;
  /** `path:line:column`, relative to the report's root. */
  location: string;
  policy?: string;
  scenario?: PanelScenario;
  written?: SimulationResult;
  fixed?: SimulationResult;
}

export interface ReportData {
  schema: 'goodput.report/1';
  title: string;
  toolVersion: string;
  fileCount: number;
  models: ModelInfo[];
  findings: ReportFinding[];
}

export const REPORT_DATA_ID = 'goodput-report-data';

export interface PanelPage {
  /** `webview.cspSource`: the origin VS Code serves extension resources from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export function panelHtml(page: PanelPage): string {
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} data:`,
    `style-src ${page.cspSource}`,
    `font-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
  ].join('; ');
  return shell({
    csp,
    title: 'Goodput: Simulation',
    head: `<link rel="stylesheet" href="${escapeAttribute(page.styleUri)}">`,
    body: `<main id="app" class="panel" aria-live="polite"></main>\n<script nonce="${page.nonce}" src="${escapeAttribute(page.scriptUri)}"></script>`,
  });
}

export interface ReportPage {
  nonce: string;
  script: string;
  style: string;
  data: ReportData;
}

export function reportHtml(page: ReportPage): string {
  const csp = [
    "default-src 'none'",
    'img-src data:',
    `style-src 'nonce-${page.nonce}'`,
    `script-src 'nonce-${page.nonce}'`,
  ].join('; ');
  return shell({
    csp,
    title: page.data.title,
    head: `<style nonce="${page.nonce}">\n${page.style}\n</style>`,
    body: [
      '<main id="app" class="report"></main>',
      `<script type="application/json" id="${REPORT_DATA_ID}">${jsonForScript(page.data)}</script>`,
      `<script nonce="${page.nonce}">\n${page.script.replace(/<\/(script)/gi, '<\\/$1')}\n</script>`,
    ].join('\n'),
  });
}

function shell(parts: { csp: string; title: string; head: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(parts.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(parts.title)}</title>
${parts.head}
</head>
<body>
${parts.body}
</body>
</html>
`;
}

/** JSON that cannot end its <script> element early or open a comment inside it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
