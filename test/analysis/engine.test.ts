import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { Analyzer, allRules, defaultConfig, type RuleDefinition } from '../../server/src/analysis';
import { defineRule } from '../../server/src/analysis/rule';

const crashing = defineRule({
  id: 'always-crashes',
  meta: { family: 'retry', severity: 'warning', docs: { description: 'Crash' }, messages: {}, fix: 'none', options: {} },
  create: () => ({
    [ts.SyntaxKind.CallExpression]: () => {
      throw new Error('boom');
    },
  }),
}) as unknown as RuleDefinition;

describe('analysis engine', () => {
  test('a rule that throws is isolated: reported once, the other rules still report', () => {
    const rules = [crashing, ...allRules];
    const analyzer = new Analyzer({ rules, config: defaultConfig(rules) });
    const result = analyzer.analyzeFile('/ws/a.ts', `fetch('a');\nfetch('b');\n`);
    assert.equal(result.failures.length, 1);
    assert.equal(result.failures[0]!.ruleId, 'always-crashes');
    assert.match(result.failures[0]!.message, /boom/);
    assert.equal(result.findings.filter((f) => f.ruleId === 'require-timeout').length, 2);
  });

  test('malformed code never throws and still yields what can be recognised', () => {
    const analyzer = new Analyzer();
    for (const code of ['fetch(', 'fetch(url, {', '}}}}', 'import axios from', 'const = = ;', '\u0000\u0001binary']) {
      const result = analyzer.analyzeFile('/ws/bad.ts', code);
      assert.deepEqual(result.failures, [], code);
    }
    assert.match(analyzer.analyzeFile('/ws/bin.ts', 'a\u0000b').skipped ?? '', /not a text file/);
  });

  test('files over maxFileSizeKb are skipped with a reason', () => {
    const config = defaultConfig(allRules);
    config.maxFileSizeKb = 1;
    const result = new Analyzer({ config }).analyzeFile('/ws/big.ts', `fetch('x');\n`.repeat(200));
    assert.equal(result.findings.length, 0);
    assert.match(result.skipped ?? '', /above maxFileSizeKb \(1 KiB\)/);
  });

  test('a severity override is reported as configured; "off" disables the rule', () => {
    const config = defaultConfig(allRules);
    config.rules['require-timeout']!.severity = 'error';
    assert.equal(new Analyzer({ config }).analyzeFile('/ws/a.ts', `fetch('a');`).findings[0]!.severity, 'error');
    config.rules['require-timeout']!.severity = 'off';
    assert.equal(new Analyzer({ config }).analyzeFile('/ws/a.ts', `fetch('a');`).findings.length, 0);
  });
});
