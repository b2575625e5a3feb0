import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// Headless Chromium from the system (Debian's `chromium` package), driven by playwright-core.
// Tests that need it skip, saying why, when it is not installed.

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A reason to skip, or undefined when Chromium is available. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `${CHROMIUM_PATH} is not installed (apt-get install -y chromium); skipping the browser test`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}
