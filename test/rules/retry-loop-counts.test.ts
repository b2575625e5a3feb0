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

// A loop whose wait follows every failure, with the cap checked by its condition or after the
// wait, waits once more after the last failure before it gives up: time its caller spends for nothing (Backstage's MySQL
// database creation said "worst case 200 ms" for 300 ms of waits).
const WASTED_LAST_WAIT = `${SLEEP}export async function ensure(op: () => Promise<void>) {
  let lastErr: unknown;
  for (let i = 0; i < 3; i++) {
    try {
      return await op();
    } catch (err) {
      lastErr = err;
    }
    await sleep(100);
  }
  throw lastErr;
}
`;

test('a wait after every failure, the last included, is counted and said', () => {
  assert.match(
    summaryOf('no-fixed-interval-retry', WASTED_LAST_WAIT),
    /^this loop: 3 attempts, waits 100, 100 ms and 100 ms more after the last failure; no jitter; worst case 300 ms \+ 3 × call time/,
  );
  // A cap checked after the wait is checked too late.
  const lateCap = `${SLEEP}export async function ensure(op: () => Promise<void>) {
  for (let i = 0; ; i++) {
    try {
      return await op();
    } catch (err) {
      await sleep(100);
      if (i >= 2) throw err;
    }
  }
}
`;
  assert.match(summaryOf('no-fixed-interval-retry', lateCap), /^this loop: 3 attempts, .*worst case 300 ms/);
  // An exit that only classifies the error leaves the retryable failures waiting, the last too.
  const classified = WASTED_LAST_WAIT.replace('lastErr = err;', 'lastErr = err;\n      if (!(err instanceof TypeError)) throw err;');
  assert.match(summaryOf('no-fixed-interval-retry', classified), /worst case 300 ms/);
  const growing = `${SLEEP}export async function send(op: () => Promise<void>) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try { return await op(); } catch (error) { await sleep(100 * 2 ** attempt); }
  }
  throw new Error('gave up');
}
`;
  assert.match(
    summaryOf('require-retry-jitter', growing),
    /^this loop: 4 attempts, waits 100, 200, 400 ms \(exponential, no cap\) and 800 ms more after the last failure; no jitter; worst case 1.5 s/,
  );
});

test('a wait skipped after the last failure is not counted twice', () => {
  const cases = {
    'guarded by the counter': WASTED_LAST_WAIT.replace('await sleep(100);', 'if (i < 2) await sleep(100);'),
    'an exit before it that reads the counter': WASTED_LAST_WAIT.replace('await sleep(100);', 'if (i === 2) break;\n    await sleep(100);'),
    'a cap in the catch clause instead of the condition': WASTED_LAST_WAIT.replace('i < 3', '').replace('lastErr = err;', 'lastErr = err;\n      if (i >= 2) throw err;'),
    'a wait before each attempt': `${SLEEP}export async function ensure(op: () => Promise<void>) {
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(100);
    try { return await op(); } catch (err) { console.warn(err); }
  }
}
`,
  };
  for (const [name, code] of Object.entries(cases)) {
    assert.match(summaryOf('no-fixed-interval-retry', code), /^this loop: 3 attempts, waits 100, 100 ms; no jitter; worst case 200 ms/, name);
  }
});

test('a cap among the conditions of a guard that also classifies the error gives the count', () => {
  // pg-boss retries a serialization failure: `if (opts.db || err.code !== '40001' || attempts === 3) throw err`.
  const summary = summaryOf(
    'no-fixed-interval-retry',
    `const UPSERT_ATTEMPTS = 3;
export async function upsert(attempt: () => Promise<void>, external: boolean) {
  for (let attempts = 1; ; attempts++) {
    try {
      await attempt();
      break;
    } catch (err: any) {
      if (external || (err?.code !== '40001' || attempts === UPSERT_ATTEMPTS)) throw err;
    }
  }
}
`,
  );
  assert.match(summary, /^this loop: 3 attempts, no wait between them/);
});

test("a cap that is a parameter counts as its default, as the loop's delay does", () => {
  const summary = summaryOf(
    'require-retry-jitter',
    `${SLEEP}export async function fetchJSON(url: string, maxRetries = 3, delay = 1000) {
  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    try {
      return await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch (error) {
      if (attempt === maxRetries) throw error;
      await sleep(delay * 2 ** (attempt - 1));
    }
  }
}
`,
  );
  assert.match(summary, /^this loop: 3 attempts, waits 1000, 2000 ms \(exponential, no cap\); no jitter; worst case 3 s/);
  const withoutDefault = summaryOf(
    'require-retry-jitter',
    `${SLEEP}export async function fetchJSON(url: string, maxRetries: number) {
  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    try { return await fetch(url, { signal: AbortSignal.timeout(5000) }); } catch (error) { await sleep(1000 * 2 ** attempt); }
  }
}
`,
  );
  assert.match(withoutDefault, /^this loop: capped attempts/);
});

// Recursive retries count their tries from the guard on their counter: a parameter passed on as
// `attempt + 1`, or a field counted up on the failure path (Parse Server's schema migrations:
// `this.retries++; await this.wait(1000 * this.retries); await this.execute()` was read as the
// same wait every time, with the count unknown).
test('a recursion guarded in its catch clause makes one more try than it retries', () => {
  const summary = summaryOf(
    'no-fixed-interval-retry',
    `${SLEEP}export async function send(body: string, attempt = 0): Promise<void> {
  try {
    await fetch('https://x', { method: 'POST', body, signal: AbortSignal.timeout(1000) });
  } catch (err) {
    if (attempt >= 4) throw err;
    await sleep(2000);
    return send(body, attempt + 1);
  }
}
`,
  );
  assert.match(summary, /^this recursive retry: 5 attempts, waits 2000, 2000, 2000, 2000 ms; no jitter; worst case 8 s/);
});

test('a recursion guarded before its try makes as many tries as calls pass the guard', () => {
  const summary = summaryOf(
    'no-fixed-interval-retry',
    `${SLEEP}export async function send(body: string, attempt = 1): Promise<void> {
  if (attempt > 3) throw new Error('gave up');
  try {
    await fetch('https://x', { method: 'POST', body, signal: AbortSignal.timeout(1000) });
  } catch (err) {
    await sleep(500);
    return send(body, attempt + 1);
  }
}
`,
  );
  assert.match(summary, /^this recursive retry: 3 attempts/);
});

const FIELD_COUNTER = `class Migrations {
  constructor(private db: { loadSchema(): Promise<void> }, private retries = 0) {
    this.retries = 0;
  }
  wait(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }
  async execute(): Promise<void> {
    try {
      await this.db.loadSchema();
    } catch (e) {
      if (this.retries < 3) {
        this.retries++;
        await this.wait(1000 * this.retries);
        await this.execute();
      } else {
        throw e;
      }
    }
  }
}
`;

test('a field counted up before a method that waits: the wait grows with it', () => {
  assert.match(
    summaryOf('require-retry-jitter', FIELD_COUNTER),
    /^this recursive retry: 4 attempts, waits 1000, 2000, 3000 ms \(linear, no cap\); no jitter; worst case 6 s/,
  );
  // Counted after the wait, the first wait reads the initial value.
  const after = FIELD_COUNTER.replace('this.retries++;\n        await this.wait(1000 * this.retries);', 'await this.wait(1000 * (this.retries + 1));\n        this.retries += 1;');
  assert.match(summaryOf('require-retry-jitter', after), /waits 1000, 2000, 3000 ms \(linear/);
  // The limit a field of the class holds, set in the constructor.
  const limitField = FIELD_COUNTER.replace('this.retries = 0;', 'this.retries = 0;\n    this.maxRetries = 3;').replace(
    'this.retries < 3',
    'this.retries < this.maxRetries',
  ).replace('class Migrations {', 'class Migrations {\n  private maxRetries: number;');
  assert.match(summaryOf('require-retry-jitter', limitField), /^this recursive retry: 4 attempts, waits 1000, 2000, 3000 ms/);
  // Not counted at all: the field is the same on every attempt, so the wait is fixed.
  const fixed = FIELD_COUNTER.replace('this.retries++;', '');
  assert.match(summaryOf('no-fixed-interval-retry', fixed), /the same wait every time/);
});

// A reconnect handler that updates a variable declared outside it, before re-arming its timer
// (MeshCentral's push relay: `backoff = (backoff + 1000) * 2; setTimeout(connect, backoff)`), was
// read at its initial value: "retries immediately".
test('a timer retry reads the wait its handler has just updated, doubled after adding a constant', () => {
  const code = `import WebSocket from 'ws';
let backoff = 0;
export function connect(url: string) {
  const ws = new WebSocket(url);
  ws.on('close', () => {
    backoff = (backoff + 1000) * 2;
    setTimeout(() => connect(url), backoff);
  });
}
`;
  assert.match(
    summaryOf('require-retry-jitter', code),
    /^this reconnect timer: no attempt cap, waits 2000, 6000, 14000, 30000, 62000, … ms \(exponential, no cap\); no jitter/,
  );
  // Updated after the timer is armed, the first wait still reads the initial value: here, none.
  const after = code.replace('    backoff = (backoff + 1000) * 2;\n    setTimeout(() => connect(url), backoff);', '    setTimeout(() => connect(url), backoff);\n    backoff = backoff * 2 + 500;');
  assert.match(summaryOf('require-retry-jitter', after), /waits 0, 500, 1500, 3500, 7500, … ms \(exponential, no cap\)/);
});
