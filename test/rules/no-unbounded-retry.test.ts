import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

const BACKOFF = `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (n: number) => Math.random() * Math.min(10_000, 100 * 2 ** n);\n`;

describe('no-unbounded-retry', () => {
  runRuleTests('no-unbounded-retry', {
    valid: [
      {
        name: 'capped loop',
        code: `${BACKOFF}export async function f(op: () => Promise<void>) {\n  for (let i = 0; i < 5; i++) {\n    try { return await op(); } catch { await sleep(backoff(i)); }\n  }\n}`,
      },
      {
        name: 'while (true) that gives up after N attempts',
        code: `${BACKOFF}export async function f(op: () => Promise<void>) {
  let attempt = 0;
  while (true) {
    try { return await op(); } catch (err) {
      if (++attempt >= 5) throw err;
      await sleep(backoff(attempt));
    }
  }
}`,
      },
      {
        name: 'while (true) bounded by a deadline',
        code: `${BACKOFF}export async function f(op: () => Promise<void>, deadline: number) {
  let attempt = 0;
  while (true) {
    try { return await op(); } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(backoff(attempt++));
    }
  }
}`,
      },
      {
        name: 'a loop that stops when the service shuts down',
        code: `${BACKOFF}export class Poller {\n  stopped = false;\n  async run(op: () => Promise<void>) {\n    let n = 0;\n    while (!this.stopped) {\n      try { await op(); return; } catch { await sleep(backoff(n++)); }\n    }\n  }\n}`,
      },
      {
        name: 'cockatiel with maxAttempts',
        code: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';\nretry(handleAll, { maxAttempts: 5, backoff: new ExponentialBackoff() });`,
      },
      {
        name: 'p-retry forever with maxRetryTime',
        code: `import pRetry from 'p-retry';\npRetry(() => fetch('https://x'), { forever: true, randomize: true, maxRetryTime: 60_000 });`,
      },
      {
        name: 'ioredis reconnects forever by design (not a request retry)',
        code: `import Redis from 'ioredis';\nexport const r = new Redis({ retryStrategy: (n) => Math.min(n * 50, 2000) });`,
      },
      {
        name: "a long-lived connection re-armed when it closes reconnects forever on purpose, as a Redis client does",
        code: `import net from 'node:net';
export function keepLinked(port: number, onData: (chunk: Buffer) => void): () => void {
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  function connect(): void {
    const socket = net.connect(port);
    socket.on('data', onData);
    socket.on('close', () => {
      if (!closing) timer = setTimeout(connect, 10_000);
    });
  }
  connect();
  return () => { closing = true; clearTimeout(timer); };
}
`,
      },
      {
        name: 'a polling loop is not a retry',
        code: `${BACKOFF}export async function watch(read: () => Promise<boolean>) {\n  while (true) {\n    if (await read()) return;\n    await sleep(1000);\n  }\n}`,
      },
    ],
    invalid: [
      {
        name: "a timer re-armed from an 'error' handler retries, without a cap",
        code: `import net from 'node:net';
export function send(port: number, line: string): void {
  const socket = net.connect(port, () => socket.end(line));
  socket.on('error', () => setTimeout(() => send(port, line), 5000));
}
`,
        errors: [{ messageId: 'unbounded', line: 4 }],
        output: null,
      },
      {
        name: 'while (true) retry that never gives up (cap suggested, never applied)',
        code: `${BACKOFF}export async function deliver(op: () => Promise<void>) {
  let attempt = 0;
  while (true) {
    try {
      await op();
      return;
    } catch (err) {
      attempt++;
      await sleep(backoff(attempt));
    }
  }
}
`,
        errors: [{ messageId: 'unbounded', line: 5, column: 3 }],
        output: null,
      },
      {
        name: 'a retryable-error check is not a cap',
        code: `${BACKOFF}export async function f(op: () => Promise<void>, retryable: (e: unknown) => boolean) {
  for (let n = 0; ; n++) {
    try { return await op(); } catch (err) {
      if (!retryable(err)) throw err;
      await sleep(backoff(n));
    }
  }
}
`,
        errors: [{ messageId: 'unbounded', line: 4 }],
        output: null,
      },
      {
        name: 'a success flag is not a cap',
        code: `${BACKOFF}export async function connect(open: () => Promise<void>) {
  let connected = false;
  let n = 0;
  while (!connected) {
    try { await open(); connected = true; } catch { await sleep(backoff(n++)); }
  }
}
`,
        errors: [{ messageId: 'unbounded', line: 6 }],
        output: null,
      },
      {
        name: 'recursion without a counter',
        code: `${BACKOFF}export async function subscribe(open: () => Promise<void>): Promise<void> {
  try {
    await open();
  } catch {
    await sleep(1000);
    return subscribe(open);
  }
}
`,
        errors: [{ messageId: 'unbounded', line: 6 }],
        output: null,
      },
      {
        name: 'cockatiel without maxAttempts retries forever',
        code: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';\nexport const policy = retry(handleAll, { backoff: new ExponentialBackoff() });\n`,
        errors: [{ messageId: 'unbounded', line: 2 }],
        output: null,
      },
      {
        name: 'p-retry forever',
        code: `import pRetry from 'p-retry';\npRetry(() => fetch('https://x'), { forever: true, randomize: true });\n`,
        errors: [{ messageId: 'unbounded', line: 2 }],
        output: null,
      },
      {
        name: 'async-retry retries: Infinity',
        code: `import retry from 'async-retry';\nretry(async () => { await fetch('https://x'); }, { retries: Infinity });\n`,
        errors: [{ messageId: 'unbounded', line: 2 }],
        output: null,
      },
    ],
  });
});
