import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The .vsix holds only bundled output and static assets (.vscodeignore is an allow-list).
// `vsce ls` lists what `vsce package` would put in it, without building anything.

const ROOT = join(__dirname, '..', '..');
const ALLOWED = [
  /^dist\/(extension|server)\.js$/,
  /^dist\/webview\/panel\.(js|css)$/,
  /^media\/[\w.-]+\.png$/,
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^schemas\/[\w.-]+\.json$/,
  /^docs\/[\w/.-]+\.md$/,
];

test('the .vsix contains only the allow-listed files, and the ones it needs', () => {
  const output = execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const files = output.split('\n').map((line) => line.trim()).filter(Boolean);
  for (const file of files) assert.ok(ALLOWED.some((pattern) => pattern.test(file)), `unexpected file in the .vsix: ${file}`);
  for (const needed of ['dist/extension.js', 'dist/server.js', 'dist/webview/panel.js', 'dist/webview/panel.css', 'package.json', 'README.md', 'syntaxes/goodput-directives.tmLanguage.json', 'schemas/config.schema.json', 'docs/rules/require-timeout.md']) {
    assert.ok(files.includes(needed), `${needed} missing from the .vsix`);
  }
});
