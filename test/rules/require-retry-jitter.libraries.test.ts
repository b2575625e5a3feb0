import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// ky and undici retry (added after the first round); the first round's forms are in require-retry-jitter.test.ts.

describe('require-retry-jitter (more libraries)', () => {
  runRuleTests('require-retry-jitter', {
    valid: [
      {
        name: 'ky retry: 0 turns retries off',
        code: `import ky from 'ky';\nexport const api = ky.create({ retry: 0 });\n`,
      },
      {
        name: 'ky retry with jitter',
        code: `import ky from 'ky';\nexport const api = ky.create({ retry: { limit: 3, jitter: true } });\n`,
      },
      {
        name: 'a plain ky call without retry options (reported on the client, not per request)',
        code: `import ky from 'ky';\nexport const get = () => ky.get('https://x').json();\n`,
      },
      {
        name: 'ky.post is not retried by default',
        code: `import ky from 'ky';\nexport const send = () => ky.post('https://x', { retry: 3 });\n`,
      },
      {
        name: 'ky with method POST is not retried by default',
        code: `import ky from 'ky';\nexport const send = () => ky('https://x', { method: 'post', retry: 3 });\n`,
      },
      {
        name: 'undici RetryAgent with a custom retry callback decides for itself',
        code: `import { Agent, RetryAgent } from 'undici';\nexport const agent = new RetryAgent(new Agent(), { retry: (err: any, ctx: any, cb: any) => cb(err) });\n`,
      },
      {
        name: 'undici RetryAgent with retries off',
        code: `import { Agent, RetryAgent } from 'undici';\nexport const agent = new RetryAgent(new Agent(), { maxRetries: 0 });\n`,
      },
      {
        name: '@lifeomic/attempt exponential with jitter',
        code: `import { retry } from '@lifeomic/attempt';\nexport const run = () => retry(async () => 1, { factor: 2, jitter: true });\n`,
      },
    ],
    invalid: [
      {
        name: 'ky.create without retry options: 2 retries, 300 ms doubling, no jitter',
        code: `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: 'https://x' });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: 'https://x', retry: { limit: 2, jitter: true } });\n`,
      },
      {
        name: 'ky call with a retry limit',
        code: `import ky from 'ky';\nexport const get = () => ky.get('https://x', { retry: 5 });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import ky from 'ky';\nexport const get = () => ky.get('https://x', { retry: { limit: 5, jitter: true } });\n`,
      },
      {
        name: 'ky retry object without jitter',
        code: `import ky from 'ky';\nexport const api = ky.extend({ retry: { limit: 4, backoffLimit: 5000 } });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import ky from 'ky';\nexport const api = ky.extend({ retry: { limit: 4, backoffLimit: 5000, jitter: true } });\n`,
      },
      {
        name: 'undici RetryAgent defaults: 5 retries, 500 ms doubling, no jitter (no option to add it)',
        code: `import { Agent, RetryAgent } from 'undici';\nexport const agent = new RetryAgent(new Agent());\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: null,
      },
      {
        name: 'undici RetryHandler retryOptions',
        code: `import { RetryHandler } from 'undici';\nexport const wrap = (opts: any, handlers: any) => new RetryHandler({ ...opts, retryOptions: { maxRetries: 3 } }, handlers);\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: null,
      },
      {
        name: '@lifeomic/attempt exponential without jitter',
        code: `import { retry } from '@lifeomic/attempt';\nexport const run = () => retry(async () => 1, { delay: 100, factor: 2, maxDelay: 5000 });\n`,
        errors: [{ messageId: 'noJitter', line: 2 }],
        output: `import { retry } from '@lifeomic/attempt';\nexport const run = () => retry(async () => 1, { delay: 100, factor: 2, maxDelay: 5000, jitter: true });\n`,
      },
    ],
  });
});
