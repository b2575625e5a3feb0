import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase } from '../helpers/rule-tester';

// The worst case of nested retries, compared with the caller's deadline when the code has one.

const CLIENT = `import axios from 'axios';
import axiosRetry from 'axios-retry';
export const api = axios.create({ baseURL: 'https://api', timeout: 2000 });
axiosRetry(api, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
`;
const SLEEP = `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n`;

function amplification(code: string) {
  const { findings } = analyzeCase('no-retry-amplification', { code, files: { 'client.ts': CLIENT } });
  assert.equal(findings.length, 1, code);
  return findings[0]!;
}

test("a deadline created before the retry is the caller's; the worst case is compared with it", () => {
  const finding = amplification(`import { api } from './client';
${SLEEP}export async function load(id: string) {
  const deadline = AbortSignal.timeout(3000);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await api.get('/items/' + id, { signal: deadline });
    } catch {
      await sleep(1000);
    }
  }
}
`);
  assert.equal((finding.policy!.facts as { callerDeadlineMs: number }).callerDeadlineMs, 3000);
  assert.match(finding.message, /the caller's deadline of 3 s/);
});

test("a per-try signal inside the retried call is not the caller's deadline", () => {
  const finding = amplification(`import { api } from './client';
${SLEEP}export async function load(id: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await api.get('/items/' + id, { signal: AbortSignal.timeout(500) });
    } catch {
      await sleep(1000);
    }
  }
}
`);
  assert.equal((finding.policy!.facts as { callerDeadlineMs: number | null }).callerDeadlineMs, null);
  assert.doesNotMatch(finding.message, /caller's deadline/);
});

// axios-retry under the request's timeout (4.5.0): by default a retry gets only what is left of
// the timeout, so the timeout bounds each sequence of inner tries; `shouldResetTimeout: true`
// gives every try the full timeout.
const LOOP = `import { api } from './client';
${SLEEP}export async function load(id: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await api.get('/items/' + id);
    } catch {
      await sleep(1000);
    }
  }
}
`;

function amplificationWith(client: string) {
  const { findings } = analyzeCase('no-retry-amplification', { code: LOOP, files: { 'client.ts': client } });
  assert.equal(findings.length, 1);
  return findings[0]!;
}

test("axios-retry's default: the instance's timeout bounds each sequence of inner tries and waits", () => {
  const finding = amplificationWith(CLIENT);
  assert.match(finding.message, /5 × up to 2 s, the limit on axios-retry's tries and waits/);
});

test('axios-retry with shouldResetTimeout: every inner try gets the full timeout', () => {
  const finding = amplificationWith(CLIENT.replace('retries: 3,', 'retries: 3, shouldResetTimeout: true,'));
  assert.match(finding.message, /20 tries × 2 s timeout/);
});

test('axios-retry on an instance without a timeout: the worst case counts call times', () => {
  const finding = amplificationWith(CLIENT.replace(', timeout: 2000', ''));
  assert.match(finding.message, /20 × call time/);
});

test('axios-retry under a timeout set in defaults: instance.defaults or axios.defaults bound the tries too', () => {
  const withoutTimeout = CLIENT.replace(', timeout: 2000', '');
  const instanceDefaults = amplificationWith(`${withoutTimeout}api.defaults.timeout = 2000;\n`);
  assert.match(instanceDefaults.message, /5 × up to 2 s, the limit on axios-retry's tries and waits/);
  const { findings } = analyzeCase('no-retry-amplification', {
    code: LOOP,
    files: { 'client.ts': withoutTimeout, 'setup.ts': `import axios from 'axios';\naxios.defaults.timeout = 3000;\n` },
  });
  assert.match(findings[0]!.message, /5 × up to 3 s, the limit on axios-retry's tries and waits/);
});
