import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase } from '../helpers/rule-tester';

// How many tries a hand-rolled retry loop makes, as the hover and the message state it and as the
// simulation is parameterised. Two shapes from application code were miscounted: a cap checked in
// the catch clause (`if (attempt >= maxAttempts) throw error`) read as "capped, count unknown", and
// a loop in a catch clause that retries a first attempt made before it counted one try short.

const SLEEP = `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n`;

function summaryOf(ruleId: string, code: string): string {
  const { findings } = analyzeCase(ruleId, { code });
  assert.equal(findings.length, 1, code);
  return findings[0]!.policy!.summary;
}

test('a guard in the catch clause caps the tries: a counter from 1, `>=` a constant', () => {
  const summary = summaryOf(
    'no-fixed-interval-retry',
    `${SLEEP}export async function createOnce(operation: () => Promise<void>) {
  const maxAttempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= maxAttempts) {
        throw error;
      }
      await sleep(100);
    }
  }
}
`,
  );
  assert.match(summary, /^this loop: 3 attempts, waits 100, 100 ms; no jitter; worst case 200 ms/);
});

test('a guard in the catch clause: `>` from 0, and an increment before the guard', () => {
  const greater = summaryOf(
    'no-fixed-interval-retry',
    `${SLEEP}export async function send(op: () => Promise<void>) {
  for (let tries = 0; ; tries++) {
    try { return await op(); } catch (error) {
      if (tries > 4) throw error;
      await sleep(250);
    }
  }
}
`,
  );
  assert.match(greater, /^this loop: 6 attempts/);
  const incremented = summaryOf(
    'no-fixed-interval-retry',
    `${SLEEP}export async function send(op: () => Promise<void>) {
  let failures = 0;
  while (true) {
    try { return await op(); } catch (error) {
      failures++;
      if (failures >= 4) throw error;
      await sleep(250);
    }
  }
}
`,
  );
  assert.match(incremented, /^this loop: 4 attempts/);
});

test('a guard that only classifies the error leaves the count open', () => {
  const summary = summaryOf(
    'no-fixed-interval-retry',
    `${SLEEP}export async function send(op: () => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    try { return await op(); } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      await sleep(250);
    }
  }
}
`,
  );
  assert.doesNotMatch(summary, /\d+ attempts/);
});

test('a loop in a catch clause that waits before each try retries the first attempt: one more try', () => {
  const summary = summaryOf(
    'require-retry-jitter',
    `export async function transaction(run: () => Promise<void>) {
  try {
    return await run();
  } catch (error) {
    const MAX_ATTEMPTS = 3;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; ++attempt) {
      const delay = 2 ** attempt * 100;
      await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        return await run();
      } catch (retryError) {
        console.warn(retryError);
      }
    }
    throw error;
  }
}
`,
  );
  assert.match(summary, /^this loop: 4 attempts, waits 100, 200, 400 ms/);
});

test('the same loop outside a catch clause makes only its own tries', () => {
  const summary = summaryOf(
    'require-retry-jitter',
    `export async function poll(run: () => Promise<void>) {
  for (let attempt = 0; attempt < 3; ++attempt) {
    await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
    try {
      return await run();
    } catch (error) {
      console.warn(error);
    }
  }
}
`,
  );
  assert.match(summary, /^this loop: 3 attempts/);
});
