import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStylish } from '../../server/src/cli/formats/stylish';
import { makeFinding, makeResult, reportOf, ROOT, safeFix, spanOf } from './helpers/findings';

const A = `${ROOT}/src/a.ts`;
const B = `${ROOT}/src/b.ts`;
const TEXT_A = 'const x = 1;\nawait fetch(url);\n\nawait fetch(other);\n';
const TEXT_B = 'await fetch(url);\n';

function sampleReport() {
  const a = [
    makeFinding(A, spanOf(TEXT_A, 'fetch(other)'), {
      severity: 'error',
      message: 'second',
      fixes: [safeFix(spanOf(TEXT_A, 'fetch(other)'), ', {}')],
    }),
    makeFinding(A, spanOf(TEXT_A, 'fetch(url)'), { message: 'first' }),
  ];
  const b = [
    makeFinding(B, spanOf(TEXT_B, 'fetch(url)'), { severity: 'information', message: 'advice', policy: undefined }),
  ];
  // Results arrive in reverse order: the report sorts them.
  return reportOf([makeResult(B, b), makeResult(A, a)]);
}

test('stylish prints a header per file, one line per finding, the policy below it, and a summary', () => {
  const output = formatStylish(sampleReport(), { color: false });
  assert.equal(
    output,
    [
      '',
      'src/a.ts',
      '  2:7  warning  first  require-timeout',
      '                fetch: no deadline (Node default: 300 s for headers, none for the whole request)',
      '  4:7  error    second  require-timeout',
      '                fetch: no deadline (Node default: 300 s for headers, none for the whole request)',
      '',
      'src/b.ts',
      '  1:7  info  advice  require-timeout',
      '',
      '✖ 3 problems (1 error, 1 warning, 1 note)',
      '  1 problem can be fixed automatically (fix-all in the editor)',
      '',
      '',
    ].join('\n'),
  );
});

test('stylish prints nothing for a clean run', () => {
  assert.equal(formatStylish(reportOf([makeResult(A, [])]), { color: false }), '');
});

test('stylish uses colour only when asked, and the text is the same without the escapes', () => {
  const plain = formatStylish(sampleReport(), { color: false });
  const colored = formatStylish(sampleReport(), { color: true });
  assert.doesNotMatch(plain, /\u001b\[/);
  assert.match(colored, /\u001b\[31merror/, 'errors are red');
  assert.match(colored, /\u001b\[33mwarning/, 'warnings are yellow');
  assert.equal(colored.replace(/\u001b\[\d+m/g, ''), plain);
});

test('stylish pluralises and keeps each finding on one line', () => {
  const text = 'fetch(a)\n';
  const finding = makeFinding(A, spanOf(text, 'fetch(a)'), { message: 'line one\n  line two' });
  const output = formatStylish(reportOf([makeResult(A, [finding])]), { color: false });
  assert.match(output, /^ {2}1:1 {2}warning {2}line one line two {2}require-timeout$/m);
  assert.match(output, /^✖ 1 problem \(0 errors, 1 warning\)$/m);
  assert.doesNotMatch(output, /can be fixed/);
});

test('stylish marks a report with only notes with ℹ rather than ✖', () => {
  const text = 'fetch(a)\n';
  const finding = makeFinding(A, spanOf(text, 'fetch(a)'), { severity: 'hint' });
  const output = formatStylish(reportOf([makeResult(A, [finding])]), { color: false });
  assert.match(output, /^ℹ 1 problem \(0 errors, 0 warnings, 1 note\)$/m);
  assert.match(output, / {2}1:1 {2}hint {2}/);
});
