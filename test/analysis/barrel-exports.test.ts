import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/analysis';

// Resolving a name through a barrel (`export * from …` lines) parses only the re-exported
// modules whose text can hold the name: in application code, parsing every module behind every
// barrel on every import was most of the analysis time.

test('a barrel is searched without parsing the modules that cannot export the name', () => {
  const analyzer = new Analyzer({ rootDir: '/ws' });
  analyzer.setFile('/ws/http/client.ts', `import axios from 'axios';\nexport const api = axios.create({ baseURL: '/' });`);
  for (let i = 0; i < 20; i++) analyzer.setFile(`/ws/http/util${i}.ts`, `export const helper${i} = (x: number) => x + ${i};`);
  const stars = Array.from({ length: 20 }, (_, i) => `export * from './util${i}';`);
  analyzer.setFile('/ws/http/index.ts', [...stars.slice(0, 10), `export * from './client';`, ...stars.slice(10)].join('\n'));
  const result = analyzer.analyzeFile('/ws/app.ts', `import { api } from './http';\nexport const get = () => api.get('/x');`);
  // The request goes through the instance created in client.ts: resolved through the barrel.
  assert.ok(result.policies.some((note) => note.policy.summary.includes('`api` (http/client.ts:2)')), JSON.stringify(result.policies));
  assert.equal(analyzer.files.hasTree('/ws/http/client.ts'), true);
  const parsedUtilities = Array.from({ length: 20 }, (_, i) => `/ws/http/util${i}.ts`).filter((file) => analyzer.files.hasTree(file));
  assert.deepEqual(parsedUtilities, []);
});

test('what a barrel module can export is remembered per text: an edit that moves the export is followed', () => {
  const analyzer = new Analyzer({ rootDir: '/ws' });
  const client = `import axios from 'axios';\nexport const api = axios.create({ baseURL: '/' });`;
  analyzer.setFile('/ws/http/a.ts', client);
  analyzer.setFile('/ws/http/b.ts', `export const other = 1;`);
  // b.ts is searched first and found not to hold the name: that answer must not outlive its text.
  analyzer.setFile('/ws/http/index.ts', `export * from './b';\nexport * from './a';`);
  const app = `import { api } from './http';\nexport const get = () => api.get('/x');`;
  const resolvedThrough = (file: string) =>
    analyzer.analyzeFile('/ws/app.ts', app).policies.some((note) => note.policy.summary.includes(`\`api\` (${file}:2)`));
  assert.equal(resolvedThrough('http/a.ts'), true);
  // The instance moves from a.ts to b.ts: the answers remembered for both texts must not stick.
  analyzer.setFile('/ws/http/a.ts', `export const other = 1;`);
  analyzer.setFile('/ws/http/b.ts', client);
  assert.equal(resolvedThrough('http/a.ts'), false);
  assert.equal(resolvedThrough('http/b.ts'), true);
});
