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
