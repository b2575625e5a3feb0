import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { runReportCommand } from '../../server/src/cli/report/report-command';
import { REPORT_DATA_ID, type ReportData } from '../../server/src/report/page-html';
import { chromiumMissing, launchChromium } from './helpers/chromium';
import { drawnPixels, ROOT } from './helpers/webview-page';

// `goodput report`: one self-contained HTML page (the webview bundle inlined) that opens in a
// browser with no error, drawing each finding's runs as written and with the fix.

const SOURCE = `export async function load(url: string) {\n  const response = await fetch(url);\n  return response.json();\n}\n`;

describe('goodput report', { timeout: 120_000 }, () => {
  let project: string;
  let html: string;
  let stderr = '';

  before(async () => {
    assert.ok(
      existsSync(join(ROOT, 'dist', 'webview', 'panel.js')),
      'dist/webview/panel.js is missing: run `node scripts/build.mjs` first',
    );
    project = mkdtempSync(join(tmpdir(), 'goodput-report-'));
    writeFileSync(join(project, 'load.ts'), SOURCE);
    const io = { out: () => undefined, err: (text: string) => void (stderr += text) };
    const code = await runReportCommand(['-o', 'out/report.html'], io, {
      cwd: project,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
    });
    assert.equal(code, 0, stderr);
    html = readFileSync(join(project, 'out', 'report.html'), 'utf8');
  });

  after(() => rmSync(project, { recursive: true, force: true }));

  test('is one page: no external resource, the finding and both runs embedded', () => {
    assert.match(stderr, /wrote out\/report\.html \(1 findings, 1 simulated\)/);
    assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)=/);
    const json = new RegExp(`<script type="application/json" id="${REPORT_DATA_ID}">(.*?)</script>`, 's').exec(
      html,
    )![1]!;
    const data = JSON.parse(json) as ReportData;
    assert.equal(data.findings.length, 1);
    const [finding] = data.findings;
    assert.equal(finding!.ruleId, 'require-timeout');
    assert.equal(finding!.location, 'load.ts:2:26');
    assert.equal(finding!.written!.params.timeoutMs, 0);
    assert.ok((finding!.fixed!.params.timeoutMs as number) > 0);
  });

  test('opens in headless Chromium with no error and draws the charts', { skip: chromiumMissing() }, async () => {
    const browser: Browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
          problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(pathToFileURL(join(project, 'out', 'report.html')).toString());
      await page.waitForFunction(() => document.body.dataset.rendered === 'true');
      const pixels = await drawnPixels(page);
      assert.equal(pixels.length, 6);
      assert.ok(
        pixels.every((count) => count > 1000),
        pixels.join(', '),
      );
      assert.deepEqual(problems, []);
      assert.match(await page.locator('table.findings').innerText(), /require-timeout\s+warning\s+load\.ts:2:26/);
      mkdirSync(join(ROOT, 'test-artifacts', 'panel'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-artifacts', 'panel', 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  test('--help and a bad seed', async () => {
    let out = '';
    const io = { out: (text: string) => void (out += text), err: () => undefined };
    assert.equal(
      await runReportCommand(['--help'], io, { cwd: project, env: {}, stdoutIsTTY: false, stderrIsTTY: false }),
      0,
    );
    assert.match(out, /Usage: goodput report/);
    await assert.rejects(
      runReportCommand(['--seed', '-1'], io, { cwd: project, env: {}, stdoutIsTTY: false, stderrIsTTY: false }),
      /--seed/,
    );
  });
});
