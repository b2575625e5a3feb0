import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../server/src/analysis';
import { checkFixes } from '../helpers/rule-tester';

// The fix-safety property over every finding of the demo backend (all rule families, with the
// workspace's cross-module facts): each fix parses, removes its finding, and changes nothing
// outside the flagged node except insertions at the top of the module.

const ROOT = join(__dirname, '..', '..', 'examples');

describe('fix safety over examples/', () => {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(ROOT, 'src', file).replace(/\\/g, '/'))
    .sort();
  const analyzer = new Analyzer({ rootDir: ROOT, readFile: (path) => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } } });
  for (const file of files) analyzer.setFile(file, readFileSync(file, 'utf8'));

  let fixes = 0;
  for (const file of files) {
    test(file.slice(ROOT.length + 1), () => {
      const text = readFileSync(file, 'utf8');
      for (const finding of analyzer.analyzeFile(file, text).findings) {
        checkFixes(analyzer, file, text, finding, finding.ruleId);
        fixes += finding.fixes.length;
      }
    });
  }
  test('the examples exercise fixes of several rules', () => {
    assert.ok(fixes >= 5, `only ${fixes} fixes checked`);
  });
});
