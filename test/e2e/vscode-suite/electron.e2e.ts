import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../support/expectations';

// `npm run test:vscode`: the extension-host suite in a desktop (Electron) VS Code, on a fresh copy
// of examples/. GOODPUT_VSCODE_PATH names a local VS Code executable (e.g. /usr/share/code/code);
// without it @vscode/test-electron downloads VS Code stable, which needs internet access.

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'goodput-vscode-'));
  const workspace = join(scratch, 'examples');
  cpSync(join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      ...(process.env.GOODPUT_VSCODE_PATH ? { vscodeExecutablePath: process.env.GOODPUT_VSCODE_PATH } : {}),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, 'out/e2e/vscode-suite/index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        `--user-data-dir=${join(scratch, 'user-data')}`,
        `--extensions-dir=${join(scratch, 'extensions')}`,
      ],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!process.env.GOODPUT_VSCODE_PATH) {
    console.error(
      'Without internet access, set GOODPUT_VSCODE_PATH to a local VS Code executable; on machines without VS Code, `npm run test:e2e` runs this suite in code-server.',
    );
  }
  process.exit(1);
});
