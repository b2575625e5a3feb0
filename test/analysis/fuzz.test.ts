import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../server/src/analysis';
import { mutations, sourceSamples } from '../helpers/fuzz-inputs';

// The analyzer never throws and no rule fails, whatever it is given: truncated and mutated
// versions of the examples and of real code in node_modules, and TypeScript's own lib files.

function analyzeAll(inputs: Array<{ name: string; text: string }>): void {
  const analyzer = new Analyzer({ rootDir: '/fuzz' });
  for (const { name, text } of inputs) {
    const result = analyzer.analyzeFile(`/fuzz/${name}`, text);
    assert.deepEqual(result.failures, [], `a rule failed on ${name}`);
  }
}

describe('fuzz: no crash, no rule failure', () => {
  const root = join(__dirname, '..', '..');

  test('mutations of every examples/ file', () => {
    const dir = join(root, 'examples', 'src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 5);
    for (const file of files) analyzeAll(mutations(readFileSync(join(dir, file), 'utf8'), file, 40));
  });

  test('mutations of real code from node_modules (pinned by package-lock.json)', () => {
    for (const sample of sourceSamples(root, 60)) analyzeAll(mutations(sample.text, sample.name, 6));
  });

  test("TypeScript's lib .d.ts files, whole", () => {
    const dir = join(root, 'node_modules', 'typescript', 'lib');
    const libs = readdirSync(dir).filter((name) => /^lib\..*\.d\.ts$/.test(name));
    assert.ok(libs.length > 50);
    analyzeAll(libs.map((name) => ({ name: name.replace(/\.d\.ts$/, '.ts'), text: readFileSync(join(dir, name), 'utf8') })));
  });
});
