import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lsp-client';

// An untrusted workspace cannot make the server run a command or read outside the workspace:
// the server never executes workspace code, does not run git (a repository's own config could
// run `core.fsmonitor`), and refuses a config file path that leaves the workspace folder.

describe('an untrusted workspace', { timeout: 60_000 }, () => {
  let root: string;
  let marker: string;
  let client: LspTestClient;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'goodput-untrusted-'));
    marker = join(root, '..', `${root.split('/').pop()}-pwned`);
    const hook = join(root, 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(hook, 0o755);
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['config', 'core.fsmonitor', hook], { cwd: root });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { postinstall: `touch '${marker}'` } }));
    writeFileSync(join(root, 'evil.ts'), `require('child_process').execSync("touch '${marker}'");\nfetch('https://x');\n`);
    client = new LspTestClient(['--stdio'], { configFile: '../outside.json' });
    await client.initialize(root);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(marker, { force: true });
  });

  test('indexing and analysis run no workspace command; a config path outside the folder is refused', async () => {
    await client.waitForNotification<{ state: string; detail?: string }>('goodput/status', (s) =>
      /goodput\.configFile "\.\.\/outside\.json" is outside the workspace folder; ignored/.test(s.detail ?? ''),
    );
    await client.waitForNotification<{ state: string; fileCount?: number }>('goodput/status', (s) => s.state === 'ready' && s.fileCount !== undefined);
    const uri = pathToFileURL(join(root, 'evil.ts')).toString();
    const published = client.waitForDiagnostics(uri, (d) => d.length === 1);
    await client.open(uri, `require('child_process').execSync("touch '${marker}'");\nfetch('https://x');\n`);
    await published;
    // The repository's fsmonitor hook would have run on any git status/ls-files in it.
    execFileSync('git', ['-c', 'core.fsmonitor=false', 'status', '--short'], { cwd: root });
    assert.equal(existsSync(marker), false, 'a workspace command ran');
  });
});
