import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';
import { backoffHelper } from '../helpers/retry-fixtures';

const SLEEP = `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n`;

describe('require-retry-jitter', () => {
  runRuleTests('require-retry-jitter', {
    valid: [
      {
        name: 'jitter in a helper imported from another module',
        files: {
          'backoff.ts': `export const backoffMs = (n: number) => Math.floor(Math.random() * Math.min(5000, 100 * 2 ** n));`,
        },
        code: `import { backoffMs } from './backoff';\n${SLEEP}export async function f(op: () => Promise<void>) {
  for (let i = 0; i < 4; i++) {
    try { return await op(); } catch { await sleep(backoffMs(i)); }
  }
}`,
      },
      {
        name: 'equal jitter: half fixed, half random',
        code: `${SLEEP}export async function f(op: () => Promise<void>) {
  for (let i = 0; i < 4; i++) {
    try { return await op(); } catch { const d = 100 * 2 ** i; await sleep(d / 2 + Math.random() * (d / 2)); }
  }
}`,
      },
      {
        name: 'a fixed interval is no-fixed-interval-retry, not this rule',
        code: `${SLEEP}export async function f(op: () => Promise<void>) {\n  for (let i = 0; i < 3; i++) {\n    try { return await op(); } catch { await sleep(1000); }\n  }\n}`,
      },
      {
        name: 'p-retry randomize: true',
        code: `import pRetry from 'p-retry';\npRetry(() => fetch('https://x'), { retries: 3, randomize: true });`,
      },
      {
        name: 'async-retry randomizes by default',
        code: `import retry from 'async-retry';\nretry(async () => { await fetch('https://x'); }, { retries: 5 });`,
      },
      {
        name: "exponential-backoff jitter: 'full'",
        code: `import { backOff } from 'exponential-backoff';\nbackOff(() => fetch('https://x'), { jitter: 'full' });`,
      },
      {
        name: 'cockatiel ExponentialBackoff default generator',
        code: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';\nretry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff({ maxDelay: 5000 }) });`,
      },
      {
        name: 'axios-retry exponentialDelay (20 % jitter)',
        code: `import axios from 'axios';\nimport axiosRetry, { exponentialDelay } from 'axios-retry';\naxiosRetry(axios, { retryDelay: exponentialDelay });`,
      },
      {
        name: 'bullmq exponential with jitter',
        code: `import { Queue } from 'bullmq';\nconst q = new Queue('q');\nq.add('a', {}, { attempts: 5, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } });`,
      },
      {
        name: 'ioredis 6 default retryStrategy is jittered',
        files: { 'package.json': '{"dependencies":{"ioredis":"^6.0.0"}}' },
        code: `import Redis from 'ioredis';\nexport const redis = new Redis();`,
      },
      {
        name: 'ioredis with no version information stays silent',
        code: `import Redis from 'ioredis';\nexport const redis = new Redis();`,
      },
      {
        name: 'ioredis 5 given options from elsewhere (moleculer\'s `new Redis(this.opts.redis)`): they may set a retryStrategy',
        files: { 'package.json': '{"dependencies":{"ioredis":"^5.0.0"}}' },
        filename: 'cacher.js',
        code: `const Redis = require('ioredis');\nclass Cacher {\n  constructor(opts) { this.opts = opts; }\n  init() { this.client = new Redis(this.opts.redis); }\n  other(config) { return new Redis(config.redis ?? 'redis://localhost'); }\n}\nmodule.exports = Cacher;\n`,
      },
      {
        name: 'ioredis retryStrategy with jitter and a cap',
        code: `import Redis from 'ioredis';\nexport const redis = new Redis({ retryStrategy: (times) => (times > 20 ? null : Math.min(50 * 2 ** times, 5000) + Math.random() * 200) });`,
      },
      {
        name: 'node-redis 5 default reconnect is jittered',
        files: { 'package.json': '{"dependencies":{"redis":"5.8.0"}}' },
        code: `import { createClient } from 'redis';\nexport const c = createClient();`,
      },
    ],
    invalid: [
      {
        name: 'the wait computed by a method of the same class, exponential without jitter',
        code: `${SLEEP}export class Sender {
  private backoffMs(attempt: number) { return Math.min(10_000, 200 * 2 ** attempt); }
  async send(op: () => Promise<void>) {
    for (let attempt = 0; attempt < 5; attempt++) {
      try { return await op(); } catch { await sleep(this.backoffMs(attempt)); }
    }
  }
}
`,
        errors: [{ messageId: 'noJitter', line: 5 }],
        output: `${backoffHelper('200')}

${SLEEP}export class Sender {
  private backoffMs(attempt: number) { return Math.min(10_000, 200 * 2 ** attempt); }
  async send(op: () => Promise<void>) {
    for (let attempt = 0; attempt < 5; attempt++) {
      try { return await op(); } catch { await sleep(backoffWithJitterMs(attempt)); }
    }
  }
}
`,
      },
      {
        name: 'a recursion that counts its tries in a field and waits through a method: linear, no jitter',
        code: `export class Migrations {
  private retries = 0;
  constructor(private db: { loadSchema(): Promise<void> }) {}
  private wait(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }
  async execute(): Promise<void> {
    try {
      await this.db.loadSchema();
    } catch (e) {
      if (this.retries >= 3) throw e;
      this.retries++;
      await this.wait(1000 * this.retries);
      await this.execute();
    }
  }
}
`,
        errors: [{ messageId: 'noJitter', line: 8 }],
        output: `${backoffHelper('1000')}

export class Migrations {
  private retries = 0;
  constructor(private db: { loadSchema(): Promise<void> }) {}
  private wait(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }
  async execute(): Promise<void> {
    try {
      await this.db.loadSchema();
    } catch (e) {
      if (this.retries >= 3) throw e;
      this.retries++;
      await this.wait(backoffWithJitterMs(this.retries));
      await this.execute();
    }
  }
}
`,
      },
      {
        name: 'compiled TypeScript: the wait helper reached through a getter barrel and an __exportStar barrel',
        filename: 'driver/load.js',
        code: `"use strict";\nconst utils_1 = require("../utils");\nconst lib_1 = require("../lib");\nexports.load = async (url) => {\n  for (let i = 1; i <= 4; i++) {\n    try {\n      return await fetch(url, { signal: AbortSignal.timeout(2000) });\n    } catch (error) {\n      if (i < 4) await (0, utils_1.wait)(5000 * i);\n    }\n  }\n};\nexports.save = async (url) => {\n  for (let i = 1; i <= 3; i++) {\n    try {\n      return await fetch(url, { method: 'POST', signal: AbortSignal.timeout(2000) });\n    } catch (error) {\n      await (0, lib_1.pause)(1000 * 2 ** i);\n    }\n  }\n};\n`,
        files: {
          'utils/index.js': `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.wait = void 0;\nvar wait_1 = require("./wait");\nObject.defineProperty(exports, "wait", { enumerable: true, get: function () { return wait_1.wait; } });\n`,
          'utils/wait.js': `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.wait = wait;\nfunction wait(ms) {\n  return new Promise((resolve) => setTimeout(resolve, ms));\n}\n`,
          'lib/index.js': `"use strict";\nconst tslib_1 = require("tslib");\ntslib_1.__exportStar(require("./timers"), exports);\n`,
          'lib/timers.js': `"use strict";\nexports.pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));\n`,
        },
        errors: [{ messageId: 'noJitter', line: 5, column: 3 }, { messageId: 'noJitter', line: 14, column: 3 }],
        output: `"use strict";\nconst utils_1 = require("../utils");\nconst lib_1 = require("../lib");\n\n// First retry waits up to this long; each further retry doubles the ceiling.\nconst RETRY_BASE_DELAY_MS = 5000;\n\n// Longest wait between two tries.\nconst RETRY_MAX_DELAY_MS = 30_000;\n\n// Capped exponential backoff with full jitter: clients that failed together wait different\n// times, so their retries do not arrive together (see docs/rules/no-fixed-interval-retry.md).\nconst backoffWithJitterMs = (attempt) =>\n  Math.random() * Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** attempt);\nexports.load = async (url) => {\n  for (let i = 1; i <= 4; i++) {\n    try {\n      return await fetch(url, { signal: AbortSignal.timeout(2000) });\n    } catch (error) {\n      if (i < 4) await (0, utils_1.wait)(backoffWithJitterMs(i));\n    }\n  }\n};\nexports.save = async (url) => {\n  for (let i = 1; i <= 3; i++) {\n    try {\n      return await fetch(url, { method: 'POST', signal: AbortSignal.timeout(2000) });\n    } catch (error) {\n      await (0, lib_1.pause)(backoffWithJitterMs(i));\n    }\n  }\n};\n`,
      },
      {
        name: 'exponential wait before each attempt, no jitter',
        code: `export async function run(op: () => Promise<void>) {
  for (let attempt = 0; attempt < 3; ++attempt) {
    await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
    try {
      return await op();
    } catch (error) {
      console.warn(error);
    }
  }
}
`,
        errors: [{ messageId: 'noJitter', line: 2, column: 3 }],
        output: `${backoffHelper('100')}

export async function run(op: () => Promise<void>) {
  for (let attempt = 0; attempt < 3; ++attempt) {
    await new Promise((resolve) => setTimeout(resolve, backoffWithJitterMs(attempt)));
    try {
      return await op();
    } catch (error) {
      console.warn(error);
    }
  }
}
`,
      },
      {
        name: 'a delay held in a const the retry declares: the fix changes the declaration, so the log states the real wait',
        code: `${SLEEP}export async function run(op: () => Promise<void>, maxRetries = 3) {
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    if (attempt > 0) {
      const delay = 100 * 2 ** (attempt - 1);
      console.warn(\`retrying in \${delay} ms\`);
      await sleep(delay);
    }
    try {
      return await op();
    } catch (error) {
      if (attempt === maxRetries) throw error;
    }
  }
}
`,
        errors: [{ messageId: 'noJitter', line: 3, column: 3 }],
        output: `${backoffHelper('100')}

${SLEEP}export async function run(op: () => Promise<void>, maxRetries = 3) {
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    if (attempt > 0) {
      const delay = backoffWithJitterMs(attempt);
      console.warn(\`retrying in \${delay} ms\`);
      await sleep(delay);
    }
    try {
      return await op();
    } catch (error) {
      if (attempt === maxRetries) throw error;
    }
  }
}
`,
      },
      {
        name: 'hand-rolled 2 ** attempt without jitter',
        code: `${SLEEP}export async function f(op: () => Promise<void>) {
  for (let attempt = 0; attempt < 6; attempt++) {
    try { return await op(); } catch { await sleep(200 * 2 ** attempt); }
  }
}
`,
        errors: [{ messageId: 'noJitter', line: 3 }],
        output: `${backoffHelper('200')}

${SLEEP}export async function f(op: () => Promise<void>) {
  for (let attempt = 0; attempt < 6; attempt++) {
    try { return await op(); } catch { await sleep(backoffWithJitterMs(attempt)); }
  }
}
`,
      },
      {
        name: 'a delay variable doubled after each failure',
        code: `${SLEEP}export async function f(op: () => Promise<void>) {
  let delayMs = 100;
  for (let i = 0; i < 5; i++) {
    try { return await op(); } catch {
      await sleep(delayMs);
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }
}
`,
        errors: [{ messageId: 'noJitter', line: 4 }],
        output: `${backoffHelper('100')}

${SLEEP}export async function f(op: () => Promise<void>) {
  let delayMs = 100;
  for (let i = 0; i < 5; i++) {
    try { return await op(); } catch {
      await sleep(backoffWithJitterMs(i));
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }
}
`,
      },
      {
        name: 'p-retry defaults (randomize false)',
        code: `import pRetry from 'p-retry';\nexport const get = () => pRetry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }), { retries: 4 });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import pRetry from 'p-retry';\nexport const get = () => pRetry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }), { retries: 4, randomize: true });\n`,
      },
      {
        name: 'p-retry with no options at all',
        code: `import pRetry from 'p-retry';\nexport const get = () => pRetry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }));\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import pRetry from 'p-retry';\nexport const get = () => pRetry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }), { randomize: true });\n`,
      },
      {
        name: 'node-retry operation',
        code: `import retry from 'retry';\nexport const operation = retry.operation({ retries: 5, minTimeout: 200 });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import retry from 'retry';\nexport const operation = retry.operation({ retries: 5, minTimeout: 200, randomize: true });\n`,
      },
      {
        name: 'promise-retry (options first)',
        code: `import promiseRetry from 'promise-retry';\npromiseRetry({ retries: 3 }, (retry) => fetch('https://x').catch(retry));\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import promiseRetry from 'promise-retry';\npromiseRetry({ retries: 3, randomize: true }, (retry) => fetch('https://x').catch(retry));\n`,
      },
      {
        name: 'async-retry with randomize: false',
        code: `import retry from 'async-retry';\nretry(async () => { await fetch('https://x'); }, { retries: 3, randomize: false });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import retry from 'async-retry';\nretry(async () => { await fetch('https://x'); }, { retries: 3, randomize: true });\n`,
      },
      {
        name: 'exponential-backoff compiled to CommonJS, its attempts from an option of the caller',
        filename: 'database.js',
        code: `"use strict";\nconst backoff_1 = require("exponential-backoff");\nexports.connect = async (authenticate, options = {}) => {\n  const { retries = 10 } = options;\n  const startingDelay = 1e3;\n  await (0, backoff_1.backOff)(authenticate, { numOfAttempts: retries, startingDelay, maxDelay: 30 * 1e3 });\n};\n`,
        errors: [{ messageId: 'noJitter', line: 6 }],
        output: `"use strict";\nconst backoff_1 = require("exponential-backoff");\nexports.connect = async (authenticate, options = {}) => {\n  const { retries = 10 } = options;\n  const startingDelay = 1e3;\n  await (0, backoff_1.backOff)(authenticate, { numOfAttempts: retries, startingDelay, maxDelay: 30 * 1e3, jitter: 'full' });\n};\n`,
      },
      {
        name: 'exponential-backoff defaults',
        code: `import { backOff } from 'exponential-backoff';\nbackOff(() => fetch('https://x'), { numOfAttempts: 5 });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import { backOff } from 'exponential-backoff';\nbackOff(() => fetch('https://x'), { numOfAttempts: 5, jitter: 'full' });\n`,
      },
      {
        name: 'cockatiel noJitterGenerator',
        code: `import { retry, handleAll, ExponentialBackoff, noJitterGenerator } from 'cockatiel';\nretry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff({ generator: noJitterGenerator }) });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import { retry, handleAll, ExponentialBackoff, noJitterGenerator } from 'cockatiel';\nretry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });\n`,
      },
      {
        name: 'axios-retry linearDelay',
        code: `import axios from 'axios';\nimport axiosRetry from 'axios-retry';\naxiosRetry(axios, { retries: 3, retryDelay: axiosRetry.linearDelay() });\n`,
        errors: [{ messageId: 'noJitter', line: 3 }],
        output: `import axios from 'axios';\nimport axiosRetry from 'axios-retry';\naxiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay });\n`,
      },
      {
        name: 'bullmq exponential without jitter',
        code: `import { Queue } from 'bullmq';\nconst q = new Queue('q');\nq.add('a', {}, { attempts: 5, backoff: { type: 'exponential', delay: 1000 } });\n`,
        errors: [{ messageId: 'noJitter', line: 3 }],
        output: `import { Queue } from 'bullmq';\nconst q = new Queue('q');\nq.add('a', {}, { attempts: 5, backoff: { type: 'exponential', delay: 1000, jitter: 1 } });\n`,
      },
      {
        name: 'ioredis 5 default retryStrategy (from the lockfile)',
        files: {
          'package-lock.json': '{"packages":{"node_modules/ioredis":{"version":"5.11.1"}}}',
          'package.json': '{"dependencies":{"ioredis":"^5.0.0"}}',
        },
        code: `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost');\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import Redis from 'ioredis';\n\n${backoffHelper('50')}\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost', { retryStrategy: (times) => backoffWithJitterMs(times) });\n`,
      },
      {
        name: 'ioredis 5 given a URL by a name that says so (`config.redisUrl`) and a port from a constant',
        files: { 'package.json': '{"dependencies":{"ioredis":"^5.0.0"}}' },
        code: `import Redis from 'ioredis';\nconst PORT = 6380;\nexport const a = (config: { redisUrl: string }) => new Redis(config.redisUrl);\nexport const b = new Redis(PORT, 'cache');\n`,
        errors: [{ messageId: 'noJitter', line: 3 }, { messageId: 'noJitter', line: 4 }],
        output: `import Redis from 'ioredis';\n\n${backoffHelper('50')}\nconst PORT = 6380;\nexport const a = (config: { redisUrl: string }) => new Redis(config.redisUrl, { retryStrategy: (times) => backoffWithJitterMs(times) });\nexport const b = new Redis(PORT, 'cache', { retryStrategy: (times) => backoffWithJitterMs(times) });\n`,
      },
      {
        name: 'ioredis linear retryStrategy',
        code: `import { Redis } from 'ioredis';\nexport const redis = new Redis({ retryStrategy: (times) => Math.min(times * 100, 3000) });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import { Redis } from 'ioredis';\n\n${backoffHelper('100')}\nexport const redis = new Redis({ retryStrategy: (times) => backoffWithJitterMs(times) });\n`,
      },
      {
        name: 'node-redis 4 default reconnectStrategy',
        files: { 'package.json': '{"dependencies":{"redis":"^4.6.0"}}' },
        code: `import { createClient } from 'redis';\nexport const client = createClient({ url: 'redis://x' });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: null,
      },
    ],
  });
});
