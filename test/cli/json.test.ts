import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, toJsonReport } from '../../server/src/cli/formats/json';
import { makeFinding, makeResult, reportOf, ROOT, safeFix, spanOf } from './helpers/findings';

const A = `${ROOT}/src/a.ts`;
const Z = `${ROOT}/z.ts`;
const OUTSIDE = '/elsewhere/c.ts';
const TEXT = 'await fetch(url);\nawait fetch(url);\n';

test('json has the documented shape: version, tool, results with relative paths, summary', () => {
  const first = spanOf(TEXT, 'fetch(url)', 0);
  const report = reportOf(
    [makeResult(A, [makeFinding(A, first, { fixes: [safeFix(first, ', {}')] })]), makeResult(`${ROOT}/clean.ts`, [])],
    { [A]: TEXT },
  );
  const json = toJsonReport(report);
  assert.match(json.results[0]!.findings[0]!.fingerprint, /^[0-9a-f]{32}$/);
  assert.deepEqual(json, {
    version: 1,
    tool: { name: 'goodput', version: '9.9.9' },
    results: [
      {
        filePath: 'src/a.ts',
        findings: [
          {
            ruleId: 'require-timeout',
            family: 'timeout',
            severity: 'warning',
            message: '`fetch` has no timeout.',
            line: 1,
            column: 7,
            endLine: 1,
            endColumn: 17,
            policy: { summary: 'fetch: no deadline (Node default: 300 s for headers, none for the whole request)', facts: { client: 'fetch', timeoutMs: null } },
            fixable: true,
            simulation: { model: 'missing-timeout', params: { timeoutMs: 0 } },
            fingerprint: json.results[0]!.findings[0]!.fingerprint,
          },
        ],
      },
    ],
    summary: { errorCount: 0, warningCount: 1, infoCount: 0, hintCount: 0, fixableCount: 1, fileCount: 2 },
    shard: null,
  });
});

test('json orders files by path and findings by position, then rule id, whatever the input order', () => {
  const one = spanOf(TEXT, 'fetch(url)', 0);
  const two = spanOf(TEXT, 'fetch(url)', 1);
  const report = reportOf([
    makeResult(Z, [makeFinding(Z, one)]),
    makeResult(A, [
      makeFinding(A, two),
      makeFinding(A, one, { ruleId: 'unused-directive', family: 'meta' }),
      makeFinding(A, one),
    ]),
  ]);
  const json = toJsonReport(report);
  assert.deepEqual(
    json.results.map((result) => result.filePath),
    ['src/a.ts', 'z.ts'],
  );
  assert.deepEqual(
    json.results[0]!.findings.map((finding) => `${finding.line}:${finding.ruleId}`),
    ['1:require-timeout', '1:unused-directive', '2:require-timeout'],
  );
});

test('json uses null for absent policy and simulation, counts severities, and keeps outside paths absolute', () => {
  const span = spanOf(TEXT, 'fetch(url)');
  const report = reportOf([
    makeResult(OUTSIDE, [
      makeFinding(OUTSIDE, span, { severity: 'error', policy: undefined, simulation: undefined }),
      makeFinding(OUTSIDE, spanOf(TEXT, 'fetch(url)', 1), { severity: 'information' }),
      makeFinding(OUTSIDE, spanOf(TEXT, 'await', 1), {
        severity: 'hint',
        fixes: [{ title: 't', kind: 'suggestion', edits: [] }],
      }),
    ]),
  ]);
  const json = toJsonReport(report);
  const [result] = json.results;
  assert.equal(result!.filePath, OUTSIDE);
  assert.deepEqual(
    result!.findings.map((finding) => finding.severity),
    ['error', 'hint', 'information'],
  );
  assert.equal(result!.findings[0]!.policy, null);
  assert.equal(result!.findings[0]!.simulation, null);
  assert.equal(result!.findings[1]!.fixable, false, 'a suggestion is not an automatic fix');
  assert.deepEqual(json.summary, {
    errorCount: 1,
    warningCount: 0,
    infoCount: 1,
    hintCount: 1,
    fixableCount: 0,
    fileCount: 1,
  });
});

test('json text is stable: same report, same bytes, newline-terminated', () => {
  const make = () => reportOf([makeResult(A, [makeFinding(A, spanOf(TEXT, 'fetch(url)'))])]);
  const text = formatJson(make());
  assert.equal(text, formatJson(make()));
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(JSON.parse(text), toJsonReport(make()));
});

test('the keep filter (used by --quiet) drops findings and files before formatting', () => {
  const report = reportOf(
    [makeResult(A, [makeFinding(A, spanOf(TEXT, 'fetch(url)'))])],
    {},
    (finding) => finding.severity === 'error',
  );
  const json = toJsonReport(report);
  assert.deepEqual(json.results, []);
  assert.equal(json.summary.warningCount, 0);
  assert.equal(json.summary.fileCount, 1);
});
