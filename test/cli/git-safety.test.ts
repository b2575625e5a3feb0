import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from '../../server/src/cli/git-files';

// `goodput check` in a repository under review runs read-only git commands; the repository's own
// config (core.fsmonitor) must not get to run a command through them.
test("git calls do not run the repository's fsmonitor hook", async () => {
  const root = mkdtempSync(join(tmpdir(), 'goodput-git-'));
  const marker = `${root}-ran`;
  try {
    writeFileSync(join(root, 'hook.sh'), `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(join(root, 'hook.sh'), 0o755);
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['config', 'core.fsmonitor', join(root, 'hook.sh')], { cwd: root });
    writeFileSync(join(root, 'a.ts'), 'fetch("x");\n');
    const listed = await runGit(root, ['ls-files', '-co', '--exclude-standard']);
    assert.ok(listed.ok && listed.stdout.includes('a.ts'));
    assert.equal(existsSync(marker), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(marker, { force: true });
  }
});
