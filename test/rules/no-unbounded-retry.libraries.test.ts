import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// Unbounded forms of the libraries added after the first round, and setInterval re-polling.

describe('no-unbounded-retry (more libraries)', () => {
  runRuleTests('no-unbounded-retry', {
    valid: [
      {
        name: 'got calculateDelay that respects computedValue keeps the limit',
        code: `import got from 'got';\nexport const get = () => got('https://x', { retry: { calculateDelay: ({ computedValue }) => (computedValue ? 1000 : 0) } });\n`,
      },
      {
        name: 'setInterval re-polling that gives up after a count',
        code: `export function connectWhenUp(connect: () => Promise<void>) {\n  let tries = 0;\n  const timer = setInterval(async () => {\n    try { await connect(); clearInterval(timer); } catch { if (++tries >= 5) clearInterval(timer); }\n  }, 5000);\n}\n`,
      },
    ],
    invalid: [
      {
        name: '@lifeomic/attempt maxAttempts: 0 retries forever',
        code: `import { retry } from '@lifeomic/attempt';\nexport const run = () => retry(async () => 1, { maxAttempts: 0, factor: 2, jitter: true });\n`,
        errors: [{ messageId: 'unbounded', line: 2 }],
        output: null,
      },
      {
        name: 'got calculateDelay returning a constant never stops',
        code: `import got from 'got';\nexport const get = () => got('https://x', { retry: { calculateDelay: () => 1000 } });\n`,
        errors: [{ messageId: 'unbounded', line: 2 }],
        output: null,
      },
      {
        name: 'setInterval re-polling until success, forever',
        code: `export function connectWhenUp(connect: () => Promise<void>) {\n  const timer = setInterval(async () => {\n    try { await connect(); clearInterval(timer); } catch {}\n  }, 5000);\n}\n`,
        errors: [{ messageId: 'unbounded', line: 2 }],
        output: null,
      },
    ],
  });
});
