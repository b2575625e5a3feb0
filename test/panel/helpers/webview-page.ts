import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { panelHtml } from '../../../server/src/report/page-html';
import type { HostMessage, WebviewMessage } from '../../../server/src/report/panel-messages';
import type { PanelScenario } from '../../../server/src/report/scenario';
import { listModels, runModel } from '../../../server/src/sim';

// The webview bundle in a page that behaves like VS Code's webview: served from its own origin
// under the panel's CSP, with a stub `acquireVsCodeApi` whose host answers like the extension
// (init, then runs through the real simulator).

export const ROOT = join(__dirname, '..', '..', '..');
const ORIGIN = 'https://webview.goodput.test';

export interface PanelPageHandle {
  page: Page;
  /** Messages the webview sent to the host, in order. */
  sent: WebviewMessage[];
  /** Console errors, page errors and CSP violations. */
  problems: string[];
  /** Sends a host message, as the extension would. */
  post(message: HostMessage): Promise<void>;
}

export interface PanelPageOptions {
  scenario: PanelScenario;
  fixTitle?: string;
  /** Body classes VS Code sets for the theme kind. */
  themeClass?: string;
  themeVariables?: Record<string, string>;
  width?: number;
  /** A prior setState value, as after a reload. */
  state?: unknown;
}

export async function openPanelPage(browser: Browser, options: PanelPageOptions): Promise<PanelPageHandle> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: 900 } });
  const sent: WebviewMessage[] = [];
  const problems: string[] = [];
  const nonce = randomBytes(16).toString('base64');
  const html = panelHtml({
    cspSource: ORIGIN,
    nonce,
    scriptUri: `${ORIGIN}/panel.js`,
    styleUri: `${ORIGIN}/panel.css`,
  });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/' || path === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = { '/panel.js': 'panel.js', '/panel.css': 'panel.css' }[path];
    if (!file) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css',
      body: readFileSync(join(ROOT, 'dist', 'webview', file)),
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  const post = (message: HostMessage) => page.evaluate((data) => window.postMessage(data, '*'), message as unknown);
  const model = listModels().find((m) => m.id === options.scenario.model)!;
  await page.exposeFunction('__goodputHostReceive', async (message: WebviewMessage) => {
    sent.push(message);
    if (message.type === 'ready')
      await post({ type: 'init', scenario: options.scenario, model, fixTitle: options.fixTitle });
    if (message.type === 'run') {
      const run = (params: Record<string, number | string | boolean>) =>
        runModel(message.model, params, { seed: message.seed, horizonMs: message.horizonMs });
      await post({
        type: 'results',
        requestId: message.requestId,
        written: run(message.written),
        fixed: message.fixed ? run(message.fixed) : undefined,
      });
    }
  });
  // A string, not a function: tsx's transform would leave helper names the page does not have.
  await page.addInitScript(
    `(${STUB_SCRIPT})(${JSON.stringify({ state: options.state, themeClass: options.themeClass, themeVariables: options.themeVariables ?? {} })})`,
  );
  await page.goto(`${ORIGIN}/index.html`);
  return { page, sent, problems, post };
}

/** The stub `acquireVsCodeApi` (state kept in memory), a CSP-violation log and the theme. */
const STUB_SCRIPT = `function (options) {
  let saved = options.state;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => window.__goodputHostReceive(message),
    getState: () => saved,
    setState: (next) => { saved = next; window.__savedState = next; },
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (options.themeClass) document.body.className = options.themeClass;
    for (const [name, value] of Object.entries(options.themeVariables)) document.documentElement.style.setProperty(name, value);
  });
}`;

/** Waits until the webview has drawn `count` results in total. */
export async function waitForRuns(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.getElementById('app')?.dataset.completedRuns ?? 0) >= n, count);
}

/** Per chart canvas, how many pixels are drawn (not transparent). */
export function drawnPixels(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('.chart canvas')].map((canvas) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let drawn = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn += 1;
      return drawn;
    }),
  );
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

/** VS Code's Dark Modern colours, enough for charts and controls to look as in the editor. */
export const DARK_THEME: Record<string, string> = {
  '--vscode-foreground': '#cccccc',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-charts-foreground': '#cccccc',
  '--vscode-charts-lines': '#cccccc40',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
};
