import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../server/src/analysis';
import { analyzeCase, parseErrors } from '../helpers/rule-tester';

// Every rule has a doc page; its ❌ examples trigger the rule and its ✅ examples do not. The
// page documents every option. Docs that lie are worse than none.

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  line: number;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  let kind: Example['kind'] | undefined;
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^#{2,4} /.test(line)) kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : undefined;
    if (kind && /^```(ts|typescript|js|javascript)\s*$/.test(line)) {
      const start = index + 1;
      const end = lines.indexOf('```', start);
      found.push({ kind, code: lines.slice(start, end).join('\n'), line: start + 1 });
      index = end;
    }
  }
  return found;
}

for (const rule of allRules) {
  describe(`docs/rules/${rule.id}.md`, () => {
    const path = join(DOCS, `${rule.id}.md`);
    test('exists, names the rule and documents every option', () => {
      assert.ok(existsSync(path), `missing ${path}`);
      const markdown = readFileSync(path, 'utf8');
      assert.match(markdown, new RegExp(`^# ${rule.id}$`, 'm'));
      assert.ok(markdown.includes(rule.meta.docs.description), 'the page states the rule description');
      for (const option of Object.keys(rule.meta.options)) assert.ok(markdown.includes(`\`${option}\``), `option ${option} undocumented`);
    });

    const markdown = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const found = examples(markdown);
    test('has both ❌ and ✅ examples', () => {
      assert.ok(found.some((e) => e.kind === 'incorrect'), 'no ❌ example');
      assert.ok(found.some((e) => e.kind === 'correct'), 'no ✅ example');
    });
    for (const example of found) {
      test(`${example.kind === 'incorrect' ? '❌' : '✅'} example at line ${example.line}`, () => {
        assert.deepEqual(parseErrors('example.ts', example.code), [], 'the example does not parse');
        const { findings } = analyzeCase(rule.id, { code: example.code });
        if (example.kind === 'incorrect') assert.ok(findings.length > 0, `❌ example does not trigger ${rule.id}:\n${example.code}`);
        else assert.deepEqual(findings.map((f) => f.message), [], `✅ example triggers ${rule.id}`);
      });
    }
  });
}
