import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';
import { backoffHelper } from '../helpers/retry-fixtures';

// The retry libraries added after the first round (superagent, async, @lifeomic/attempt, got's
// calculateDelay) and setInterval re-polling; the first round's forms are in no-fixed-interval-retry.test.ts.

describe('no-fixed-interval-retry (more libraries)', () => {
  runRuleTests('no-fixed-interval-retry', {
    valid: [
      {
        name: 'superagent without .retry()',
        code: `import superagent from 'superagent';\nexport const get = () => superagent.get('https://x').timeout(1000);\n`,
      },
      {
        name: 'superagent .retry(0) turns retries off',
        code: `import superagent from 'superagent';\nexport const get = () => superagent.get('https://x').timeout(1000).retry(0);\n`,
      },
      {
        name: 'a .retry() that is not superagent',
        code: `import { retry } from './own';\nexport const get = (client: any) => client.get('/x').retry(3);\n`,
        files: { 'own.ts': 'export const retry = 1;' },
      },
      {
        name: 'async.retry with a jittered interval function',
        code: `import async from 'async';\nexport const run = (task: any, cb: any) => async.retry({ times: 5, interval: (n: number) => Math.random() * 100 * 2 ** n }, task, cb);\n`,
      },
      {
        name: '@lifeomic/attempt with factor and jitter',
        code: `import { retry } from '@lifeomic/attempt';\nexport const run = () => retry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }), { delay: 100, factor: 2, jitter: true });\n`,
      },
      {
        name: 'requestretry with its own delayStrategy',
        filename: 'rr-ok.js',
        code: `const requestretry = require('requestretry');\nexports.get = (url) => requestretry({ url, timeout: 1000, delayStrategy: () => Math.random() * 2000 });\n`,
      },
      {
        name: "got calculateDelay that returns got's own computedValue",
        code: `import got from 'got';\nexport const get = () => got('https://x', { retry: { limit: 3, calculateDelay: ({ computedValue }) => computedValue } });\n`,
      },
      {
        name: 'a plain periodic poller (no success condition) is not a retry',
        code: `export function start(refresh: () => Promise<void>) {\n  setInterval(async () => {\n    try { await refresh(); } catch (err) { console.error(err); }\n  }, 60_000);\n}\n`,
      },
      {
        name: 'MQTT.js with reconnecting off, with a period from configuration, and net.connect',
        filename: 'bridge.js',
        code: `const mqtt = require('mqtt');\nconst net = require('net');\nexports.a = (url) => mqtt.connect(url, { reconnectPeriod: 0 });\nexports.b = (url, settings) => mqtt.connect(url, { reconnectPeriod: settings.reconnectMs });\nexports.c = (port) => net.connect(port);\n`,
      },
      {
        name: 'MQTT.js with a period that may be 0: a fallback after ??, or a fallback of 0',
        filename: 'bridge.js',
        code: `const mqtt = require('mqtt');\nexports.a = (url, settings) => mqtt.connect(url, { reconnectPeriod: settings.reconnectMs ?? 5000 });\nexports.b = (url, settings) => mqtt.connect(url, { reconnectPeriod: settings.reconnectMs || 0 });\n`,
      },
      {
        name: "MQTT.js options kept in a field and switched off in a method (this.options.reconnectPeriod = 0), or given any property",
        filename: 'broker.js',
        code: `const mqtt = require('mqtt');\nclass Broker {\n  options = {};\n  constructor(url) { this.url = url; this.extra = {}; }\n  manual() { this.options.reconnectPeriod = 0; }\n  merge(more) { Object.assign(this.extra, more); }\n  connect() { this.client = mqtt.connect(this.url, this.options); }\n  connectExtra() { this.other = mqtt.connect(this.url, this.extra); }\n}\nmodule.exports = Broker;\n`,
      },
      {
        name: 'an interval that stops when a state is reached, without a failing try, is polling',
        code: `export function waitFor(ready: () => boolean, done: () => void) {\n  const timer = setInterval(() => {\n    if (ready()) { clearInterval(timer); done(); }\n  }, 500);\n}\n`,
      },
    ],
    invalid: [
      {
        name: 'MQTT.js reconnects every reconnectPeriod forever, without jitter (default 1000 ms)',
        filename: 'bridge.js',
        code: `const mqtt = require('mqtt');\nexports.connect = (url) => mqtt.connectAsync(url, { will: { topic: 'state', payload: 'offline' } });\nexports.explicit = mqtt.connect({ host: 'broker', reconnectPeriod: 5000 });\nexports.bare = mqtt.connect('mqtt://broker');\nexports.local = () => mqtt.connect();\n`,
        errors: [
          { messageId: 'fixedInterval', line: 2 },
          { messageId: 'fixedInterval', line: 3 },
          { messageId: 'fixedInterval', line: 4 },
          { messageId: 'fixedInterval', line: 5 },
        ],
        output: null,
      },
      {
        name: 'MQTT.js options kept in a field, their period set in the constructor (this.options.reconnectPeriod = 5000)',
        filename: 'broker.js',
        code: `const mqtt = require('mqtt');\nclass Broker {\n  constructor(url) { this.url = url; this.options = {}; this.options.reconnectPeriod = 5000; }\n  connect() { this.client = mqtt.connect(this.url, this.options); }\n}\nmodule.exports = Broker;\n`,
        errors: [{ messageId: 'fixedInterval', line: 4 }],
        output: null,
      },
      {
        name: 'MQTT.js with a configured period or 5000 (never 0: it reconnects on some fixed beat), directly or through a const',
        filename: 'bridge.js',
        code: `const mqtt = require('mqtt');\nexports.a = (url, settings) => mqtt.connect(url, { reconnectPeriod: settings.reconnectMs || 5000 });\nexports.b = (url, settings) => {\n  const reconnectPeriod = Number(settings.reconnect) || 2000;\n  return mqtt.connect(url, { reconnectPeriod });\n};\n`,
        errors: [
          { messageId: 'fixedInterval', line: 2 },
          { messageId: 'fixedInterval', line: 5 },
        ],
        output: null,
      },
      {
        name: 'superagent .retry(n) resends at once',
        code: `import superagent from 'superagent';\nexport const get = () => superagent.get('https://x').timeout(1000).retry(3);\n`,
        errors: [{ messageId: 'immediate', line: 2 }],
        output: null,
      },
      {
        name: 'superagent .retry() without a count retries once',
        code: `import request from 'superagent';\nexport const get = () => request.post('https://x').send({ a: 1 }).retry();\n`,
        errors: [{ messageId: 'immediate', line: 2 }],
        output: null,
      },
      {
        name: 'async.retry defaults: 5 tries, no wait',
        code: `import async from 'async';\nexport const run = (cb: any) => async.retry((done: any) => done(), cb);\n`,
        errors: [{ messageId: 'immediate', line: 2 }],
        output: null,
      },
      {
        name: 'async.retry with a number of times',
        code: `import { retry } from 'async';\nexport const run = (task: any, cb: any) => retry(3, task, cb);\n`,
        errors: [{ messageId: 'immediate', line: 2 }],
        output: `import { retry } from 'async';\n\n${backoffHelper('100')}\nexport const run = (task: any, cb: any) => retry({ times: 3, interval: (retryCount) => backoffWithJitterMs(retryCount) }, task, cb);\n`,
      },
      {
        name: 'async.retry with a fixed interval',
        code: `import async from 'async';\nexport const run = (task: any, cb: any) => async.retry({ times: 5, interval: 2000 }, task, cb);\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: `import async from 'async';\n\n${backoffHelper('2000')}\nexport const run = (task: any, cb: any) => async.retry({ times: 5, interval: (retryCount) => backoffWithJitterMs(retryCount) }, task, cb);\n`,
      },
      {
        name: '@lifeomic/attempt defaults: 200 ms, factor 0 (fixed)',
        code: `import { retry } from '@lifeomic/attempt';\nexport const run = () => retry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }), { maxAttempts: 5 });\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: `import { retry } from '@lifeomic/attempt';\nexport const run = () => retry(() => fetch('https://x', { signal: AbortSignal.timeout(1000) }), { maxAttempts: 5, factor: 2, jitter: true });\n`,
      },
      {
        name: 'requestretry defaults: 5 tries, 5 s apart; a verb with retryDelay',
        filename: 'rr.js',
        code: `const requestretry = require('requestretry');\nexports.a = (url) => requestretry({ url, timeout: 1000 });\nexports.b = (url, cb) => requestretry.get(url, { timeout: 1000, retryDelay: 1000 }, cb);\n`,
        errors: [
          { messageId: 'fixedInterval', line: 2 },
          { messageId: 'fixedInterval', line: 3 },
        ],
        output: `const requestretry = require('requestretry');\n\n// First retry waits up to this long; each further retry doubles the ceiling.\nconst RETRY_BASE_DELAY_MS = 5000;\n\n// Longest wait between two tries.\nconst RETRY_MAX_DELAY_MS = 30_000;\n\n// Capped exponential backoff with full jitter: clients that failed together wait different\n// times, so their retries do not arrive together (see docs/rules/no-fixed-interval-retry.md).\nconst backoffWithJitterMs = (attempt) =>\n  Math.random() * Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** attempt);\nexports.a = (url) => requestretry({ url, timeout: 1000, delayStrategy: function () { return backoffWithJitterMs(this.attempts - 1); } });\nexports.b = (url, cb) => requestretry.get(url, { timeout: 1000, retryDelay: 1000, delayStrategy: function () { return backoffWithJitterMs(this.attempts - 1); } }, cb);\n`,
      },
      {
        name: 'got calculateDelay returning a constant',
        code: `import got from 'got';\nexport const get = () => got('https://x', { retry: { limit: 3, calculateDelay: ({ computedValue }) => (computedValue ? 1000 : 0) } });\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: `import got from 'got';\nexport const get = () => got('https://x', { retry: { limit: 3, calculateDelay: ({ computedValue }) => computedValue } });\n`,
      },
      {
        name: 'setInterval re-polling until a try succeeds',
        code: `export function connectWhenUp(connect: () => Promise<void>) {\n  const timer = setInterval(async () => {\n    try {\n      await connect();\n      clearInterval(timer);\n    } catch {\n      // try again next tick\n    }\n  }, 5000);\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 2 }],
        output: null,
      },
    ],
  });
});
