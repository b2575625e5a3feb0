import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';

// Runs the UI steps in order and writes a screenshot per step. A failed check (Problems, hover,
// panel, status) does not stop the run; a failed edit does, because the editor and the oracle
// would then disagree about the files and every later step would fail for that reason.
// Flake policy: a failing step prints the path of its screenshot and the UI text that matters
// (what the step was looking at, else the Problems view and the notifications).

export class StepFailure extends Error {
  constructor(
    message: string,
    readonly uiText: string,
  ) {
    super(message);
  }
}

export class StepRunner {
  private readonly started = Date.now();
  private failed = 0;
  private stopped = false;
  private passed = 0;
  private readonly skipped: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly artifactsDir: string,
    private readonly defaultUiText: () => Promise<string>,
  ) {
    mkdirSync(artifactsDir, { recursive: true });
  }

  /** Writes `<artifacts>/<name>.png` and returns its path relative to the working directory. */
  async screenshot(name: string): Promise<string> {
    const path = join(this.artifactsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return relative(process.cwd(), path);
  }

  /** `edits`: the step changes files, so a failure stops the run. */
  async step(name: string, body: () => Promise<void>, options: { edits?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    const start = Date.now();
    try {
      await body();
      this.passed++;
      this.log(`PASS ${name} (${seconds(Date.now() - start)})`);
    } catch (error) {
      this.failed++;
      this.stopped = options.edits === true;
      const shot = await this.screenshot(`FAILED-${name}`).catch((e: Error) => `(no screenshot: ${e.message})`);
      const uiText = error instanceof StepFailure ? error.uiText : await this.defaultUiText().catch(() => '');
      this.log(`FAIL ${name} (${seconds(Date.now() - start)}): ${(error as Error).message}`);
      this.log(`  screenshot: ${shot}`);
      this.log(`  UI text:\n${indent(uiText || '(none)')}`);
      if (!(error instanceof StepFailure)) this.log(indent((error as Error).stack ?? ''));
    }
  }

  skip(name: string, reason: string): void {
    if (this.stopped) return;
    this.skipped.push(name);
    this.log(`SKIP ${name}: ${reason}`);
  }

  log(message: string): void {
    console.log(`[ui +${seconds(Date.now() - this.started)}] ${message}`);
  }

  /** Prints the summary; the process exit code. */
  finish(): number {
    const skipped = this.skipped.length ? `, ${this.skipped.length} skipped` : '';
    const failed = this.failed ? `, ${this.failed} failed${this.stopped ? ' (later steps not run)' : ''}` : '';
    this.log(`${this.passed} steps passed${failed}${skipped}`);
    return this.failed ? 1 : 0;
  }
}

/**
 * Polls `check` until it reports ok: for UI state we can only observe, such as the Problems view
 * catching up with the server. Throws a StepFailure carrying the last observation.
 */
export async function waitUntil(
  page: Page,
  what: string,
  check: () => Promise<{ ok: boolean; observed: string }>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { ok, observed } = await check();
    if (ok) return;
    if (Date.now() > deadline)
      throw new StepFailure(`timed out after ${seconds(timeoutMs)} waiting for ${what}`, observed);
    await page.waitForTimeout(250);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
