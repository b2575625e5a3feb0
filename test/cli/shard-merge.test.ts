import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Log } from 'sarif';
import type { JsonReport } from '../../server/src/cli/formats/json';
import { mergeJsonReports, mergeSarifLogs } from '../../server/src/cli/merge-reports';
import { shardOf } from '../../server/src/cli/shard';
import { check, makeRepo } from './helpers/git-repo';
import { removeProjects } from './helpers/projects';
import { loadSarifValidator } from './helpers/sarif-schema';

// --shard i/n partitions the files; merging the shards' json or sarif gives the unsharded report.

after(removeProjects);

const fetchFunction = (name: string) => `export async function ${name}(url: string) {\n  return fetch(url);\n}\n`;

function project(): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { axios: '1.7.0' } }),
    // Cross-file facts: a shard that analyzes use.ts must still see setup.ts.
    'src/http.ts': "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://x' });\n",
    'src/setup.ts': "import { api } from './http';\napi.defaults.timeout = 0;\n",
    'src/use.ts': "import { api } from './http';\nexport const load = () => api.get('/x');\n",
    'src/with space.ts': fetchFunction('spaced'),
  };
  for (let index = 0; index < 12; index++) files[`src/module-${index}.ts`] = fetchFunction(`load${index}`);
  return files;
}

test('shards partition the files: each in exactly one, independent of the other files', () => {
  const paths = Array.from({ length: 500 }, (_, index) => `packages/p${index % 7}/src/file-${index}.ts`);
  for (const count of [1, 2, 3, 8]) {
    const sizes = new Array<number>(count).fill(0);
    for (const path of paths) {
      const shard = shardOf(path, count);
      assert.ok(shard >= 1 && shard <= count);
      assert.equal(shardOf(path, count), shard, 'deterministic');
      sizes[shard - 1]!++;
    }
    assert.ok(Math.min(...sizes) > (paths.length / count) * 0.7, `balanced enough for ${count}: ${sizes.join(', ')}`);
  }
});

test('merged json and sarif shards equal an unsharded run, byte for byte; the sarif validates', async () => {
  const dir = makeRepo(project());
  for (const format of ['json', 'sarif'] as const) {
    const whole = await check(dir, ['-f', format]);
    const shards = await Promise.all([1, 2, 3].map((index) => check(dir, ['-f', format, '--shard', `${index}/3`])));
    const inputs = shards.map((run, index) => ({
      kind: format,
      name: `shard-${index + 1}`,
      report: JSON.parse(run.stdout),
    }));
    if (format === 'json') {
      const files = inputs.map((input) => (input.report as JsonReport).results.map((result) => result.filePath));
      assert.equal(new Set(files.flat()).size, files.flat().length, 'no file in two shards');
      assert.ok(
        files.every((list) => list.length > 0),
        'every shard got work',
      );
      assert.equal(`${JSON.stringify(mergeJsonReports(inputs as never), null, 2)}\n`, whole.stdout);
      assert.ok(whole.stdout.includes('src/use.ts'), 'the cross-file finding is there');
    } else {
      const merged = mergeSarifLogs(inputs as never) as Log;
      assert.equal(`${JSON.stringify(merged, null, 2)}\n`, whole.stdout);
      assert.deepEqual(loadSarifValidator()(merged), []);
      assert.equal((inputs[0]!.report as Log).runs[0]!.automationDetails!.id, 'goodput/shard-1-of-3/');
    }
  }
});

test('merge refuses missing, repeated and mixed shards', async () => {
  const dir = makeRepo(project());
  const shard = async (spec?: string) => ({
    kind: 'json' as const,
    name: spec ?? 'whole',
    report: JSON.parse((await check(dir, ['-f', 'json', ...(spec ? ['--shard', spec] : [])])).stdout) as JsonReport,
  });
  const [one, two, whole] = [await shard('1/2'), await shard('2/2'), await shard()];
  assert.throws(() => mergeJsonReports([one]), /missing shard 2\/2/);
  assert.throws(() => mergeJsonReports([one, one, two]), /shard 1\/2 given twice/);
  assert.throws(() => mergeJsonReports([one, two, whole]), /unsharded/);
  assert.throws(() => mergeJsonReports([whole, whole]), /in more than one input/);
});
