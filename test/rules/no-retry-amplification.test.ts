import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

/** undici's global dispatcher also serves Node's own fetch. */
const GLOBAL_RETRY_AGENT = `import { Agent, RetryAgent, setGlobalDispatcher } from 'undici';\nsetGlobalDispatcher(new RetryAgent(new Agent(), { maxRetries: 2 }));\n`;
const SLEEP = `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n`;
const RETRYING_CLIENT = `import axios from 'axios';
import axiosRetry from 'axios-retry';
export const api = axios.create({ baseURL: 'https://api', timeout: 2000 });
axiosRetry(api, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
`;

describe('no-retry-amplification', () => {
  runRuleTests('no-retry-amplification', {
    valid: [
      {
        name: 'a retry loop around a client that does not retry',
        files: { 'client.ts': `import axios from 'axios';\nexport const api = axios.create({ timeout: 2000 });` },
        code: `import { api } from './client';\n${SLEEP}export async function f() {\n  for (let i = 0; i < 5; i++) {\n    try { return await api.get('/x'); } catch { await sleep(Math.random() * 100 * 2 ** i); }\n  }\n}`,
      },
      {
        name: 'a single retrying layer (the client only)',
        files: { 'client.ts': RETRYING_CLIENT },
        code: `import { api } from './client';\nexport const get = () => api.get('/x');`,
      },
      {
        name: 'got with retries disabled inside a loop',
        code: `import got from 'got';\n${SLEEP}export async function f() {\n  for (let i = 0; i < 3; i++) {\n    try { return await got('https://x', { retry: { limit: 0 } }); } catch { await sleep(Math.random() * 1000); }\n  }\n}`,
      },
      {
        name: 'got.post is not retried by got by default',
        code: `import got from 'got';\nimport pRetry from 'p-retry';\npRetry(() => got.post('https://x'), { retries: 3, randomize: true });`,
      },
      {
        name: 'ky.post is not retried by ky by default',
        code: `import ky from 'ky';\nimport pRetry from 'p-retry';\npRetry(() => ky.post('https://x').json(), { retries: 3, randomize: true });`,
      },
      {
        name: 'a ky instance with retries off, inside a loop',
        files: { 'client.ts': `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: 'https://api', retry: 0 });` },
        code: `import { api } from './client';\n${SLEEP}export async function f() {\n  for (let i = 0; i < 3; i++) {\n    try { return await api.get('x').json(); } catch { await sleep(Math.random() * 1000); }\n  }\n}`,
      },
      {
        name: 'a superagent request without .retry() inside a loop',
        code: `import superagent from 'superagent';\n${SLEEP}export async function f() {\n  for (let i = 0; i < 3; i++) {\n    try { return await superagent.get('https://x'); } catch { await sleep(Math.random() * 1000); }\n  }\n}`,
      },
      {
        name: 'a POST through an undici RetryAgent is not retried by the agent',
        code: `import { Agent, RetryAgent } from 'undici';\nconst retrying = new RetryAgent(new Agent(), { maxRetries: 3 });\n${SLEEP}export async function f() {\n  for (let i = 0; i < 5; i++) {\n    try { return await fetch('https://x', { method: 'POST', dispatcher: retrying }); } catch { await sleep(Math.random() * 1000); }\n  }\n}`,
      },
      {
        name: 'a RetryAgent with a retry callback of its own decides for itself',
        code: `import { Agent, RetryAgent } from 'undici';\nconst retrying = new RetryAgent(new Agent(), { retry: (err, ctx, cb) => cb(err) });\n${SLEEP}export async function f() {\n  for (let i = 0; i < 5; i++) {\n    try { return await fetch('https://x', { dispatcher: retrying }); } catch { await sleep(Math.random() * 1000); }\n  }\n}`,
      },
      {
        name: 'a global RetryAgent does not retry a fetch that names its own plain dispatcher',
        files: { 'setup.ts': GLOBAL_RETRY_AGENT },
        code: `import { Agent } from 'undici';\nconst direct = new Agent();\n${SLEEP}export async function f() {\n  for (let i = 0; i < 5; i++) {\n    try { return await fetch('https://x', { dispatcher: direct }); } catch { await sleep(Math.random() * 1000); }\n  }\n}`,
      },
      {
        name: 'a global RetryAgent does not retry a POST',
        files: { 'setup.ts': GLOBAL_RETRY_AGENT },
        code: `${SLEEP}export async function f() {\n  for (let i = 0; i < 5; i++) {\n    try { return await fetch('https://x', { method: 'POST' }); } catch { await sleep(Math.random() * 1000); }\n  }\n}`,
      },
      {
        name: '2 × 2 stays within the default budget of 4',
        code: `import pRetry from 'p-retry';\npRetry(() => pRetry(() => fetch('https://x'), { retries: 1, randomize: true }), { retries: 1, randomize: true });`,
      },
    ],
    invalid: [
      {
        name: 'a loop around an axios instance with axios-retry (another module)',
        files: { 'client.ts': RETRYING_CLIENT },
        code: `import { api } from './client';
${SLEEP}export async function load(id: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await api.get('/items/' + id);
    } catch {
      await sleep(1000);
    }
  }
}
`,
        errors: [{ messageId: 'amplified', line: 6, column: 20 }],
        output: null,
      },
      {
        name: 'p-retry inside p-retry',
        code: `import pRetry from 'p-retry';
export const get = () =>
  pRetry(() => pRetry(() => fetch('https://x', { signal: AbortSignal.timeout(500) }), { retries: 2, randomize: true }), {
    retries: 2,
    randomize: true,
  });
`,
        errors: [{ messageId: 'amplified', line: 3, column: 16 }],
        output: null,
      },
      {
        name: 'through a workspace function that retries',
        files: {
          'repo.ts': `import pRetry from 'p-retry';\nexport function loadUser(id: string) {\n  return pRetry(() => fetch('https://users/' + id, { signal: AbortSignal.timeout(500) }), { retries: 3, randomize: true });\n}`,
        },
        code: `import { loadUser } from './repo';
import retry from 'async-retry';
export const handler = (id: string) => retry(() => loadUser(id), { retries: 2 });
`,
        errors: [{ messageId: 'amplified', line: 3, column: 52 }],
        output: null,
      },
      {
        name: 'a loop around got (2 retries by default)',
        code: `import got from 'got';
${SLEEP}export async function f() {
  for (let i = 0; i < 3; i++) {
    try { return await got('https://x').json(); } catch { await sleep(Math.random() * 1000); }
  }
}
`,
        errors: [{ messageId: 'amplified', line: 5, column: 24 }],
        output: null,
      },
      {
        name: 'a loop around ky.get (2 retries by default)',
        code: `import ky from 'ky';
${SLEEP}export async function f() {
  for (let i = 0; i < 3; i++) {
    try { return await ky.get('https://x').json(); } catch { await sleep(Math.random() * 1000); }
  }
}
`,
        errors: [{ messageId: 'amplified', line: 5, column: 24 }],
        output: null,
      },
      {
        name: 'p-retry around a ky instance from another module (its retry option applies)',
        files: { 'client.ts': `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: 'https://api', retry: { limit: 4, jitter: true } });` },
        code: `import pRetry from 'p-retry';\nimport { api } from './client';\nexport const load = () => pRetry(() => api.get('items').json(), { retries: 2, randomize: true });`,
        errors: [{ messageId: 'amplified', line: 3, column: 40 }],
        output: null,
      },
      {
        name: 'a loop around a superagent request with .retry(3)',
        code: `import superagent from 'superagent';
${SLEEP}export async function f() {
  for (let i = 0; i < 3; i++) {
    try { return await superagent.get('https://x').retry(3); } catch { await sleep(Math.random() * 1000); }
  }
}
`,
        errors: [{ messageId: 'amplified', line: 5, column: 24 }],
        output: null,
      },
      {
        name: 'a loop around fetch through an undici RetryAgent (GET is retried)',
        code: `import { Agent, RetryAgent } from 'undici';
const retrying = new RetryAgent(new Agent(), { maxRetries: 3 });
${SLEEP}export async function f() {
  for (let i = 0; i < 5; i++) {
    try { return await fetch('https://x', { dispatcher: retrying, signal: AbortSignal.timeout(1000) }); } catch { await sleep(Math.random() * 1000); }
  }
}
`,
        errors: [{ messageId: 'amplified', line: 6, column: 24 }],
        output: null,
      },
      {
        name: 'a loop around fetch when the global dispatcher is a RetryAgent (set in a module nobody imports)',
        files: { 'setup.ts': GLOBAL_RETRY_AGENT },
        code: `${SLEEP}export async function f() {\n  for (let i = 0; i < 5; i++) {\n    try { return await fetch('https://x', { signal: AbortSignal.timeout(1000) }); } catch { await sleep(Math.random() * 1000); }\n  }\n}\n`,
        errors: [{ messageId: 'amplified', line: 4, column: 24 }],
        output: null,
      },
      {
        name: 'p-retry around a request through a RetryAgent',
        code: `import { Agent, RetryAgent } from 'undici';
import pRetry from 'p-retry';
const retrying = new RetryAgent(new Agent({ headersTimeout: 2000 }));
export const load = () => pRetry(() => retrying.request({ origin: 'https://x', path: '/', method: 'GET' }), { retries: 2, randomize: true });
`,
        errors: [{ messageId: 'amplified', line: 4, column: 40 }],
        output: null,
      },
      {
        name: 'a loop around an AWS SDK v3 client (3 attempts by default)',
        code: `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const dynamo = new DynamoDBClient({});
${SLEEP}export async function f() {
  for (let i = 0; i < 4; i++) {
    try { return await dynamo.send(new GetItemCommand({ TableName: 't', Key: {} })); } catch { await sleep(Math.random() * 1000); }
  }
}
`,
        errors: [{ messageId: 'amplified', line: 6, column: 24 }],
        output: null,
      },
    ],
  });
});
