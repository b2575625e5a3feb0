// Bundles the extension client, the language server and the CLI with esbuild.
// `--production` minifies (for the .vsix); otherwise sourcemaps are kept for debugging.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  define: { GOODPUT_VERSION: JSON.stringify(version) },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  // The simulation panel's webview (and the `goodput report` page): panel.js + panel.css.
  build({
    ...common,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    entryPoints: ['client/webview/main.ts'],
    outfile: 'dist/webview/panel.js',
    // Sourcemaps would need the webview CSP to allow more; the bundle is small and readable.
    sourcemap: false,
  }),
]);
