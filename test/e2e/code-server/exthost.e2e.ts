import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

// Runs the `npm run test:vscode` suite inside code-server's (Node) extension host, the way VS
// Code's own browser integration tests do: extensionDevelopmentPath and extensionTestsPath go in
// the `payload` URL parameter as vscode-remote:// URIs, and the workbench reports the result by
// calling window.codeAutomationExit(code). This is how the suite runs on machines without VS Code.
// Usage: node --import tsx test/e2e/code-server/exthost.e2e.ts <URL> <workspace> <extension dir> <tests index.js>

const [baseUrl, workspace, extensionPath, testsPath] = process.argv.slice(2) as [string, string, string, string];

async function main(): Promise<number> {
  const started = Date.now();
  const remote = (path: string) => `vscode-remote://${new URL(baseUrl).host}${resolve(path)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
  ];
  const profile = mkdtempSync(join(tmpdir(), 'goodput-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.GOODPUT_E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let finish: (code: number | string) => void = () => undefined;
  const exited = new Promise<number | string>((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(`[exthost] ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  const timer = setTimeout(() => finish('timeout after 240 s'), 240_000);
  await page.goto(
    `${baseUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  const code = await exited;
  clearTimeout(timer);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[exthost] ${code === 0 ? 'PASS' : `FAIL (${code})`} extension-host suite in ${seconds}s`);
  return code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('extension-host runner error:', error);
    process.exit(2);
  },
);
