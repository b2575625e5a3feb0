import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { WebviewMessage } from '../../server/src/report/panel-messages';
import type { PanelScenario } from '../../server/src/report/scenario';
import { chromiumMissing, launchChromium } from './helpers/chromium';
import { cspViolations, DARK_THEME, drawnPixels, openPanelPage, ROOT, waitForRuns } from './helpers/webview-page';

// The webview bundle (dist/webview) in headless Chromium under the panel's CSP, with a stub
// acquireVsCodeApi whose host runs the real simulator. Screenshots go to test-artifacts/panel/.

const ARTIFACTS = join(ROOT, 'test-artifacts', 'panel');
const SCENARIO: PanelScenario = {
  model: 'missing-timeout',
  params: { timeoutMs: 0 },
  fixedParams: { timeoutMs: 10_000 },
  finding: {
    uri: 'file:///workspace/src/services/shipping.ts',
    range: { start: { line: 67, character: 25 }, end: { line: 67, character: 40 } },
    ruleId: 'require-timeout',
    message:
      '`fetch` has no deadline (Node fetch waits up to 300 s for the response headers, and as long as the body keeps coming): a slow or hung dependency holds this request for minutes after its caller gave up. Pass `signal: AbortSignal.timeout(ms)`.',
  },
};
const runs = (sent: WebviewMessage[]) =>
  sent.filter((m): m is Extract<WebviewMessage, { type: 'run' }> => m.type === 'run');

describe('simulation panel webview in headless Chromium', { skip: chromiumMissing(), timeout: 120_000 }, () => {
  let browser: Browser;

  before(async () => {
    assert.ok(
      existsSync(join(ROOT, 'dist', 'webview', 'panel.js')),
      'dist/webview/panel.js is missing: run `node scripts/build.mjs` first',
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  test("draws both runs' charts and the numbers table, with no CSP violation or error", async () => {
    const panel = await openPanelPage(browser, {
      scenario: SCENARIO,
      fixTitle: 'Add a 10 s timeout',
      themeClass: 'vscode-dark',
      themeVariables: DARK_THEME,
    });
    await waitForRuns(panel.page, 1);
    const pixels = await drawnPixels(panel.page);
    assert.equal(pixels.length, 6, 'rates, latency and in-flight charts, as written and with the fix');
    assert.ok(
      pixels.every((count) => count > 1000),
      `every canvas is drawn on: ${pixels.join(', ')}`,
    );
    assert.deepEqual(await cspViolations(panel.page), []);
    assert.deepEqual(panel.problems, []);
    const [first] = runs(panel.sent);
    assert.deepEqual(first!.written, { timeoutMs: 0 });
    assert.deepEqual(first!.fixed, { timeoutMs: 10_000 });
    const table = await panel.page.locator('table.numbers').innerText();
    assert.match(table, /As written\s+With the fix/);
    assert.match(table, /Goodput\s+\d+ %\s+\d+ %/);
    assert.match(await panel.page.locator('.headline.run-1').innerText(), /recovered/);
    await panel.page.screenshot({ path: join(ARTIFACTS, 'panel-dark.png') });
    await panel.page.screenshot({ path: join(ARTIFACTS, 'panel-dark-full.png'), fullPage: true });
    await panel.page.close();
  });

  test('changing a control re-runs both scenarios with it; the fix keeps its own values', async () => {
    const panel = await openPanelPage(browser, { scenario: SCENARIO, fixTitle: 'Add a 10 s timeout' });
    await waitForRuns(panel.page, 1);
    await panel.page.fill('#param-ratePerSec', '320');
    await panel.page.fill('#control-seed', '9');
    await panel.page.waitForFunction(() => document.getElementById('app')?.dataset.state === 'idle');
    await waitForRuns(panel.page, 2);
    const last = runs(panel.sent).at(-1)!;
    assert.equal(last.written.ratePerSec, 320);
    assert.equal(last.fixed!.ratePerSec, 320);
    assert.equal(last.fixed!.timeoutMs, 10_000);
    assert.equal(last.seed, 9);
    // An invalid value is marked and not sent.
    const before = runs(panel.sent).length;
    await panel.page.fill('#param-slowFraction', '7');
    assert.equal(await panel.page.getAttribute('#param-slowFraction', 'aria-invalid'), 'true');
    await panel.page.click('#apply-fix');
    assert.equal(runs(panel.sent).length, before);
    assert.ok(
      panel.sent.some((m) => m.type === 'applyFix'),
      'Apply fix asks the host',
    );
    assert.deepEqual(await cspViolations(panel.page), []);
    await panel.page.close();
  });

  test('restores its settings after a reload (setState / getState)', async () => {
    const state = { scenario: SCENARIO, settings: { overrides: { ratePerSec: 123 }, seed: 5, horizonMs: 20_000 } };
    const panel = await openPanelPage(browser, { scenario: SCENARIO, state });
    await waitForRuns(panel.page, 1);
    const [first] = runs(panel.sent);
    assert.equal(first!.written.ratePerSec, 123);
    assert.equal(first!.seed, 5);
    assert.equal(first!.horizonMs, 20_000);
    assert.equal(await panel.page.inputValue('#param-ratePerSec'), '123');
    assert.equal(await panel.page.inputValue('#control-horizon'), '20');
    await panel.page.close();
  });

  test('redraws in the new colours when the theme changes to high contrast', async () => {
    const panel = await openPanelPage(browser, { scenario: SCENARIO, themeClass: 'vscode-light' });
    await waitForRuns(panel.page, 1);
    const canvas = () =>
      panel.page.evaluate(() => document.querySelector<HTMLCanvasElement>('.chart canvas')!.toDataURL());
    const light = await canvas();
    await panel.page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-editor-background', '#000000');
      document.documentElement.style.setProperty('--vscode-foreground', '#ffffff');
      document.documentElement.style.setProperty('--vscode-contrastBorder', '#6fc3df');
      document.body.className = 'vscode-high-contrast';
    });
    await panel.page.waitForFunction(
      (before) => document.querySelector<HTMLCanvasElement>('.chart canvas')?.toDataURL() !== before,
      light,
    );
    assert.notEqual(await canvas(), light);
    assert.deepEqual(panel.problems, []);
    await panel.page.screenshot({ path: join(ARTIFACTS, 'panel-high-contrast.png') });
    await panel.page.close();
  });
});
