import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RETRY_LIBRARY_MODULES, RETRY_LIBRARY_PACKAGES } from '../../server/src/analysis/libraries/retry-libraries';
import { runRuleTests } from '../helpers/rule-tester';
import { backoffHelper } from '../helpers/retry-fixtures';

const SLEEP = `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n`;
describe('no-fixed-interval-retry', () => {
  runRuleTests('no-fixed-interval-retry', {
    valid: [
      {
        name: "`this.pause` inside a plain function is that function's own `this`, not the class's method",
        code: `export class Poller {
  pause(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }
  start(op: () => Promise<void>) {
    return async function (this: { pause(ms: number): Promise<void> }) {
      for (let i = 0; i < 3; i++) {
        try { return await op(); } catch { await this.pause(1000); }
      }
    };
  }
}
`,
      },
      {
        name: 'a wait before the attempt is a wait: delays read from a table are not "immediate"',
        code: `const RETRY_DELAYS = [0, 3000, 6000];
export async function send(op: () => Promise<void>) {
  for (let attempt = 0; attempt < RETRY_DELAYS.length; attempt++) {
    if (RETRY_DELAYS[attempt] > 0) await new Promise((r) => setTimeout(r, RETRY_DELAYS[attempt]));
    try { await op(); return; } catch (err) { console.warn(err); }
  }
}`,
      },
      {
        name: 'a jittered wait at the top of the try block',
        code: `${SLEEP}export async function send(op: () => Promise<void>) {
  for (let tryIndex = 0; tryIndex < 4; tryIndex++) {
    try {
      if (tryIndex !== 0) await sleep(Math.random() * 1000 * 2 ** tryIndex);
      await op();
      break;
    } catch (err) { console.warn(err); }
  }
}`,
      },
      {
        name: 'jitter in a helper (attempt-derived, Math.random)',
        code: `${SLEEP}const backoff = (n: number) => Math.random() * Math.min(10_000, 100 * 2 ** n);
export async function f(op: () => Promise<void>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await op(); } catch { await sleep(backoff(attempt)); }
  }
}`,
      },
      {
        name: 'attempt-derived delay without jitter is not this rule (require-retry-jitter)',
        code: `${SLEEP}export async function f(op: () => Promise<void>) {
  for (let i = 0; i < 5; i++) {
    try { return await op(); } catch { await sleep(100 * 2 ** i); }
  }
}`,
      },
      {
        name: 'a try block that cannot fail asynchronously: a CPU-bound decode retried on the next frame',
        code: `export class Scanner {
  constructor(private readonly decode: (frame: Uint8Array) => string, private readonly gapMs = 500) {}
  decodeOnce(frame: Uint8Array): Promise<string> {
    const tick = (resolve: (text: string) => void, reject: (error: unknown) => void) => {
      try {
        resolve(this.decode(frame));
      } catch (error) {
        if (error instanceof RangeError) return setTimeout(tick, this.gapMs, resolve, reject);
        reject(error);
      }
    };
    return new Promise((resolve, reject) => tick(resolve, reject));
  }
}`,
      },
      {
        name: 'a synchronous loop retry (entropy exhaustion): the catch sees only what the block throws',
        code: `import { randomBytes } from 'node:crypto';
const GENERATE_ATTEMPTS = 3;
export function bytesSync(size: number): Buffer {
  let failure: unknown;
  for (let i = 0; i < GENERATE_ATTEMPTS; i++) {
    try {
      return randomBytes(size);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}`,
      },
      {
        name: 'a promise started but not awaited in the try rejects past the catch: not a retry of it',
        code: `${SLEEP}export async function notify(items: string[], send: (item: string) => Promise<void>) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      items.forEach(async (item) => await send(item));
      return;
    } catch (error) {
      await sleep(1000);
    }
  }
}`,
      },
      {
        name: 'a polling loop that waits after each successful read is not a retry',
        code: `${SLEEP}export async function waitForJob(status: () => Promise<string>) {
  while (true) {
    const state = await status();
    if (state === 'done') return;
    await sleep(1000);
  }
}`,
      },
      {
        name: 'a worker loop that logs failures and moves on is not a retry',
        code: `${SLEEP}export async function drain(queue: Array<() => Promise<void>>) {
  while (queue.length > 0) {
    const job = queue.shift()!;
    try { await job(); } catch (err) { console.error(err); await sleep(1000); }
  }
}`,
      },
      {
        name: 'catch that rethrows: only one attempt',
        code: `${SLEEP}export async function f(op: () => Promise<void>) {
  for (let i = 0; i < 3; i++) {
    try { return await op(); } catch (err) { await sleep(1000); throw err; }
  }
}`,
      },
      {
        name: 'delay computed by an opaque call stays silent',
        code: `import { nextDelay } from 'some-policy';\n${SLEEP}export async function f(op: () => Promise<void>) {
  for (let i = 0; i < 3; i++) {
    try { return await op(); } catch { await sleep(nextDelay()); }
  }
}`,
      },
      {
        name: 'trying alternatives in turn (no wait, indexed by the counter) is not a retry',
        code: `export async function get(stores: Array<{ get(k: string): Promise<string> }>, key: string) {
  for (let attempt = 0; attempt < stores.length; attempt++) {
    try { return await stores[attempt]!.get(key); } catch { /* next store */ }
  }
}`,
      },
      {
        name: 'a consumer loop whose only exit in the try is conditional',
        code: `${SLEEP}export async function consume(read: () => Promise<string[]>, closing: () => boolean) {
  while (true) {
    try {
      const batch = await read();
      if (closing()) break;
      console.log(batch);
    } catch {
      await sleep(1000);
    }
  }
}`,
      },
      {
        name: 'p-retry with randomize',
        code: `import pRetry from 'p-retry';\npRetry(() => fetch('https://x'), { retries: 3, factor: 1, randomize: true });`,
      },
      {
        name: 'axios-retry with exponentialDelay',
        code: `import axios from 'axios';\nimport axiosRetry from 'axios-retry';\naxiosRetry(axios.create({ timeout: 1000 }), { retries: 3, retryDelay: axiosRetry.exponentialDelay });`,
      },
      {
        name: 'cockatiel ExponentialBackoff (decorrelated jitter by default)',
        code: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';\nexport const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });`,
      },
      {
        name: 'bullmq without attempts never retries',
        code: `import { Queue } from 'bullmq';\nconst queue = new Queue('mail');\nqueue.add('send', {}, { backoff: 5000 });`,
      },
      {
        name: 'bullmq fixed backoff with jitter',
        code: `import { Queue } from 'bullmq';\nconst queue = new Queue('mail');\nqueue.add('send', {}, { attempts: 5, backoff: { type: 'fixed', delay: 1000, jitter: 0.5 } });`,
      },
      {
        name: 'a setTimeout poll on the success path',
        code: `export function poll(check: () => Promise<boolean>) {\n  check().then((done) => { if (!done) setTimeout(() => poll(check), 1000); });\n}`,
      },
      {
        name: 'options from a parameter',
        code: `import pRetry from 'p-retry';\nexport const run = (fn: () => Promise<void>, options: { retries: number }) => pRetry(fn, options);`,
      },
    ],
    invalid: [
      {
        name: 'the wait is a method of the same class (`this.sleep(ms)`), and of an object literal',
        code: `export class Client {
  private sleep(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }
  async send(op: () => Promise<void>) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try { return await op(); } catch { await this.sleep(1000); }
    }
  }
}
export const worker = {
  pause: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
  async run(op: () => Promise<void>) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try { return await op(); } catch { await this.pause(500); }
    }
  },
};
`,
        errors: [{ messageId: 'fixedInterval', line: 4 }, { messageId: 'fixedInterval', line: 12 }],
        output: `${backoffHelper('1000')}

export class Client {
  private sleep(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }
  async send(op: () => Promise<void>) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try { return await op(); } catch { await this.sleep(backoffWithJitterMs(attempt)); }
    }
  }
}
export const worker = {
  pause: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
  async run(op: () => Promise<void>) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try { return await op(); } catch { await this.pause(backoffWithJitterMs(attempt)); }
    }
  },
};
`,
      },
      {
        name: 'an await nested in the try block (inside an if) is still an asynchronous failure',
        code: `${SLEEP}export async function load(op: () => Promise<string>, cached?: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      if (!cached) cached = await op();
      return cached;
    } catch (error) {
      await sleep(1000);
    }
  }
}
`,
        errors: [{ messageId: 'fixedInterval', line: 3, column: 3 }],
        output: `${backoffHelper('1000')}

${SLEEP}export async function load(op: () => Promise<string>, cached?: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      if (!cached) cached = await op();
      return cached;
    } catch (error) {
      await sleep(backoffWithJitterMs(attempt));
    }
  }
}
`,
      },
      {
        name: 'a fixed wait before the attempt, skipped on the first pass',
        code: `${SLEEP}export async function load(op: () => Promise<string>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) await sleep(1000);
    try {
      return await op();
    } catch (error) {
      console.warn('retrying', error);
    }
  }
  throw new Error('unreachable');
}
`,
        errors: [{ messageId: 'fixedInterval', line: 3, column: 3 }],
        output: `${backoffHelper('1000')}

${SLEEP}export async function load(op: () => Promise<string>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) await sleep(backoffWithJitterMs(attempt));
    try {
      return await op();
    } catch (error) {
      console.warn('retrying', error);
    }
  }
  throw new Error('unreachable');
}
`,
      },
      {
        name: 'for loop with sleep(1000) in the catch',
        code: `${SLEEP}export async function load(op: () => Promise<string>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await op();
    } catch (err) {
      await sleep(1000);
    }
  }
  throw new Error('unavailable');
}
`,
        errors: [{ messageId: 'fixedInterval', line: 3, column: 3 }],
        output: `${backoffHelper('1000')}

${SLEEP}export async function load(op: () => Promise<string>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await op();
    } catch (err) {
      await sleep(backoffWithJitterMs(attempt));
    }
  }
  throw new Error('unavailable');
}
`,
      },
      {
        name: 'while loop with a counter and new Promise(setTimeout) through a constant',
        code: `const RETRY_DELAY_MS = 2 * 1000;
export async function send(op: () => Promise<void>) {
  let tries = 0;
  while (tries < 3) {
    try {
      await op();
      break;
    } catch {
      tries++;
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    }
  }
}
`,
        errors: [{ messageId: 'fixedInterval', line: 4 }],
        output: `${backoffHelper('2000')}

const RETRY_DELAY_MS = 2 * 1000;
export async function send(op: () => Promise<void>) {
  let tries = 0;
  while (tries < 3) {
    try {
      await op();
      break;
    } catch {
      tries++;
      await new Promise((r) => setTimeout(r, backoffWithJitterMs(tries)));
    }
  }
}
`,
      },
      {
        name: 'timers/promises setTimeout with a parameter default',
        code: `import { setTimeout as delay } from 'node:timers/promises';
export async function connect(open: () => Promise<void>, waitMs = 500) {
  for (let i = 0; i < 10; i++) {
    try { await open(); return; } catch { await delay(waitMs); }
  }
}
`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: `import { setTimeout as delay } from 'node:timers/promises';

${backoffHelper('500')}
export async function connect(open: () => Promise<void>, waitMs = 500) {
  for (let i = 0; i < 10; i++) {
    try { await open(); return; } catch { await delay(backoffWithJitterMs(i)); }
  }
}
`,
      },
      {
        name: 'a sleep helper imported from another module',
        files: {
          'util/sleep.ts': `export function sleep(ms: number) {\n  return new Promise<void>((resolve) => setTimeout(resolve, ms));\n}`,
        },
        code: `import { sleep } from './util/sleep';
export async function f(op: () => Promise<void>) {
  for (let n = 1; n <= 4; n++) {
    try { return await op(); } catch { await sleep(250); }
  }
}
`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: `import { sleep } from './util/sleep';

${backoffHelper('250')}
export async function f(op: () => Promise<void>) {
  for (let n = 1; n <= 4; n++) {
    try { return await op(); } catch { await sleep(backoffWithJitterMs(n)); }
  }
}
`,
      },
      {
        name: 'immediate retry loop (no wait at all)',
        code: `export async function f(op: () => Promise<void>) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try { return await op(); } catch (e) { console.warn(e); }\n  }\n}\n`,
        errors: [{ messageId: 'immediate', line: 2 }],
        output: null,
      },
      {
        name: 'recursive retry with a fixed wait',
        code: `${SLEEP}export async function send(body: string, attempt = 0): Promise<void> {
  try {
    await fetch('https://x', { method: 'POST', body, signal: AbortSignal.timeout(1000) });
  } catch (err) {
    if (attempt >= 4) throw err;
    await sleep(2000);
    return send(body, attempt + 1);
  }
}
`,
        errors: [{ messageId: 'fixedInterval', line: 5 }],
        output: `${backoffHelper('2000')}

${SLEEP}export async function send(body: string, attempt = 0): Promise<void> {
  try {
    await fetch('https://x', { method: 'POST', body, signal: AbortSignal.timeout(1000) });
  } catch (err) {
    if (attempt >= 4) throw err;
    await sleep(backoffWithJitterMs(attempt));
    return send(body, attempt + 1);
  }
}
`,
      },
      {
        name: "a reconnect timer re-armed on 'close' at a fixed interval: clients that lost the server together come back together",
        code: `import net from 'node:net';
export function connect(): void {
  const socket = net.connect(4000);
  socket.on('close', () => setTimeout(connect, 10_000));
}
`,
        errors: [{ messageId: 'fixedInterval', line: 4 }],
        output: null,
      },
      {
        name: 'setTimeout(connect, K) from an error handler',
        code: `import net from 'node:net';
export function connect(): void {
  const socket = net.connect(6379);
  socket.on('error', () => setTimeout(connect, 5000));
}
`,
        errors: [{ messageId: 'fixedInterval', line: 4 }],
        output: null,
      },
      {
        name: 'axios-retry without retryDelay retries immediately',
        code: `import axios from 'axios';\nimport axiosRetry from 'axios-retry';\nexport const api = axios.create({ timeout: 2000 });\naxiosRetry(api, { retries: 3 });\n`,
        errors: [{ messageId: 'immediate', line: 4 }],
        output: `import axios from 'axios';\nimport axiosRetry from 'axios-retry';\nexport const api = axios.create({ timeout: 2000 });\naxiosRetry(api, { retries: 3, retryDelay: axiosRetry.exponentialDelay });\n`,
      },
      {
        name: 'axios-retry with a constant retryDelay function',
        code: `import axios from 'axios';\nimport axiosRetry from 'axios-retry';\naxiosRetry(axios, { retryDelay: () => 1000 });\n`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: `import axios from 'axios';\nimport axiosRetry from 'axios-retry';\naxiosRetry(axios, { retryDelay: axiosRetry.exponentialDelay });\n`,
      },
      {
        name: 'cockatiel retry with defaults (ConstantBackoff(0))',
        code: `import { retry, handleAll } from 'cockatiel';\nexport const policy = retry(handleAll, { maxAttempts: 3 });\n`,
        errors: [{ messageId: 'immediate', line: 2 }],
        output: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';\nexport const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });\n`,
      },
      {
        name: 'cockatiel ConstantBackoff',
        code: `import { retry, handleAll, ConstantBackoff } from 'cockatiel';\nexport const policy = retry(handleAll, { maxAttempts: 5, backoff: new ConstantBackoff(500) });\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: `import { retry, handleAll, ConstantBackoff, ExponentialBackoff } from 'cockatiel';\nexport const policy = retry(handleAll, { maxAttempts: 5, backoff: new ExponentialBackoff() });\n`,
      },
      {
        name: 'bullmq backoff: number is a fixed delay',
        code: `import { Queue } from 'bullmq';\nconst queue = new Queue('mail');\nexport const enqueue = (to: string) => queue.add('send', { to }, { attempts: 5, backoff: 10_000 });\n`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: `import { Queue } from 'bullmq';\nconst queue = new Queue('mail');\nexport const enqueue = (to: string) => queue.add('send', { to }, { attempts: 5, backoff: { type: 'exponential', delay: 10_000, jitter: 1 } });\n`,
      },
      {
        name: 'bullmq defaultJobOptions with type fixed',
        code: `import { Queue } from 'bullmq';\nexport const queue = new Queue('mail', { defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 1000 } } });\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: `import { Queue } from 'bullmq';\nexport const queue = new Queue('mail', { defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 1000, jitter: 1 } } });\n`,
      },
      {
        name: 'p-retry with factor 1 is a fixed interval',
        code: `import pRetry from 'p-retry';\nexport const get = () => pRetry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }), { retries: 3, factor: 1, minTimeout: 500 });\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: `import pRetry from 'p-retry';\nexport const get = () => pRetry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }), { retries: 3, factor: 1, minTimeout: 500, randomize: true });\n`,
      },
      {
        name: 'ioredis retryStrategy returning a constant',
        code: `import Redis from 'ioredis';\nexport const redis = new Redis({ retryStrategy: () => 1000 });\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: `import Redis from 'ioredis';\n\n${backoffHelper('1000')}\nexport const redis = new Redis({ retryStrategy: (times) => backoffWithJitterMs(times) });\n`,
      },
      {
        name: 'node-redis reconnectStrategy as a number',
        code: `import { createClient } from 'redis';\nexport const client = createClient({ socket: { reconnectStrategy: 3000 } });\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: `import { createClient } from 'redis';\n\n${backoffHelper('3000')}\nexport const client = createClient({ socket: { reconnectStrategy: (retries) => backoffWithJitterMs(retries) } });\n`,
      },
    ],
  });
});

test('every retry library module is covered by the relevance pattern', () => {
  for (const module of RETRY_LIBRARY_MODULES) assert.match(module, RETRY_LIBRARY_PACKAGES);
});
