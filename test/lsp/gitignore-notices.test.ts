import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GoodputService } from '../../server/src/lsp/goodput-service';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/folder-config';
import { discoverWorkspaceFiles } from '../../server/src/lsp/discover';

// The server walks the workspace itself (it never runs git) and applies its .gitignore files. A
// line the matcher cannot handle in reasonable time is left out, and the output says so, once.

let root: string | undefined;
after(() => root && rmSync(root, { recursive: true, force: true }));

const UNTIMED = 'export async function load(url: string) {\n  return fetch(url);\n}\n';

test('a .gitignore line with too many "**" is reported once in the output, and the workspace is indexed', async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'goodput-gitignore-')));
  writeFileSync(join(root, '.gitignore'), '**/a/**/b/**/c/**/d.ts\n');
  writeFileSync(join(root, 'app.ts'), UNTIMED);
  const uri = pathToFileURL(join(root, 'app.ts')).toString();
  const logs: string[] = [];
  let indexed: string[] = [];
  let resolvePublished!: (count: number) => void;
  const published = new Promise<number>((resolve) => (resolvePublished = resolve));
  const service = new GoodputService({
    publish: (publishedUri, _version, diagnostics) => publishedUri === uri && resolvePublished(diagnostics.length),
    status: () => {},
    log: (message) => logs.push(message),
    settingsFor: async () => ({ ...DEFAULT_SETTINGS, debounceMs: 0 }),
    discover: async (folder, excluded, warn) => (indexed = await discoverWorkspaceFiles(folder, excluded, warn)),
    openDocuments: () => [TextDocument.create(uri, 'typescript', 1, UNTIMED)],
  });
  await service.setFolders([root]);
  assert.equal(await published, 1);
  assert.deepEqual(indexed, [join(root, 'app.ts')]);
  const notices = logs.filter((line) => line.includes('.gitignore'));
  assert.deepEqual(notices, [
    `warning: ${root}/.gitignore:1: has 4 "**"; at most 3 are supported (the line is not applied)`,
  ]);
});
