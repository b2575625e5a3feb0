// Bundles the extension-host suite (test/e2e/vscode-suite/) into out/e2e/vscode-suite/ for VS Code
// to load: CommonJS, with `vscode` (given by the host) and mocha (from node_modules) left external.
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
await build({
  absWorkingDir: root,
  entryPoints: ['test/e2e/vscode-suite/index.ts', 'test/e2e/vscode-suite/extension.e2e.ts'],
  outdir: 'out/e2e/vscode-suite',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
