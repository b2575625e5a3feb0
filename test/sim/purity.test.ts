import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { listModels, runModel } from '../../server/src/sim/index';

const root = new URL('../..', import.meta.url).pathname;
const simDir = join(root, 'server/src/sim');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Comments may mention what the code must not do; only code counts. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bMath\.random\b/, 'Math.random (use the seeded Rng)'],
  [/\bDate\b/, 'Date (the real clock)'],
  [/\bperformance\b/, 'performance (the real clock)'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask|requestAnimationFrame)\b/, 'real timers'],
  [/\bprocess\s*[.[]/, 'process (environment, stdout)'],
  [/\b(require|fetch|XMLHttpRequest|WebSocket)\s*\(/, 'IO or dynamic loading'],
  [/\bimport\s*\(/, 'dynamic import'],
  [/\bconsole\./, 'console (printing belongs to the CLI)'],
  [/from\s+['"](node:|fs|path|os|child_process|worker_threads|timers|crypto|http|https|net)/, 'a Node module'],
  [/from\s+['"]vscode/, 'vscode or vscode-languageserver'],
  [/from\s+['"][^'"]*\/analysis(\/|['"])/, 'the analyzer (a finding hands over only { model, params })'],
];

test('nothing under server/src/sim reads the clock, timers, Math.random or IO', () => {
  const all = files(simDir);
  assert.ok(all.length > 5);
  const problems: string[] = [];
  for (const file of all) {
    const text = code(readFileSync(file, 'utf8'));
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(text)) problems.push(`${relative(root, file)}: ${what}`);
    }
    // Imports stay inside sim/.
    for (const m of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      const target = m[1]!;
      if (!target.startsWith('.')) problems.push(`${relative(root, file)}: imports package ${target}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('sim files stay small (≤ 300 lines)', () => {
  const long = files(simDir)
    .map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length] as const)
    .filter(([, n]) => n > 300);
  assert.deepEqual(long, []);
});

test('a browser bundle, run with no Node globals, gives exactly the Node result for every model', async () => {
  const bundle = await build({
    entryPoints: [join(simDir, 'index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'GoodputSim',
    write: false,
    logLevel: 'silent',
  });
  const source = bundle.outputFiles[0]!.text;
  const browserSim = runInNewContext(`${source}\nGoodputSim`, {}) as typeof import('../../server/src/sim/index');
  for (const model of listModels()) {
    const horizonMs = Math.min(model.defaultHorizonMs, 20_000);
    const inNode = runModel(model.id, {}, { seed: 1234, horizonMs });
    const inBrowser = browserSim.runModel(model.id, {}, { seed: 1234, horizonMs });
    assert.equal(JSON.stringify(inBrowser), JSON.stringify(inNode), model.id);
    assert.ok(inNode.events > 0, `${model.id} processed events`);
  }
});
