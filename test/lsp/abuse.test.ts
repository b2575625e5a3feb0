import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lsp-client';

// The server under abuse keeps running, says what is wrong once, and loses nothing.

type Status = { state: string; detail?: string };

describe('language server under abuse', { timeout: 120_000 }, () => {
  let root: string;
  let client: LspTestClient;
  const statusDetails = () => client.notifications.filter((n) => n.method === 'goodput/status').map((n) => (n.params as Status).detail).filter(Boolean);

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'goodput-abuse-'));
    writeFileSync(join(root, 'goodput.json'), '{ "rules": { "require-timeout": ');
    client = new LspTestClient();
    await client.initialize(root);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('an invalid goodput.json: one message, defaults used, server alive', async () => {
    await client.waitForNotification<Status>('goodput/status', (s) => /not valid JSON/.test(s.detail ?? ''));
    const uri = pathToFileURL(join(root, 'a.ts')).toString();
    const published = client.waitForDiagnostics(uri, (d) => d.length === 1);
    await client.open(uri, `fetch('https://x');\n`);
    assert.equal((await published).diagnostics[0]!.severity, 2, 'the default severity (warning) applies');
    assert.equal(statusDetails().filter((d) => /not valid JSON/.test(d!)).length, 1);
  });

  test('1,000 rapid edits with cancelled requests: the final diagnostics match the final text', async () => {
    const uri = pathToFileURL(join(root, 'rapid.ts')).toString();
    await client.open(uri, '');
    const pending: Array<Promise<unknown>> = [];
    let text = '';
    for (let version = 2; version <= 1001; version++) {
      text = version % 2 === 0 ? `fetch('https://x/${version}');\n` : `fetch('https://x/${version}', { signal: AbortSignal.timeout(5) });\n`;
      void client.change(uri, version, text);
      if (version % 10 === 0) {
        const source = new (await import('vscode-jsonrpc/node')).CancellationTokenSource();
        pending.push(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } }, source.token).catch(() => undefined));
        source.cancel();
      }
    }
    const final = await client.waitForDiagnostics(uri, () => true);
    await Promise.all(pending);
    // Version 1001 is odd: the final text has a timed signal, so no finding may remain.
    const settled = final.version === 1001 ? final : await client.waitForDiagnostics(uri, () => true);
    assert.deepEqual(settled.diagnostics, []);
    assert.match(text, /AbortSignal\.timeout/);
  });

  test('a 10 MB file is skipped with one clear message; binary content too', async () => {
    const big = pathToFileURL(join(root, 'big.ts')).toString();
    const clean = client.waitForDiagnostics(big, (d) => d.length === 0);
    await client.open(big, `fetch('https://x');\n`.repeat(10 * 1024 * 1024 / 20));
    await clean;
    await client.waitForNotification<Status>('goodput/status', (s) => /big\.ts: skipped: .* above maxFileSizeKb/.test(s.detail ?? ''));
    await client.change(big, 2, `fetch('https://y');\n`.repeat(10 * 1024 * 1024 / 20));
    const binary = pathToFileURL(join(root, 'blob.js')).toString();
    const binaryClean = client.waitForDiagnostics(binary, (d) => d.length === 0);
    await client.open(binary, '\u0000\u0001\u0002fetch(x)\u0000', 'javascript');
    await binaryClean;
    await client.waitForNotification<Status>('goodput/status', (s) => /blob\.js: skipped: not a text file/.test(s.detail ?? ''));
    assert.equal(statusDetails().filter((d) => /big\.ts: skipped/.test(d!)).length, 1, 'said once');
  });

  test('malformed JSON-RPC does not bring the server down', async () => {
    client.writeRaw('Content-Length: 11\r\n\r\n{not json!}');
    client.writeRaw('Content-Length: 2\r\n\r\n[]');
    const models = (await client.connection.sendRequest('goodput/listModels')) as unknown[];
    assert.ok(models.length > 0);
  });

  test('memory stays flat over 10,000 edits', async () => {
    const uri = pathToFileURL(join(root, 'memory.ts')).toString();
    const base = `export async function load(u: string) {\n  return fetch(u, { signal: AbortSignal.timeout(1000) });\n}\n`;
    await client.open(uri, base);
    const edit = async (from: number, count: number) => {
      for (let version = from; version < from + count; version++) void client.change(uri, version, `${base}// edit ${version}\n`);
      await client.waitForDiagnostics(uri, () => true);
      await client.connection.sendRequest('goodput/listModels'); // a round trip: everything before it is processed
    };
    await edit(2, 2_000); // warm-up: caches, JIT, buffers
    const before = rssKb(client.pid);
    await edit(2_002, 10_000);
    const after = rssKb(client.pid);
    assert.ok(after < before * 1.1, `RSS grew from ${before} kB to ${after} kB`);
  });
});

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}
