import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { Analyzer, allRules, defaultConfig, type Finding } from '../../server/src/analysis';
import { applyEdits } from '../../server/src/analysis/fixes/text-edits';
import { fixAll } from '../../server/src/analysis/fixes/fix-all';
import { scriptKindOf } from '../../server/src/analysis/workspace-files';

// Rules are tested as data: valid code must produce no finding of the rule; invalid code must
// produce exactly the listed findings, and every fix must parse, remove its finding, and touch
// nothing outside the flagged node except insertions at the top of the module.

export interface CaseBase {
  name?: string;
  code: string;
  /** Name of the analyzed file (default `main.ts`). */
  filename?: string;
  /** Other workspace files, by path relative to the workspace root. */
  files?: Record<string, string>;
  options?: Record<string, number | string | boolean>;
}

export interface ExpectedError {
  messageId: string;
  line: number;
  column?: number;
}

export interface InvalidCase extends CaseBase {
  errors: ExpectedError[];
  /** The file after fix-all; `null` when no safe fix applies. */
  output: string | null;
}

export interface RuleCases {
  valid: Array<CaseBase | string>;
  invalid: InvalidCase[];
}

const ROOT = '/workspace';

/** An analyzer over the given workspace files (absolute paths), with every rule at its default. */
export function analyzerWith(files: Record<string, string>, rootDir = '/repo'): Analyzer {
  const analyzer = new Analyzer({ rootDir });
  for (const [path, text] of Object.entries(files)) analyzer.setFile(path, text);
  return analyzer;
}

export function analyzeCase(ruleId: string, testCase: CaseBase) {
  const config = defaultConfig(allRules);
  for (const id of Object.keys(config.rules)) if (id !== ruleId) config.rules[id]!.severity = 'off';
  if (testCase.options) config.rules[ruleId]!.options = { ...config.rules[ruleId]!.options, ...testCase.options };
  const analyzer = new Analyzer({ config, rootDir: ROOT });
  for (const [path, text] of Object.entries(testCase.files ?? {})) analyzer.setFile(`${ROOT}/${path}`, text);
  const fileName = `${ROOT}/${testCase.filename ?? 'main.ts'}`;
  const result = analyzer.analyzeFile(fileName, testCase.code);
  assert.deepEqual(result.failures, [], 'a rule threw');
  return { analyzer, fileName, result, findings: result.findings.filter((f) => f.ruleId === ruleId) };
}

export function runRuleTests(ruleId: string, cases: RuleCases): void {
  const rule = allRules.find((candidate) => candidate.id === ruleId);
  assert.ok(rule, `unknown rule ${ruleId}`);
  assert.ok(cases.invalid.length > 0, `${ruleId} has no invalid cases`);

  cases.valid.forEach((raw, index) => {
    const testCase = typeof raw === 'string' ? { code: raw } : raw;
    test(`valid #${index + 1}${testCase.name ? `: ${testCase.name}` : ''}`, () => {
      const { findings } = analyzeCase(ruleId, testCase);
      assert.deepEqual(findings.map(describe), [], `expected no ${ruleId} finding in:\n${testCase.code}`);
    });
  });

  cases.invalid.forEach((testCase, index) => {
    test(`invalid #${index + 1}${testCase.name ? `: ${testCase.name}` : ''}`, () => {
      for (const error of testCase.errors) {
        assert.ok(error.messageId in rule.meta.messages, `unknown messageId "${error.messageId}"`);
      }
      const { analyzer, fileName, findings } = analyzeCase(ruleId, testCase);
      const actual = findings.map((f) => ({ messageId: f.messageId, line: f.span.startPos.line, column: f.span.startPos.column }));
      const expected = testCase.errors.map((e, i) => ({ messageId: e.messageId, line: e.line, column: e.column ?? actual[i]?.column }));
      assert.deepEqual(actual, expected, `findings differ for:\n${testCase.code}`);
      for (const finding of findings) checkFixes(analyzer, fileName, testCase.code, finding, ruleId);
      const fixed = fixAll(analyzer, fileName, testCase.code, new Set([ruleId])).text;
      assert.equal(fixed === testCase.code ? null : fixed, testCase.output, 'fix-all output differs');
    });
  });
}

/** The fix-safety property for one finding: parses, removes the finding, stays in its node. */
export function checkFixes(analyzer: Analyzer, fileName: string, code: string, finding: Finding, ruleId: string): void {
  const before = analyzer.analyzeFile(fileName, code).findings.filter((f) => f.ruleId === ruleId).length;
  for (const fix of finding.fixes) {
    const headerEnd = firstCodeStatementStart(fileName, code);
    for (const edit of fix.edits) {
      const insideNode = edit.start >= finding.span.start && edit.end <= finding.span.end;
      const headerInsertion = edit.start === edit.end && edit.start <= headerEnd;
      assert.ok(insideNode || headerInsertion, `fix "${fix.title}" edits outside its node: ${JSON.stringify(edit)}`);
    }
    const output = applyEdits(code, fix.edits);
    assert.deepEqual(parseErrors(fileName, output), [], `fix "${fix.title}" produced code that does not parse:\n${output}`);
    const after = analyzer.analyzeFile(fileName, output).findings.filter((f) => f.ruleId === ruleId).length;
    assert.ok(after < before, `fix "${fix.title}" did not remove its finding:\n${output}`);
  }
  analyzer.analyzeFile(fileName, code);
}

export function parseErrors(fileName: string, text: string): string[] {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function firstCodeStatementStart(fileName: string, text: string): number {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
  const isHeader = (statement: ts.Statement) =>
    ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) ||
    (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) ||
    (ts.isVariableStatement(statement) && statement.declarationList.declarations.every(isRequireDeclaration));
  const first = sourceFile.statements.find((statement) => !isHeader(statement));
  return first ? first.getStart(sourceFile) : text.length;
}

/** `const x = require('m')`, `const { a, b: c } = require('m')`, `const y = require('m').y`. */
function isRequireDeclaration(declaration: ts.VariableDeclaration): boolean {
  let initializer = declaration.initializer;
  while (initializer && ts.isPropertyAccessExpression(initializer)) initializer = initializer.expression;
  return (
    !!initializer &&
    ts.isCallExpression(initializer) &&
    ts.isIdentifier(initializer.expression) &&
    initializer.expression.text === 'require'
  );
}

function describe(finding: Finding): string {
  return `${finding.span.startPos.line}:${finding.span.startPos.column} ${finding.messageId}`;
}
