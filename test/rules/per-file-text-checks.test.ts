import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';
import { backoffHelper } from '../helpers/retry-fixtures';
import { HTTP_TIMEOUT_CONSTANT } from '../helpers/timeout-fixtures';

// Rules parse a file only when its text could hold what they look for (retry-text.ts,
// fan-out-text.ts, mayNameGlobalFetch). Each invalid case below is a finding in the form one of
// those text checks must let through — written the way the check could most easily miss it — so
// that tightening a check past what its detector needs fails here, not silently on users' code.
// What the checks turn away is tested in test/analysis/text-checks.test.ts.

const SLEEP = "import { setTimeout as sleep } from 'node:timers/promises';";
const commentedLoop = (wait: string) =>
  `export async function load(url: string) {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    try /* the request */ {\n      return await fetch(url, { signal: AbortSignal.timeout(1000) });\n    } catch /* network errors only */ (error) {\n      ${wait}\n    }\n  }\n}\n`;

describe('retry rules: the per-file text checks let every form of retry through', () => {
  runRuleTests('no-fixed-interval-retry', {
    valid: [
      {
        name: 'a try that never suspends retries nothing',
        code: `export function parseAll(lines: string[]) {\n  for (let i = 0; i < 3; i++) {\n    try { return lines.map((line) => JSON.parse(line)); } catch { continue; }\n  }\n}\nexport const later = async () => 1;\n`,
      },
    ],
    invalid: [
      {
        name: 'a loop whose try and catch are followed by comments, not braces',
        code: `${SLEEP}\n${commentedLoop('await sleep(1000);')}`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: `${SLEEP}\n\n${backoffHelper('1000')}\n${commentedLoop('await sleep(backoffWithJitterMs(attempt));')}`,
      },
      {
        name: 'a recursion written without spaces: }catch{',
        code: `${SLEEP}\ndeclare function get(): Promise<string>;\nexport async function load(): Promise<string> {\n  try{ return await get(); }catch{ await sleep(500); return load(); }\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 4 }],
        output: null,
      },
      {
        name: "a timer re-armed from a promise's rejection handler (then's second argument), in a file with no catch and no await",
        code: `declare const client: { connect(): Promise<void> };\nexport function connect(): void {\n  client.connect().then(() => console.log('up'), () => setTimeout(connect, 1000));\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: null,
      },
      {
        name: 'a timer re-armed from a once("error") listener, in a file with no catch, then or await',
        code: `import net from 'node:net';\nexport function connect(): void {\n  const socket = net.connect(6379, 'cache');\n  socket.once("error", () => setTimeout(connect, 2000));\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 4 }],
        output: null,
      },
      {
        name: 'an interval cleared on success, in a file with no setTimeout and no await',
        code: `declare function connectSync(): void;\nexport function start(): void {\n  const timer = setInterval(() => {\n    try { connectSync(); clearInterval(timer); } catch (error) { console.error(error); }\n  }, 1000);\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: null,
      },
    ],
  });
});

const syncAll = (body: string) =>
  `import { Pool } from 'pg';\nconst pool = new Pool({ max: 10 });\nexport async function syncAll() {\n  const { rows } = await pool.query('SELECT id FROM users');\n${body}\n}\n`;
const SAVE = "async (row) => fetch('http://crm/' + row.id, { signal: AbortSignal.timeout(1000) })";

describe('no-unbounded-concurrency: the per-file text checks let every form of fan-out through', () => {
  runRuleTests('no-unbounded-concurrency', {
    valid: [
      {
        name: 'Promise.all over a fixed pair',
        code: syncAll('  await Promise.all([pool.query("SELECT 1"), pool.query("SELECT 2")]);'),
      },
    ],
    invalid: [
      {
        name: 'Promise.all over an array filled by push, with no map in the file',
        code: syncAll(
          `  const saves = [];\n  for (const row of rows) saves.push((${SAVE})(row));\n  await Promise.all(saves);`,
        ),
        errors: [{ messageId: 'fanOutUnbounded', line: 7 }],
        output: null,
      },
      {
        name: 'Promise.allSettled over Array.from(rows, mapper)',
        code: syncAll(`  await Promise.allSettled(Array.from(rows, ${SAVE}));`),
        errors: [{ messageId: 'fanOutUnbounded', line: 5 }],
        output: null,
      },
      {
        name: 'mapped promises awaited one by one as await(save), with no space',
        code: syncAll(`  const saves = rows.map(${SAVE});\n  for (const save of saves) await(save);`),
        errors: [{ messageId: 'fanOutUnbounded', line: 5 }],
        output: null,
      },
      {
        name: 'mapped promises awaited one by one through a type assertion',
        code: syncAll(`  for (const save of rows.map(${SAVE})) await (save as Promise<Response>);`),
        errors: [{ messageId: 'fanOutUnbounded', line: 5 }],
        output: null,
      },
    ],
  });
});

const HTTP_TIMEOUT = `${HTTP_TIMEOUT_CONSTANT}\n`;
const SIGNAL = '{ signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }';

describe('require-timeout: the per-file text check lets every reference to global fetch through', () => {
  runRuleTests('require-timeout', {
    valid: [
      {
        name: "another object's fetch method, and fetch in comments",
        code: `// fetch the next batch\n/**\n * fetch(url) is not called here\n */\nexport const next = (consumer: { fetch(): Promise<unknown> }) => consumer.fetch();\n`,
      },
    ],
    invalid: [
      {
        name: 'fetch as a member of globalThis',
        code: `export const load = async (url: string) => (await globalThis.fetch(url)).json();\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 1 }],
        output: `${HTTP_TIMEOUT}\nexport const load = async (url: string) => (await globalThis.fetch(url, ${SIGNAL})).json();\n`,
      },
      {
        name: 'fetch after a comment closed on the same line',
        code: `export async function load(url: string) {\n  /* c8 ignore next */ return fetch(url);\n}\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2 }],
        output: `${HTTP_TIMEOUT}\nexport async function load(url: string) {\n  /* c8 ignore next */ return fetch(url, ${SIGNAL});\n}\n`,
      },
    ],
  });
});
