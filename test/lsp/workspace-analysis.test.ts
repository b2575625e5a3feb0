import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lsp-client';

// "Goodput: Analyze Workspace" over stdio: the server's executeCommand analyzes files that are
// not open and publishes their diagnostics (the Problems view); with goodput.scope = workspace
// that happens by itself, and a closed document falls back to its on-disk result.

const UNTIMED = 'export async function load(url: string) {\n  return fetch(url);\n}\n';

describe('workspace analysis (dist/server.js --stdio)', { timeout: 60_000 }, () => {
  let root: string;
  const uri = (name: string) => pathToFileURL(join(root, name)).toString();

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'goodput-workspace-'));
    writeFileSync(join(root, 'a.ts'), UNTIMED);
    writeFileSync(join(root, 'b.ts'), UNTIMED.replace('load', 'other'));
    writeFileSync(join(root, 'clean.ts'), 'export const x = 1;\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the command publishes diagnostics for files that are not open, with a summary', async () => {
    const client = new LspTestClient(['--stdio'], {});
    try {
      const result = (await client.initialize(root)) as {
        capabilities: { executeCommandProvider?: { commands: string[] } };
      };
      assert.deepEqual(result.capabilities.executeCommandProvider?.commands, ['goodput.server.analyzeWorkspace']);
      const published = client.waitForDiagnostics(uri('b.ts'), (diagnostics) => diagnostics.length === 1);
      const summary = await client.connection.sendRequest('workspace/executeCommand', {
        command: 'goodput.server.analyzeWorkspace',
      });
      assert.deepEqual(summary, { fileCount: 3, findingCount: 2, reusedCount: 0, cancelled: false });
      assert.equal((await published).diagnostics[0]!.code, 'require-timeout');
      assert.equal(client.latest.get(uri('clean.ts')), undefined, 'nothing published for clean files');

      const again = { command: 'goodput.server.analyzeWorkspace' };
      assert.deepEqual(await client.connection.sendRequest('workspace/executeCommand', again), {
        fileCount: 3,
        findingCount: 2,
        reusedCount: 3,
        cancelled: false,
      });
      // b.ts fixed on disk: only it is analyzed again, and its diagnostic goes.
      writeFileSync(join(root, 'b.ts'), 'export const other = 1;\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('b.ts'), type: 2 }] });
      const cleared = client.waitForDiagnostics(uri('b.ts'), (diagnostics) => diagnostics.length === 0);
      assert.deepEqual(await client.connection.sendRequest('workspace/executeCommand', again), {
        fileCount: 3,
        findingCount: 1,
        reusedCount: 2,
        cancelled: false,
      });
      await cleared;
    } finally {
      await client.stop();
    }
  });

  test('scope "workspace" analyzes by itself; closing a document restores its on-disk diagnostics', async () => {
    const client = new LspTestClient(['--stdio'], { scope: 'workspace' });
    try {
      const onDisk = client.waitForDiagnostics(uri('a.ts'), (diagnostics) => diagnostics.length === 1);
      await client.initialize(root);
      await onDisk;
      await client.open(uri('a.ts'), 'export const fixed = 1;\n');
      await client.waitForDiagnostics(uri('a.ts'), (diagnostics) => diagnostics.length === 0);
      const restored = client.waitForDiagnostics(uri('a.ts'), (diagnostics) => diagnostics.length === 1);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('a.ts') } });
      await restored;
    } finally {
      await client.stop();
    }
  });

  test('files the config leaves out get no diagnostics, even when another file imports them', async () => {
    const project = mkdtempSync(join(tmpdir(), 'goodput-excluded-'));
    try {
      mkdirSync(join(project, 'gen'));
      writeFileSync(join(project, 'goodput.json'), JSON.stringify({ ignore: ['gen/'] }));
      // app.ts's finding depends on the instance gen/client.ts makes: the analysis reads that file.
      writeFileSync(join(project, 'app.ts'), `import { client } from './gen/client';\nexport const get = () => client.get('/a');\n${UNTIMED}`);
      writeFileSync(join(project, 'gen', 'client.ts'), `import axios from 'axios';\nexport const client = axios.create({ baseURL: 'https://x' });\n`);
      writeFileSync(join(project, 'app.test.ts'), UNTIMED.replace('load', 'inTest'));
      const client = new LspTestClient(['--stdio'], {});
      try {
        await client.initialize(project);
        const analyzeWorkspace = { command: 'goodput.server.analyzeWorkspace' };
        const first = await client.connection.sendRequest('workspace/executeCommand', analyzeWorkspace);
        assert.deepEqual(first, { fileCount: 1, findingCount: 1, reusedCount: 0, cancelled: false });
        // The first run read gen/client.ts for app.ts: now the server knows it, and still leaves it out.
        const second = await client.connection.sendRequest('workspace/executeCommand', analyzeWorkspace);
        assert.deepEqual(second, { fileCount: 1, findingCount: 1, reusedCount: 1, cancelled: false });
        const projectUri = (name: string) => pathToFileURL(join(project, name)).toString();
        assert.equal(client.latest.get(projectUri('app.ts'))?.diagnostics.length, 1);
        assert.equal(client.latest.get(projectUri('gen/client.ts')), undefined, 'ignored by the config');
        assert.equal(client.latest.get(projectUri('app.test.ts')), undefined, 'a test file');
      } finally {
        await client.stop();
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
