import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { REPO_ROOT } from '../support/expectations';
import { waitUntil } from './step-runner';
import { UI_TIMEOUT_MS, type Workbench } from './workbench';

// ─── EXTENSION POINT: the simulation panel ────────────────────────────────────────────────────
// "Simulate this failure mode" opens the panel; its charts render (a canvas with pixels drawn)
// and the headline numbers appear. The step runs once package.json contributes
// `goodput.simulateFinding`; until then it is skipped with a message. Keep the checks about what a
// user sees; adjust the selectors below if the panel's markup needs it.

export const SIMULATE_COMMAND = 'goodput.simulateFinding';

/** The palette title of the simulate command, or null while the extension does not contribute it. */
export function simulateCommandTitle(): string | null {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes?: { commands?: Array<{ command: string; title: string; category?: string }> };
  };
  const command = manifest.contributes?.commands?.find((candidate) => candidate.command === SIMULATE_COMMAND);
  if (!command) return null;
  return command.category ? `${command.category}: ${command.title}` : command.title;
}

/** With the cursor on a finding that has a simulation: open the panel and check what it shows. */
export async function checkSimulationPanel(workbench: Workbench, paletteTitle: string): Promise<void> {
  const { page } = workbench;
  // The user's path is the finding's quick-fix menu; the palette is the fallback.
  const offered = await workbench.openActionMenu('quickfix', 'Simulate').then(
    () => true,
    () => false,
  );
  if (offered) await workbench.chooseAction('Simulate');
  else {
    await page.keyboard.press('Escape');
    await workbench.command(paletteTitle);
  }
  await page.locator('.webview').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });

  let panel: Frame | undefined;
  await waitUntil(page, 'the simulation panel to draw a chart', async () => {
    panel = await findFrameWithDrawnCanvas(page);
    return { ok: panel !== undefined, observed: await webviewText(page) };
  });
  await waitUntil(page, 'headline numbers in the simulation panel', async () => {
    const text = await panel!.locator('body').innerText();
    return { ok: /\d+(\.\d+)?\s*(%|ms|s)\b/.test(text), observed: text };
  });
}

async function findFrameWithDrawnCanvas(page: Page): Promise<Frame | undefined> {
  // Only webview frames: the workbench itself has canvases too (the editor's overview ruler).
  for (const frame of page.frames().filter((candidate) => candidate !== page.mainFrame())) {
    const drawn = await frame
      .evaluate(() =>
        [...document.querySelectorAll('canvas')].some((canvas) => {
          const context = canvas.getContext('2d');
          if (!context || canvas.width === 0 || canvas.height === 0) return false;
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
          return false;
        }),
      )
      .catch(() => false);
    if (drawn) return frame;
  }
  return undefined;
}

async function webviewText(page: Page): Promise<string> {
  const texts = await Promise.all(
    page
      .frames()
      .filter((frame) => frame !== page.mainFrame())
      .map((frame) =>
        frame
          .locator('body')
          .innerText({ timeout: 1_000 })
          .catch(() => ''),
      ),
  );
  return texts.filter((t) => t.trim()).join('\n---\n') || '(no webview text yet)';
}
