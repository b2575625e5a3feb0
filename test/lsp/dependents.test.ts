import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GoodputService } from '../../server/src/lsp/goodput-service';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/folder-config';

// When one file changes, the language server re-analyzes only the open documents whose last
// result depended on it (a module their analysis read, or a workspace answer the change alters),
// not every open document: with many tabs open, each keystroke stayed one analysis.

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const CLIENT = (timeout: string) =>
  `import axios from 'axios';\nexport const client = axios.create({ baseURL: 'https://x'${timeout} });\n`;
const USE = `import { client } from './client';\nexport const get = () => client.get('/a');\n`;
const OTHER = `export async function load(url: string) {\n  return fetch(url);\n}\n`;
const NODE_FETCH = `import fetch from 'node-fetch';\nexport const get = () => fetch('https://x', { timeout: 5000 });\n`;

/** A folder on disk, a service over it with the given files open, and every open file analyzed once. */
async function workspace(files: Record<string, string>, open: string[]) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'goodput-dependents-')));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  const uri = (name: string) => pathToFileURL(join(root, name)).toString();
  let documents = open.map((name) => TextDocument.create(uri(name), 'typescript', 1, files[name]!));
  const waiting = new Map<string, () => void>();
  const service = new GoodputService({
    publish: (published) => waiting.get(published)?.(),
    status: () => {},
    log: () => {},
    settingsFor: async () => ({ ...DEFAULT_SETTINGS, debounceMs: 0 }),
    discover: async () =>
      Object.keys(files)
        .filter((name) => name.endsWith('.ts'))
        .map((name) => join(root, name)),
    openDocuments: () => documents,
  });
  /** Resolves when `name` is published next. */
  const published = (name: string) => new Promise<void>((resolve) => waiting.set(uri(name), resolve));
  const first = Promise.all(open.map(published));
  await service.setFolders([root]);
  await first;
  return {
    root,
    service,
    uri,
    published,
    /** Which open documents have an analysis scheduled. */
    scheduled: () =>
      [...(service as unknown as { timers: Map<string, unknown> }).timers.keys()]
        .map((key) => key.slice(key.lastIndexOf('/') + 1))
        .sort(),
    edit(name: string, text: string) {
      documents = documents.map((document) =>
        document.uri === uri(name)
          ? TextDocument.create(document.uri, 'typescript', document.version + 1, text)
          : document,
      );
    },
    version: (name: string) => documents.find((document) => document.uri === uri(name))!.version,
  };
}

test('an edit of an open module re-analyzes the open documents that read it, and no other', async () => {
  const ws = await workspace({ 'client.ts': CLIENT(''), 'use.ts': USE, 'other.ts': OTHER }, [
    'client.ts',
    'use.ts',
    'other.ts',
  ]);
  const policyOf = () =>
    ws.service
      .lastResult(ws.uri('use.ts'), ws.version('use.ts'))!
      .policies.map((note) => note.policy.summary)
      .join();
  assert.match(policyOf(), /no timeout/);

  ws.edit('client.ts', CLIENT(', timeout: 2000'));
  ws.service.analyze(ws.uri('client.ts'));
  assert.deepEqual(ws.scheduled(), ['use.ts'], 'other.ts read nothing client.ts changed');
  await ws.published('use.ts');
  assert.match(policyOf(), /timeout 2 s, set on the instance/);

  // An edit that changes nothing another document depends on re-analyzes nothing else.
  ws.edit('other.ts', OTHER.replace('load', 'fetchIt'));
  ws.service.analyze(ws.uri('other.ts'));
  assert.deepEqual(ws.scheduled(), []);
});

test('changes on disk re-analyze dependents only: a module edited, a module created, a package version', async () => {
  const ws = await workspace(
    {
      'use.ts': USE,
      'other.ts': OTHER,
      'get.ts': NODE_FETCH,
      'package.json': '{ "dependencies": { "node-fetch": "^3.3.2" } }',
    },
    ['use.ts', 'other.ts', 'get.ts'],
  );
  assert.deepEqual(ws.service.lastResult(ws.uri('use.ts'), 1)!.policies, [], 'client.ts does not exist yet');

  writeFileSync(join(ws.root, 'client.ts'), CLIENT(''));
  const use = ws.published('use.ts');
  ws.service.filesChanged([{ path: join(ws.root, 'client.ts'), deleted: false }]);
  assert.deepEqual(ws.scheduled(), ['use.ts'], 'the import now resolves');
  await use;
  assert.match(
    ws.service
      .lastResult(ws.uri('use.ts'), 1)!
      .policies.map((note) => note.policy.summary)
      .join(),
    /no timeout/,
  );

  const before = ws.service.lastResult(ws.uri('get.ts'), 1)!.findings.map((finding) => finding.ruleId);
  assert.deepEqual(before, ['no-unenforced-timeout'], 'node-fetch 3 ignores `timeout`');
  writeFileSync(join(ws.root, 'package.json'), '{ "dependencies": { "node-fetch": "^2.7.0" } }');
  const get = ws.published('get.ts');
  ws.service.packageFilesChanged();
  assert.deepEqual(ws.scheduled(), ['get.ts']);
  await get;
  assert.deepEqual(ws.service.lastResult(ws.uri('get.ts'), 1)!.findings, [], 'node-fetch 2 honours it');
});

test('an open document the config leaves out is not reported on, but an edit of it still re-analyzes its importers', async () => {
  const ws = await workspace({ 'goodput.json': '{ "ignore": ["client.ts"] }', 'client.ts': CLIENT(''), 'use.ts': USE }, [
    'client.ts',
    'use.ts',
  ]);
  assert.equal(ws.service.lastResult(ws.uri('client.ts'), 1), undefined, 'ignored: no result, no diagnostics');
  ws.edit('client.ts', CLIENT(', timeout: 2000'));
  ws.service.analyze(ws.uri('client.ts'));
  assert.deepEqual(ws.scheduled(), ['use.ts']);
  await ws.published('use.ts');
  assert.match(
    ws.service
      .lastResult(ws.uri('use.ts'), 1)!
      .policies.map((note) => note.policy.summary)
      .join(),
    /timeout 2 s, set on the instance/,
  );
});
