import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGithub } from '../../server/src/cli/formats/github';
import { formatMarkdown, MAX_LISTED_FINDINGS } from '../../server/src/cli/formats/markdown';
import { simulatedImpacts } from '../../server/src/cli/formats/simulated-impact';
import { makeFinding, makeResult, reportOf, ROOT, spanOf } from './helpers/findings';

// --format github (workflow commands) and --format markdown (job summary with simulated impact).

const A = `${ROOT}/src/a,b.ts`;
const TEXT = 'await fetch(url);\nawait fetch(\n  url);\n';

test('github: one workflow command per finding, levels mapped, properties and data escaped', () => {
  const findings = [
    makeFinding(A, spanOf(TEXT, 'fetch(url)'), { severity: 'error', message: '100% wrong:\nreally' }),
    makeFinding(A, spanOf(TEXT, 'fetch(\n  url)'), { severity: 'hint', policy: undefined }),
  ];
  const lines = formatGithub(reportOf([makeResult(A, findings)], { [A]: TEXT })).split('\n');
  assert.equal(
    lines[0],
    '::error file=src/a%2Cb.ts,line=1,endLine=1,col=7,endColumn=17,title=Goodput%3A require-timeout::' +
      '100%25 wrong:%0Areally%0Afetch: no deadline (Node default: 300 s for headers, none for the whole request)',
  );
  assert.equal(
    lines[1],
    '::notice file=src/a%2Cb.ts,line=2,endLine=3,title=Goodput%3A require-timeout::`fetch` has no timeout.',
  );
  assert.equal(lines[2], '');
  assert.equal(formatGithub(reportOf([])), '', 'a clean run prints nothing');
});

test('markdown: grouped by family, each finding with its policy and a simulated impact', () => {
  const B = `${ROOT}/src/b.ts`;
  const retry = makeFinding(B, spanOf(TEXT, 'fetch(url)'), {
    ruleId: 'no-fixed-interval-retry',
    family: 'retry',
    message: 'Fixed 1 s retries.',
    policy: { summary: '5 attempts, waits 1000 ms; no jitter' },
    simulation: { model: 'retry-storm', params: {} },
  });
  const timeout = makeFinding(A, spanOf(TEXT, 'fetch(url)'), {
    simulation: { model: 'missing-timeout', params: { timeoutMs: 0 }, fixedParams: { timeoutMs: 10_000 } },
  });
  const calls: string[] = [];
  const impacts = simulatedImpacts();
  const text = formatMarkdown(
    reportOf([makeResult(B, [retry]), makeResult(A, [timeout, timeout])], { [A]: TEXT, [B]: TEXT }),
    (scenario) => {
      calls.push(scenario?.model ?? 'none');
      return impacts(scenario);
    },
  );
  assert.match(text, /^## Goodput: 3 problems \(0 errors, 3 warnings\)\n/);
  assert.ok(text.indexOf('### Timeouts (2)') < text.indexOf('### Retries (1)'), 'families in a fixed order');
  assert.match(
    text,
    /- 🟠 warning `src\/a,b\.ts:1` — `fetch` has no timeout\. \(`require-timeout`\)\n {2}<br>_fetch: no deadline \(Node default: 300 s for headers, none for the whole request\)_ — _goodput falls to \d+ % \(simulated; \d+ % with the fix\)_/,
  );
  assert.match(text, /`src\/b\.ts:1` — Fixed 1 s retries\./);
  assert.match(text, /_5 attempts, waits 1000 ms; no jitter_ — _.+\(simulated\)_/);
  assert.equal(calls.length, 3, 'asked per finding…');
  assert.equal(formatMarkdown(reportOf([])), '## Goodput: no problems in 0 files ✅\n\n');
});

test('markdown: long reports are cut with a count, not truncated mid-line', () => {
  const many = Array.from({ length: MAX_LISTED_FINDINGS + 5 }, () =>
    makeFinding(A, spanOf(TEXT, 'fetch(url)'), { simulation: undefined }),
  );
  const text = formatMarkdown(reportOf([makeResult(A, many)], { [A]: TEXT }));
  assert.equal(text.split('\n').filter((line) => line.startsWith('- ')).length, MAX_LISTED_FINDINGS);
  assert.match(text, /… and 5 more: see the JSON or SARIF report\./);
});
