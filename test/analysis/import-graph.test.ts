import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleSpecifiers } from '../../server/src/analysis/import-graph';
import { WorkspaceFiles } from '../../server/src/analysis/workspace-files';

// The import graph answers "does this file reach package P?" from texts alone; its answers must
// follow edits that change imports and survive edits that do not.

const AXIOS = /^axios(\/|$)/;
const PG = /^pg(\/|$)/;

test('module specifiers: import, export-from, require, dynamic import, side-effect import', () => {
  const text = [
    `import axios from 'axios';`,
    `import type { Pool } from "pg";`,
    `export * from './shared.js';`,
    `const redis = require ( 'ioredis' );`,
    `;import 'reflect-metadata';`,
    `const lazy = await import('node:http');`,
    `const bytes = Buffer.from('abc'); const list = Array.from(items);`,
    `const x = module.require('not-an-import'); const y = fromage; const z = importer('nope');`,
  ].join('\n');
  assert.deepEqual(moduleSpecifiers(text), ['axios', 'pg', './shared.js', 'ioredis', 'reflect-metadata', 'node:http']);
});

test('module specifiers: imports in comments that start their line are none; code after a closed comment is', () => {
  const text = [
    `/**`,
    ` * Example: const Int32 = require('mongodb').Int32;`,
    ` */`,
    `// const legacy = require('request');`,
    `  /* import old from 'old-client'; */`,
    `/* c8 ignore next */ const http = require('node:http');`,
    `/* a block comment`,
    ` * that ends on the next line`,
    ` */ const tls = require('node:tls');`,
    `const url = 'http://x'; const pg = require('pg'); // trailing: require('noted')`,
  ].join('\n');
  assert.deepEqual(moduleSpecifiers(text), ['node:http', 'node:tls', 'pg', 'noted']);
});

test('reach follows workspace imports through cycles, and stops at what is not imported', () => {
  const files = new WorkspaceFiles();
  files.setFile('/ws/a.ts', `import { b } from './b';`);
  files.setFile('/ws/b.ts', `import { c } from './c'; import { a } from './a';`);
  files.setFile('/ws/c.ts', `import axios from 'axios'; import { b } from './b';`);
  files.setFile('/ws/d.ts', `import { Pool } from 'pg';`);
  assert.equal(files.importsPackage('/ws/a.ts', AXIOS), true);
  assert.equal(files.importsPackage('/ws/b.ts', AXIOS), true);
  assert.equal(files.importsPackage('/ws/a.ts', PG), false);
  assert.equal(files.importsPackage('/ws/d.ts', AXIOS), false);
  assert.equal(files.importsPackageDirectly('/ws/a.ts', AXIOS), false);
  assert.equal(files.importsPackageDirectly('/ws/c.ts', AXIOS), true);
});

test('an edit that changes imports changes the answers; an edit that does not keeps them', () => {
  const files = new WorkspaceFiles();
  files.setFile('/ws/app.ts', `import { client } from './client';\nexport const x = 1;`);
  files.setFile('/ws/client.ts', `export const client = 1;`);
  assert.equal(files.importsPackage('/ws/app.ts', AXIOS), false);
  files.setFile('/ws/client.ts', `import axios from 'axios';\nexport const client = axios;`);
  assert.equal(files.importsPackage('/ws/app.ts', AXIOS), true);
  files.setFile('/ws/app.ts', `import { client } from './client';\nexport const x = 2;`);
  assert.equal(files.importsPackage('/ws/app.ts', AXIOS), true);
  files.setFile('/ws/app.ts', `export const x = 2;`);
  assert.equal(files.importsPackage('/ws/app.ts', AXIOS), false);
});

test('a file that appears later resolves an import that did not resolve before', () => {
  const files = new WorkspaceFiles();
  files.setFile('/ws/app.ts', `import { client } from './client';`);
  assert.equal(files.importsPackage('/ws/app.ts', AXIOS), false);
  files.setFile('/ws/client.ts', `import axios from 'axios';`);
  assert.equal(files.importsPackage('/ws/app.ts', AXIOS), true);
  files.removeFile('/ws/client.ts');
  assert.equal(files.importsPackage('/ws/app.ts', AXIOS), false);
});

test('imported files are read from disk on demand', () => {
  const reads: string[] = [];
  const disk: Record<string, string> = { '/ws/client.ts': `import axios from 'axios';` };
  const files = new WorkspaceFiles((fileName) => {
    reads.push(fileName);
    return disk[fileName];
  });
  files.setFile('/ws/app.ts', `import { client } from './client';`);
  assert.equal(files.importsPackage('/ws/app.ts', AXIOS), true);
  assert.ok(reads.includes('/ws/client.ts'));
});

test('a chain of 20,000 modules does not overflow the stack', () => {
  const files = new WorkspaceFiles();
  const count = 20_000;
  for (let i = 0; i < count; i++) files.setFile(`/ws/m${i}.ts`, i + 1 < count ? `import './m${i + 1}';` : `import 'pg';`);
  assert.equal(files.importsPackage('/ws/m0.ts', PG), true);
  assert.equal(files.importsPackage('/ws/m0.ts', AXIOS), false);
});
