import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listModels } from '../../server/src/sim/index';

const docs = new URL('../../docs/models/', import.meta.url).pathname;

test('every model has a doc page naming each of its params and metrics', () => {
  const index = readFileSync(join(docs, 'README.md'), 'utf8');
  for (const m of listModels()) {
    const file = join(docs, `${m.id}.md`);
    assert.ok(existsSync(file), `docs/models/${m.id}.md`);
    const page = readFileSync(file, 'utf8');
    for (const p of m.params) assert.ok(page.includes(`\`${p.name}\``), `${m.id}.md documents ${p.name}`);
    for (const x of m.metrics) assert.ok(page.includes(`\`${x.id}\``), `${m.id}.md documents metric ${x.id}`);
    assert.ok(index.includes(`(${m.id}.md)`), `README links ${m.id}.md`);
  }
});
