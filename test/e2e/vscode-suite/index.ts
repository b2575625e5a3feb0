/// <reference types="mocha" />
import { join } from 'node:path';
import Mocha from 'mocha';

// The extension-test entry point: VS Code calls run() inside the extension host (the Electron
// VS Code of `npm run test:vscode`, or code-server's Node host in `npm run test:e2e`).
// Bundled with extension.e2e.ts into out/e2e/vscode-suite/ by scripts/e2e/bundle-exthost-suite.mjs.

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'extension.e2e.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension tests failed`)) : resolve()));
  });
}
