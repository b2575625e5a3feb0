import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadExpectations, REPO_ROOT } from '../support/expectations';

// Neovim as a second LSP client: the file of examples/ with the most expected findings, opened in
// headless Neovim with the bundled server attached over stdio (see lsp-check.lua).
// Usage: node --import tsx test/e2e/neovim/neovim.e2e.ts <workspace copy of examples/>

const [workspace] = process.argv.slice(2) as [string];
const { findings, files } = loadExpectations();
const byCount = (file: string) => findings.filter((finding) => finding.file === file).length;
const file = [...files].sort((a, b) => byCount(b) - byCount(a))[0]!;
const expected = findings
  .filter((finding) => finding.file === file)
  .map((finding) => `${finding.line}:${finding.ruleId}`);

const started = Date.now();
const run = spawnSync(
  'nvim',
  ['--headless', '--clean', '-c', `luafile ${join(__dirname, 'lsp-check.lua')}`, join(workspace, file)],
  {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      GOODPUT_SERVER: join(REPO_ROOT, 'dist/server.js'),
      GOODPUT_WORKSPACE: workspace,
      GOODPUT_EXPECTED: expected.join(','),
    },
  },
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const output = `${run.stdout}${run.stderr}`.trim();
console.log(`[neovim] ${spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}, ${file}:`);
console.log(output.replace(/^/gm, '[neovim]   '));
const passed = run.status === 0 && !/^FAIL/m.test(output);
console.log(`[neovim] ${passed ? 'PASS' : `FAIL (exit ${run.status ?? run.signal})`} in ${seconds}s`);
process.exit(passed ? 0 : 1);
