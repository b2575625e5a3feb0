import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// `rows.map(async …)` started every call before a `for…of` loop awaits them one by one (audit J:
// Payload and Ghost code that reads as sequential). Reported like `Promise.all(rows.map(…))`, with
// the same width rules, and without an automatic fix: the loop has to become a bounded map.

const syncAll = (body: string) => `import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function syncAll() {
  const { rows } = await pool.query('SELECT id FROM users');
${body}
}
`;

describe('no-unbounded-concurrency: promises made by map, awaited one by one', () => {
  runRuleTests('no-unbounded-concurrency', {
    valid: [
      {
        name: 'the loop awaits a call it makes itself: one at a time',
        code: syncAll("  for (const id of rows.map((row) => row.id)) await fetch('http://crm/' + id, { signal: AbortSignal.timeout(1000) });"),
      },
      {
        name: 'the mapped values are not awaited (no loop of awaits), or the mapper starts nothing',
        code: syncAll(
          "  const saves = rows.map(async (row) => fetch('http://crm/' + row.id));\n  for (const save of saves) console.log(save);\n  const ids = rows.map((row) => row.id);\n  for await (const id of ids) console.log(id);",
        ),
      },
      {
        name: 'a bounded collection: a page of 50',
        code: syncAll(
          "  const page = await pool.query('SELECT id FROM users LIMIT 50');\n  const saves = page.rows.map(async (row) => fetch('http://crm/' + row.id));\n  for (const save of saves) await save;",
        ),
      },
    ],
    invalid: [
      {
        name: 'promises held in a const, then awaited in a for…of',
        code: syncAll("  const saves = rows.map(async (row) => fetch('http://crm/' + row.id));\n  for (const save of saves) await save;"),
        errors: [{ messageId: 'fanOutUnbounded', line: 5 }],
        output: null,
      },
      {
        name: 'for await over the mapped promises',
        code: syncAll("  for await (const response of rows.map((row) => fetch('http://crm/' + row.id))) console.log(response.status);"),
        errors: [{ messageId: 'fanOutUnbounded', line: 5 }],
        output: null,
      },
      {
        name: 'handed to Promise.all and then looped over: reported once, at Promise.all',
        code: syncAll("  const saves = rows.map(async (row) => fetch('http://crm/' + row.id));\n  await Promise.all(saves);\n  for (const save of saves) await save;"),
        errors: [{ messageId: 'fanOutUnbounded', line: 6 }],
        output: null,
      },
    ],
  });
});
