import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Log, Result } from 'sarif';
import { ruleDocsUrl } from '../../server/src/analysis';
import { fingerprintFindings, FINGERPRINT_KEY } from '../../server/src/cli/formats/fingerprint';
import { formatSarif, toSarifLog } from '../../server/src/cli/formats/sarif';
import { makeFinding, makeResult, reportOf, ROOT, safeFix, spanOf } from './helpers/findings';
import { loadSarifValidator } from './helpers/sarif-schema';

const A = `${ROOT}/src/a.ts`;
const TEXT = 'await fetch(url);\nawait fetch(url);\n';

function sampleLog(): Log {
  const first = spanOf(TEXT, 'fetch(url)', 0);
  const second = spanOf(TEXT, 'fetch(url)', 1);
  const findings = [
    makeFinding(A, second, { severity: 'error' }),
    makeFinding(A, first, { fixes: [safeFix(first, ', { signal }')] }),
  ];
  const spaced = `${ROOT}/src/with space.ts`;
  const hinted = makeFinding(spaced, first, { severity: 'hint', policy: undefined, simulation: undefined });
  return toSarifLog(reportOf([makeResult(A, findings), makeResult(spaced, [hinted])], { [A]: TEXT, [spaced]: TEXT }));
}

function results(log: Log): Result[] {
  return log.runs[0]!.results!;
}

test('sarif log: version, schema, driver with rules, SRCROOT, column kind, invocation', () => {
  const log = sampleLog();
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema!, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0]!;
  const driver = run.tool.driver;
  assert.equal(driver.name, 'Goodput');
  assert.equal(driver.version, '9.9.9');
  assert.match(driver.informationUri!, /^https:\/\//);
  assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: 'file:///project/' } });
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.invocations, [{ executionSuccessful: true }]);
  assert.deepEqual(run.automationDetails, { id: 'goodput/' });

  const ids = driver.rules!.map((rule) => rule.id);
  assert.deepEqual(ids, [...ids].sort(), 'rules are sorted by id');
  assert.ok(ids.includes('require-timeout') && ids.includes('unused-directive'));
  const rule = driver.rules!.find((candidate) => candidate.id === 'require-timeout')!;
  assert.equal(rule.name, 'RequireTimeout');
  assert.equal(rule.shortDescription!.text, 'Require an effective timeout on every outbound call');
  assert.ok(rule.fullDescription!.text.length > rule.shortDescription!.text.length);
  assert.match(rule.help!.text, /defaultTimeoutMs \(number, ms, default 10000\)/);
  assert.match(rule.help!.markdown!, /\[Documentation\]\(https:/);
  assert.equal(rule.helpUri, ruleDocsUrl('require-timeout'));
  assert.deepEqual(rule.defaultConfiguration, { level: 'warning' });
  assert.deepEqual(rule.properties!.tags, ['resilience', 'timeout']);
});

test('sarif results: rule index, level, message, relative location, region, properties, order', () => {
  const log = sampleLog();
  const rules = log.runs[0]!.tool.driver.rules!;
  const [first, second, third] = results(log);
  assert.equal(results(log).length, 3);
  for (const result of results(log)) assert.equal(rules[result.ruleIndex!]!.id, result.ruleId);

  assert.equal(first!.level, 'warning');
  assert.equal(first!.message.text, '`fetch` has no timeout.');
  assert.deepEqual(first!.locations, [
    {
      physicalLocation: {
        artifactLocation: { uri: 'src/a.ts', uriBaseId: 'SRCROOT' },
        region: { startLine: 1, startColumn: 7, endLine: 1, endColumn: 17 },
      },
    },
  ]);
  assert.deepEqual(first!.properties, {
    policy: { summary: 'fetch: no deadline (Node default: 300 s for headers, none for the whole request)', facts: { client: 'fetch', timeoutMs: null } },
    simulation: { model: 'missing-timeout', params: { timeoutMs: 0 } },
  });
  assert.equal(second!.level, 'error');
  assert.equal(second!.locations![0]!.physicalLocation!.region!.startLine, 2, 'findings in position order');
  assert.equal(third!.level, 'note', 'hint (and information) map to note');
  assert.equal(third!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'src/with%20space.ts');
  assert.equal(third!.properties, undefined, 'no empty property bags');
});

test('sarif fixes: only safe fixes, as replacements with char offsets in the original file', () => {
  const [first, second] = results(sampleLog());
  const end = spanOf(TEXT, 'fetch(url)').end;
  assert.deepEqual(first!.fixes, [
    {
      description: { text: 'Add a timeout' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'src/a.ts', uriBaseId: 'SRCROOT' },
          replacements: [
            { deletedRegion: { charOffset: end - 1, charLength: 0 }, insertedContent: { text: ', { signal }' } },
          ],
        },
      ],
    },
  ]);
  assert.equal(second!.fixes, undefined);
  const suggestion = makeFinding(A, spanOf(TEXT, 'fetch(url)'), {
    fixes: [{ ...safeFix(spanOf(TEXT, 'fetch(url)'), 'x'), kind: 'suggestion' }],
  });
  assert.equal(results(toSarifLog(reportOf([makeResult(A, [suggestion])])))[0]!.fixes, undefined);
});

test('fingerprints survive moved and reformatted code, and tell identical calls apart', () => {
  const fingerprintsOf = (text: string, needle: string, count: number, path = 'src/a.ts') => {
    const findings = Array.from({ length: count }, (_, index) => makeFinding(A, spanOf(text, needle, index)));
    return fingerprintFindings(findings, path, text).map((fingerprint) => fingerprint.semantic);
  };
  const original = fingerprintsOf(TEXT, 'fetch(url)', 2);
  assert.notEqual(original[0], original[1], 'the second identical call is a different finding');
  assert.deepEqual(fingerprintsOf(`// header\n\n${TEXT}`, 'fetch(url)', 2), original, 'moving down keeps identity');
  const reformatted = 'await fetch(\n  url /* the order */);\nawait fetch(url);\n';
  assert.equal(
    fingerprintsOf(reformatted, 'fetch(\n  url /* the order */)', 1)[0],
    original[0],
    'whitespace, comments',
  );
  assert.notEqual(fingerprintsOf(TEXT, 'fetch(url)', 1, 'src/b.ts')[0], original[0], 'the path counts');
  const otherRule = makeFinding(A, spanOf(TEXT, 'fetch(url)'), { ruleId: 'no-unbounded-retry' });
  assert.notEqual(fingerprintFindings([otherRule], 'src/a.ts', TEXT)[0]!.semantic, original[0]);
  assert.match(original[0]!, /^[0-9a-f]{32}$/);
  assert.ok(
    results(sampleLog()).every((result) => /^[0-9a-f]{32}$/.test(result.partialFingerprints![FINGERPRINT_KEY]!)),
  );
  assert.ok(
    results(sampleLog()).every((result) =>
      /^[0-9a-f]{16}:\d+$/.test(result.partialFingerprints!.primaryLocationLineHash!),
    ),
  );
});

test('fingerprints name the enclosing symbol, so an identical call added elsewhere shifts nothing', () => {
  const module = (extra: string) =>
    `${extra}class Orders {\n  async load() {\n    return fetch(url);\n  }\n}\nrouter.get('/x', async () => fetch(url));\n`;
  const of = (text: string) => {
    const count = text.split('fetch(url)').length - 1;
    const findings = Array.from({ length: count }, (_, index) => makeFinding(A, spanOf(text, 'fetch(url)', index)));
    return fingerprintFindings(findings, 'src/a.ts', text);
  };
  const before = of(module(''));
  assert.deepEqual(
    before.map((fingerprint) => fingerprint.symbol),
    ['Orders > load', "router.get('/x')"],
  );
  const after = of(module('export function warm() {\n  return fetch(url);\n}\n'));
  assert.equal(after[0]!.symbol, 'warm');
  assert.deepEqual(
    after.slice(1).map((fingerprint) => fingerprint.semantic),
    before.map((fingerprint) => fingerprint.semantic),
  );
  const renamed = of(module('').replace('load()', 'fetchAll()'));
  assert.notEqual(renamed[0]!.semantic, before[0]!.semantic, 'a renamed method is a different place');
  assert.equal(renamed[1]!.semantic, before[1]!.semantic);
});

test('sarif reports rule failures and skipped files as notifications; a failure marks the run unsuccessful', () => {
  const report = reportOf([
    makeResult(A, [], { failures: [{ ruleId: 'require-timeout', file: A, message: 'boom' }] }),
    makeResult(`${ROOT}/big.js`, [], { skipped: 'skipped: 4096 KiB is above maxFileSizeKb (2048 KiB)' }),
  ]);
  const invocation = toSarifLog(report).runs[0]!.invocations![0]!;
  assert.equal(invocation.executionSuccessful, false);
  const notifications = invocation.toolExecutionNotifications!;
  assert.equal(notifications.length, 2);
  assert.equal(notifications[0]!.level, 'error');
  assert.match(notifications[0]!.message.text!, /require-timeout failed on src\/a\.ts: boom/);
  assert.equal(notifications[0]!.associatedRule!.id, 'require-timeout');
  assert.equal(notifications[1]!.level, 'warning');
  assert.deepEqual(notifications[1]!.locations![0]!.physicalLocation!.artifactLocation, {
    uri: 'big.js',
    uriBaseId: 'SRCROOT',
  });
});

test('sarif keeps files outside the root as absolute file URIs, and is byte-stable', () => {
  const outside = '/elsewhere/c.ts';
  const log = toSarifLog(reportOf([makeResult(outside, [makeFinding(outside, spanOf(TEXT, 'fetch(url)'))])]));
  assert.deepEqual(results(log)[0]!.locations![0]!.physicalLocation!.artifactLocation, {
    uri: 'file:///elsewhere/c.ts',
  });
  const make = () => reportOf([makeResult(A, [makeFinding(A, spanOf(TEXT, 'fetch(url)'))])], { [A]: TEXT });
  assert.equal(formatSarif(make()), formatSarif(make()));
});

test('sarif validates against the official SARIF 2.1.0 schema', () => {
  const validate = loadSarifValidator();
  const failing = reportOf([
    makeResult(A, [], { failures: [{ ruleId: 'require-timeout', file: A, message: 'boom' }] }),
  ]);
  const sharded = { ...reportOf([makeResult(A, [makeFinding(A, spanOf(TEXT, 'fetch(url)'))])], { [A]: TEXT }) };
  sharded.shard = { index: 2, count: 3 };
  assert.equal(toSarifLog(sharded).runs[0]!.automationDetails!.id, 'goodput/shard-2-of-3/');
  for (const log of [sampleLog(), toSarifLog(failing), toSarifLog(sharded)]) assert.deepEqual(validate(log), []);
  const broken = sampleLog();
  (results(broken)[0] as { level: string }).level = 'fatal';
  assert.notDeepEqual(validate(broken), [], 'the validator does reject an invalid log');
});
