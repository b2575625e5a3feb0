import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyLspEdits, LspTestClient, type Diagnostic } from '../helpers/lsp-client';

// The bundled server over stdio, driven by a real JSON-RPC client: open → diagnostic →
// code action → apply → diagnostic gone; fix-all; hover; disable-for-line; cross-file policy.

interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes: Record<string, Array<{ range: Diagnostic['range']; newText: string }>> };
  command?: { command: string; arguments?: unknown[] };
}

const FETCH_SOURCE = `export async function load(url: string) {\n  const response = await fetch(url);\n  return response.json();\n}\n`;

describe('language server round trip (dist/server.js --stdio)', { timeout: 60_000 }, () => {
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'goodput-lsp-'));
    writeFileSync(join(root, 'http.ts'), `import axios from 'axios';\nexport const api = axios.create({ timeout: 2500 });\n`);
    // Imported by nobody: only indexing the workspace can tell the server about it.
    writeFileSync(join(root, 'setup.ts'), `import axios from 'axios';\naxios.defaults.timeout = 4000;\n`);
    client = new LspTestClient();
    const result = (await client.initialize(root)) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.hoverProvider);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('a fetch without timeout gets a diagnostic, and its quick fix removes it', async () => {
    const uri = pathToFileURL(join(root, 'load.ts')).toString();
    const published = client.waitForDiagnostics(uri, (d) => d.length > 0);
    await client.open(uri, FETCH_SOURCE);
    const { diagnostics } = await published;
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics as [Diagnostic];
    assert.equal(diagnostic.code, 'require-timeout');
    assert.equal(diagnostic.source, 'goodput');
    assert.equal(diagnostic.range.start.line, 1);
    assert.match(diagnostic.codeDescription!.href, /require-timeout\.md$/);

    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Disable require-timeout for this line'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for require-timeout'));
    const fix = actions.find((action) => action.isPreferred)!;
    assert.match(fix.title, /AbortSignal\.timeout/);

    const fixed = applyLspEdits(FETCH_SOURCE, fix.edit!.changes[uri]!);
    assert.match(fixed, /fetch\(url, \{ signal: AbortSignal\.timeout\(HTTP_TIMEOUT_MS\) \}\)/);
    assert.match(fixed, /const HTTP_TIMEOUT_MS = 10_000;/);
    const cleared = client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.change(uri, 2, fixed);
    await cleared;
  });

  test('hover states the effective policy, resolved through another module', async () => {
    const uri = pathToFileURL(join(root, 'use-api.ts')).toString();
    const text = `import { api } from './http';\nexport const get = (id: string) => api.get('/users/' + id);\n`;
    const published = client.waitForDiagnostics(uri, () => true);
    await client.open(uri, text);
    assert.deepEqual((await published).diagnostics, []);
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 40 },
    })) as { contents: { value: string } } | null;
    assert.ok(hover, 'expected a hover on api.get');
    assert.match(hover.contents.value, /axios instance `api` \(http\.ts:2\): timeout 2\.5 s|timeout 2500 ms, set on the instance/);
  });

  test('fix-all applies every safe fix in the document', async () => {
    const uri = pathToFileURL(join(root, 'many.ts')).toString();
    const text = `export async function all(u: string) {\n  await fetch(u);\n  await fetch(u, { method: 'POST' });\n  const init = { method: 'PUT' };\n  await fetch(u, init);\n}\n`;
    const published = client.waitForDiagnostics(uri, (d) => d.length === 3);
    await client.open(uri, text);
    await published;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.goodput'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.goodput');
    const fixed = applyLspEdits(text, actions[0]!.edit!.changes[uri]!);
    assert.equal(fixed.match(/const HTTP_TIMEOUT_MS/g)?.length, 1, fixed);
    const cleared = client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.change(uri, 2, fixed);
    await cleared;
  });

  test('"disable for this line" suppresses the finding without leaving an unused directive', async () => {
    const uri = pathToFileURL(join(root, 'probe.ts')).toString();
    const published = client.waitForDiagnostics(uri, (d) => d.length === 1);
    await client.open(uri, FETCH_SOURCE);
    const [diagnostic] = (await published).diagnostics as [Diagnostic];
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
    const disable = actions.find((action) => action.title === 'Disable require-timeout for this line')!;
    const suppressed = applyLspEdits(FETCH_SOURCE, disable.edit!.changes[uri]!);
    assert.match(suppressed, /^ {2}\/\/ goodput-ignore-next-line require-timeout -- /m);
    const cleared = client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.change(uri, 2, suppressed);
    await cleared;
  });

  test('the workspace is indexed: axios.defaults set in a module nobody imports applies', async () => {
    const uri = pathToFileURL(join(root, 'defaults.ts')).toString();
    const clean = client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.open(uri, `import axios from 'axios';\nexport const ping = () => axios.get('/ping');\n`);
    await clean;
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 30 },
    })) as { contents: { value: string } };
    assert.match(hover.contents.value, /timeout 4 s, set by axios\.defaults\.timeout \(setup\.ts:2\)/);
  });

  test('the server reports its state with goodput/status', () => {
    const statuses = client.notifications.filter((n) => n.method === 'goodput/status');
    assert.ok(statuses.some((n) => (n.params as { state: string }).state === 'ready'), JSON.stringify(statuses));
  });
});
