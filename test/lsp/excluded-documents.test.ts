import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { StatusParams } from '../../server/src/protocol';
import { GoodputService } from '../../server/src/lsp/goodput-service';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/folder-config';
import { discoverWorkspaceFiles } from '../../server/src/lsp/discover';

// An open document that the folder's config leaves out (its "ignore" globs, a test file while
// "ignoreTests" is on, a migration while "ignoreMigrations" is) gets no diagnostics and a status that says why, as `goodput check` would
// skip it: the editor and CI agree.

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const UNTIMED = 'export async function load(url: string) {\n  return fetch(url);\n}\n';

async function openIn(config: object | undefined, name: string) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'goodput-excluded-doc-')));
  roots.push(root);
  mkdirSync(join(root, 'src', 'gen'), { recursive: true });
  mkdirSync(join(root, 'src', 'migrations'), { recursive: true });
  if (config) writeFileSync(join(root, 'goodput.json'), JSON.stringify(config));
  for (const file of ['src/app.ts', 'src/app.test.ts', 'src/gen/client.ts', 'src/migrations/001-init.ts']) {
    writeFileSync(join(root, file), UNTIMED);
  }
  const uri = pathToFileURL(join(root, name)).toString();
  const statuses: StatusParams[] = [];
  let indexed: string[] = [];
  let resolvePublished!: (count: number) => void;
  const published = new Promise<number>((resolve) => (resolvePublished = resolve));
  const service = new GoodputService({
    publish: (publishedUri, _version, diagnostics) => {
      if (publishedUri === uri) resolvePublished(diagnostics.length);
    },
    status: (params) => statuses.push(params),
    log: () => {},
    settingsFor: async () => ({ ...DEFAULT_SETTINGS, debounceMs: 0 }),
    discover: async (folder, excluded) => (indexed = (await discoverWorkspaceFiles(folder, excluded)).map((file) => file.slice(root.length + 1))),
    openDocuments: () => [TextDocument.create(uri, 'typescript', 1, UNTIMED)],
  });
  await service.setFolders([root]);
  return { diagnostics: await published, statuses, indexed };
}

test('a test file is not analyzed by default: no diagnostics, and the status says why', async () => {
  const { diagnostics, statuses, indexed } = await openIn(undefined, 'src/app.test.ts');
  assert.equal(diagnostics, 0);
  assert.deepEqual(indexed, ['src/app.ts', 'src/gen/client.ts']);
  const last = statuses.at(-1)!;
  assert.equal(last.text, 'test file, not analyzed');
  assert.match(last.detail!, /^Not analyzed: a test file \(set "ignoreTests": false/);
});

test('"ignoreTests": false analyzes test files like any other', async () => {
  const { diagnostics, indexed } = await openIn({ ignoreTests: false }, 'src/app.test.ts');
  assert.equal(diagnostics, 1);
  assert.deepEqual(indexed, ['src/app.test.ts', 'src/app.ts', 'src/gen/client.ts']);
});

test('a migration is not analyzed by default, and is with "ignoreMigrations": false', async () => {
  const { diagnostics, statuses } = await openIn(undefined, 'src/migrations/001-init.ts');
  assert.equal(diagnostics, 0);
  assert.equal(statuses.at(-1)!.text, 'migration, not analyzed');
  assert.match(statuses.at(-1)!.detail!, /^Not analyzed: a database migration \(set "ignoreMigrations": false/);
  const analyzed = await openIn({ ignoreMigrations: false }, 'src/migrations/001-init.ts');
  assert.equal(analyzed.diagnostics, 1);
  assert.ok(analyzed.indexed.includes('src/migrations/001-init.ts'));
});

test('a file the "ignore" globs match is not analyzed; the others still are', async () => {
  const ignored = await openIn({ ignore: ['gen/'] }, 'src/gen/client.ts');
  assert.equal(ignored.diagnostics, 0);
  assert.equal(ignored.statuses.at(-1)!.text, 'ignored by the config');
  assert.equal((await openIn({ ignore: ['gen/'] }, 'src/app.ts')).diagnostics, 1);
});
