import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/analysis';
import { applyEdits } from '../../server/src/analysis/fixes/text-edits';
import { disableForFileEdit, disableForLineEdit } from '../../server/src/analysis/fixes/suppression-edits';

const FILE = '/ws/main.ts';

function analyze(code: string) {
  const analyzer = new Analyzer({ rootDir: '/ws' });
  return { analyzer, result: analyzer.analyzeFile(FILE, code) };
}

const ids = (code: string) => analyze(code).result.findings.map((f) => `${f.span.startPos.line}:${f.ruleId}`);

describe('suppression directives', () => {
  test('next-line, same-line and file directives suppress; others do not', () => {
    assert.deepEqual(ids(`// goodput-ignore-next-line require-timeout -- probe\nfetch('a');\nfetch('b');\n`), ['3:require-timeout']);
    assert.deepEqual(ids(`fetch('a'); // goodput-ignore require-timeout -- probe\nfetch('b');\n`), ['2:require-timeout']);
    assert.deepEqual(ids(`/* goodput-ignore-file require-timeout */\nfetch('a');\nfetch('b');\n`), []);
    assert.deepEqual(ids(`// goodput-ignore-next-line\nfetch('a');\n`), [], 'no rule list = every rule');
  });

  test('directive look-alikes in strings, templates, JSDoc and /// are not directives', () => {
    for (const code of [
      `const s = '// goodput-ignore-next-line require-timeout';\nfetch('a');\n`,
      'const t = `\n// goodput-ignore-next-line require-timeout\n`;\nfetch(t);\n',
      `/** goodput-ignore-next-line require-timeout */\nfetch('a');\n`,
      `/// goodput-ignore-next-line require-timeout\nfetch('a');\n`,
      `// see goodput-ignore-next-line require-timeout\nfetch('a');\n`,
    ]) {
      assert.ok(ids(code).some((id) => id.endsWith(':require-timeout')), code);
    }
  });

  test('an unused directive is reported, and its fix removes the line', () => {
    const code = `// goodput-ignore-next-line require-timeout -- stale\nfetch('a', { signal: AbortSignal.timeout(5) });\n`;
    const { result } = analyze(code);
    assert.equal(result.findings.length, 1);
    const [unused] = result.findings;
    assert.equal(unused!.ruleId, 'unused-directive');
    assert.match(unused!.message, /require-timeout: no such finding on line 2/);
    assert.equal(applyEdits(code, unused!.fixes[0]!.edits), `fetch('a', { signal: AbortSignal.timeout(5) });\n`);
  });

  test('an unknown rule id in a directive is reported; the known one still works', () => {
    const code = `fetch('a'); // goodput-ignore require-timeout, require-timout -- typo\n`;
    const { result } = analyze(code);
    assert.deepEqual(result.findings.map((f) => f.messageId), ['unknownRule']);
    assert.equal(applyEdits(code, result.findings[0]!.fixes[0]!.edits), `fetch('a'); // goodput-ignore require-timeout -- typo\n`);
  });

  test('"disable for this line" merges into an existing directive; "for this file" adds one at the top', () => {
    const { analyzer } = analyze('');
    const code = `#!/usr/bin/env node\nfunction f() {\n  // goodput-ignore-next-line other-rule -- x\n  fetch('a');\n}\n`;
    analyzer.setFile(FILE, code);
    const sourceFile = analyzer.files.getSourceFile(FILE)!;
    const merged = applyEdits(code, [disableForLineEdit(sourceFile, 'require-timeout', 3)]);
    assert.match(merged, /\/\/ goodput-ignore-next-line other-rule, require-timeout -- x\n {2}fetch/);
    const fresh = applyEdits(code, [disableForLineEdit(sourceFile, 'require-timeout', 1)]);
    assert.match(fresh, /#!\/usr\/bin\/env node\n\/\/ goodput-ignore-next-line require-timeout -- TODO: explain why this is safe\nfunction f/);
    const file = applyEdits(code, [disableForFileEdit(sourceFile, 'require-timeout')]);
    assert.match(file, /^#!\/usr\/bin\/env node\n\/\* goodput-ignore-file require-timeout -- TODO: explain why this is safe \*\/\n/);
  });
});
