import { basename } from 'node:path';
import type { Locator, Page } from 'playwright-core';

// What a user does in the VS Code workbench, as Playwright calls: open a file, move the cursor,
// open the quick-fix and source-action menus, read the Problems view. Every wait is on UI state.

export const UI_TIMEOUT_MS = 30_000;

/** One row of the Problems view (table mode). */
export interface ProblemRow {
  file: string;
  line: number;
  column: number;
  source: string;
  code: string;
  message: string;
}

export class Workbench {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, folder: string): Promise<void> {
    await this.page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await this.page.locator('.explorer-folders-view').first().waitFor({ timeout: 90_000 });
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits until its tab is active. */
  async openFile(relativePath: string): Promise<void> {
    const name = basename(relativePath);
    await this.quickInput('Control+p', relativePath, name);
    await this.page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** Runs a command by its palette title. */
  async command(title: string): Promise<void> {
    await this.quickInput('F1', `>${title}`, title);
  }

  /** Puts the cursor at a 1-based line and column (Ctrl+G) and waits for the status bar to show it. */
  async goTo(line: number, column: number): Promise<void> {
    await this.quickInput('Control+g', `:${line}:${column}`, null);
    await this.page
      .locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /**
   * Opens the code-action menu (`quickfix`: Ctrl+. ; `source`: "Source Action...") and waits until it
   * lists `title`. Right after the cursor moves, the menu can open before the code-action model has
   * caught up ("No code actions available"); that state is a reason to ask again, up to 5 times.
   */
  async openActionMenu(menu: 'quickfix' | 'source', title: string): Promise<Locator> {
    const widget = this.page.locator('.action-widget');
    const item = widget.locator('.monaco-list-row', { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      if (menu === 'quickfix') await this.page.keyboard.press('Control+.');
      else await this.command('Source Action...');
      await widget.waitFor({ timeout: UI_TIMEOUT_MS }).catch(() => undefined);
      const found = await item.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (found) return widget;
      if (attempt === 5) throw new Error(`the ${menu} menu does not offer "${title}"`);
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    }
  }

  /** Applies a menu item with the keyboard: the menu's pointer-block overlay swallows clicks. */
  async chooseAction(title: string): Promise<void> {
    const focused = this.page.locator('.action-widget .monaco-list-row.focused');
    for (let step = 0; step < 30; step++) {
      if ((await focused.innerText().catch(() => '')).includes(title)) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not focus "${title}" in the action menu`);
  }

  /** Saves the active editor when it has unsaved changes (quick fixes may already have been saved). */
  async saveIfDirty(): Promise<void> {
    if ((await this.page.locator('.tab.active.dirty').count()) === 0) return;
    await this.page.keyboard.press('Control+s');
    await this.page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and waits until it contains `text`. */
  async hoverContaining(text: string): Promise<Locator> {
    await this.page.keyboard.press('Control+k');
    await this.page.keyboard.press('Control+i');
    const hover = this.page.locator('.monaco-editor .monaco-hover', { hasText: text }).first();
    await hover.waitFor({ timeout: UI_TIMEOUT_MS });
    return hover;
  }

  /**
   * Every row of the Problems view. The list is virtualized (only visible rows exist in the DOM),
   * so when it holds more rows than fit, read it once more with the panel maximized.
   */
  async problems(): Promise<ProblemRow[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.command('View: Focus Problems (Errors, Warnings, Infos)');
    await panel.waitFor({ timeout: UI_TIMEOUT_MS });
    const rendered = panel.locator('.monaco-list-row');
    const read = async () => {
      const rows = new Map<number, ProblemRow>();
      for (const row of await rendered.all()) {
        const parsed = await parseProblemRow(row);
        if (parsed) rows.set(Number(await row.getAttribute('data-index')), parsed);
      }
      const total = Number(
        (await rendered
          .first()
          .getAttribute('aria-setsize')
          .catch(() => null)) ?? 0,
      );
      return { rows: [...rows.values()], complete: rows.size >= total };
    };
    const first = await read();
    if (first.complete) return first.rows;
    await this.command('View: Toggle Maximized Panel');
    try {
      return (await read()).rows;
    } finally {
      await this.command('View: Toggle Maximized Panel');
    }
  }

  async panelText(selector: string): Promise<string> {
    return (
      await this.page
        .locator(selector)
        .first()
        .innerText({ timeout: 2_000 })
        .catch(() => '')
    ).trim();
  }

  private async quickInput(key: string, text: string, expectedRow: string | null): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press(key);
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill(text);
    if (expectedRow !== null) {
      // The list filters asynchronously: Enter only once the focused row is the one we want.
      await this.page
        .locator('.quick-input-list .monaco-list-row.focused', { hasText: expectedRow })
        .waitFor({ timeout: UI_TIMEOUT_MS });
    }
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }
}

async function parseProblemRow(row: Locator): Promise<ProblemRow | null> {
  const text = async (selector: string) => (await row.locator(selector).first().textContent()) ?? '';
  const position = /\[Ln (\d+), Col (\d+)\]/.exec(await text('.file-position'));
  if (!position) return null;
  return {
    file: await text('.file-label'),
    line: Number(position[1]),
    column: Number(position[2]),
    source: await text('.source'),
    // The code cell's title is "goodput (require-timeout)".
    code: /\(([^)]*)\)$/.exec((await row.locator('.code').first().getAttribute('title')) ?? '')?.[1] ?? '',
    message: await text('.message'),
  };
}
