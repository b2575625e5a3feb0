import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';
import { applyEdits } from '../../server/src/analysis/fixes/text-edits';

// In-memory arrays used as work queues: a handler appends, a timer or worker drains.

const EXPRESS = `import express from 'express';\nconst app = express();\n`;

describe('no-unbounded-queue: in-memory work queues', () => {
  runRuleTests('no-unbounded-queue', {
    valid: [
      {
        name: 'a length check before the push',
        code: `${EXPRESS}const MAX = 1000;\nconst jobs: string[] = [];\napp.post('/jobs', (req, res) => {\n  if (jobs.length >= MAX) return res.status(503).end();\n  jobs.push(req.body.id);\n  res.status(202).end();\n});\nsetInterval(() => { jobs.shift(); }, 100);`,
      },
      {
        name: 'dropping the oldest past a cap is a bound too',
        code: `${EXPRESS}const recent: string[] = [];\napp.post('/e', (req, res) => {\n  recent.push(req.body.id);\n  if (recent.length > 100) recent.shift();\n  res.end();\n});`,
      },
      {
        name: 'local accumulation: pushed and consumed in the same call',
        code: `${EXPRESS}app.get('/report', (req, res) => {\n  const rows: string[] = [];\n  rows.push('a');\n  rows.shift();\n  res.json(rows);\n});`,
      },
      {
        name: 'a module array that is never drained (a log, not a queue)',
        code: `${EXPRESS}const seen: string[] = [];\napp.post('/e', (req, res) => {\n  seen.push(req.body.id);\n  res.end();\n});\nexport const snapshot = () => seen.slice();`,
      },
      {
        name: 'removal of one specific item (in-flight registry, not a queue)',
        code: `${EXPRESS}const inflight: object[] = [];\napp.get('/x', (req, res) => {\n  inflight.push(req);\n  res.on('close', () => inflight.splice(inflight.indexOf(req), 1));\n  res.end();\n});\nexport const drain = () => { const a = [] as number[]; a.pop(); };`,
      },
      {
        name: 'a shadowing local of the same name is drained, not the module array',
        code: `${EXPRESS}const jobs: string[] = [];\napp.post('/jobs', (req, res) => {\n  jobs.push(req.body.id);\n  res.end();\n});\nfunction work(jobs: string[]) { jobs.shift(); }\nexport { work };`,
      },
      {
        name: 'push outside any request handler',
        code: `${EXPRESS}const jobs: string[] = [];\nexport function enqueue(id: string) { jobs.push(id); }\nsetInterval(() => { jobs.shift(); }, 100);\napp.get('/x', (req, res) => res.end());`,
      },
      {
        name: 'a module array that does not start empty is not judged',
        code: `${EXPRESS}const jobs = loadJobs();\ndeclare function loadJobs(): string[];\napp.post('/jobs', (req, res) => {\n  jobs.push(req.body.id);\n  res.end();\n});\nsetInterval(() => { jobs.shift(); }, 100);`,
      },
    ],
    invalid: [
      {
        name: 'express handler pushes, a timer shifts',
        code: `${EXPRESS}const jobs: string[] = [];\napp.post('/jobs', (req, res) => {\n  jobs.push(req.body.id);\n  res.status(202).end();\n});\nsetInterval(() => {\n  const job = jobs.shift();\n  if (job) console.log(job);\n}, 100);`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 5, column: 3 }],
        output: null,
      },
      {
        name: 'a route given as a regular expression, its handler wrapped',
        code: `${EXPRESS}const jobs: string[] = [];\nconst wrap = (fn: (req: any, res: any) => void) => fn;\napp.post(/\\/jobs\\/\\d+/, wrap((req, res) => { jobs.push(req.params[0]); res.end(); }));\nsetInterval(() => jobs.shift(), 100);\n`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 5 }],
        output: null,
      },
      {
        name: 'a route given as a template literal',
        code: `${EXPRESS}const jobs: string[] = [];\napp.put(\`/jobs/all\`, (req, res) => { jobs.push('all'); res.end(); });\nsetInterval(() => jobs.shift(), 100);\n`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 4 }],
        output: null,
      },
      {
        name: 'a handler known by its Fastify request type, no route in the file',
        code: `import type { FastifyRequest } from 'fastify';\nconst jobs: string[] = [];\nexport function enqueue(request: FastifyRequest) { jobs.push(String(request.id)); }\nsetInterval(() => jobs.shift(), 100);\n`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 3 }],
        output: null,
      },
      {
        name: 'a length compared with 1 starts the drainer; it caps nothing (Hocuspocus message queue)',
        code: `${EXPRESS}const jobs: string[] = [];\nasync function drain() { while (jobs.length > 0) { await handle(jobs[0]!); jobs.shift(); } }\ndeclare function handle(job: string): Promise<void>;\napp.post('/jobs', (req, res) => {\n  jobs.push(req.body.id);\n  if (jobs.length === 1) drain();\n  res.status(202).json({ position: jobs.length });\n});`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 7, column: 3 }],
        output: null,
      },
      {
        name: 'unshift with a swap drain (queue = [])',
        code: `${EXPRESS}let pending: number[] = [];\napp.post('/n', async (req, res) => {\n  pending.unshift(Number(req.query.n));\n  res.end();\n});\nexport function flush() {\n  const batch = pending;\n  pending = [];\n  return batch;\n}`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 5 }],
        output: null,
      },
      {
        name: 'drained with length = 0 by a worker',
        code: `import Fastify from 'fastify';\nconst app = Fastify();\nconst events: unknown[] = [];\napp.post('/events', async (request) => {\n  events.push(request.body);\n  return { ok: true };\n});\nexport async function worker() {\n  const batch = events.slice();\n  events.length = 0;\n  return batch;\n}`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 5 }],
        output: null,
      },
      {
        name: 'a class field pushed by a typed handler method, spliced by another',
        code: `import type { Request, Response } from 'express';\nexport class Ingest {\n  private queue: Request[] = [];\n  handle(req: Request, res: Response) {\n    this.queue.push(req);\n    res.end();\n  }\n  tick() {\n    return this.queue.splice(0, 10);\n  }\n}`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 5, column: 5 }],
        output: null,
      },
      {
        name: 'compiled JavaScript: the field starts empty in the constructor, a handler typed by JSDoc-free route',
        filename: 'ingest.js',
        code: `const express = require('express');\nconst app = express();\nclass Buffer {\n  constructor() {\n    this.items = [];\n    app.post('/e', (req, res) => {\n      this.items.push(req.body);\n      res.end();\n    });\n  }\n  flush() {\n    return this.items.splice(0);\n  }\n}\nmodule.exports = Buffer;`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 7, column: 7 }],
        output: null,
      },
      {
        name: 'push used as an expression: reported, no guard to place',
        code: `${EXPRESS}const jobs: string[] = [];\napp.post('/jobs', (req, res) => res.json({ position: jobs.push(req.body.id) }));\nsetInterval(() => jobs.shift(), 100);`,
        errors: [{ messageId: 'arrayQueueUncapped', line: 4 }],
        output: null,
      },
    ],
  });
});

test('the suggested cap: a named constant and a guard that refuses with 503 before the push', () => {
  const code = `${EXPRESS}const jobs: string[] = [];\napp.post('/jobs', (req, res) => {\n  jobs.push(req.body.id);\n  res.end();\n});\nsetInterval(() => jobs.shift(), 100);`;
  const [finding] = analyzeCase('no-unbounded-queue', { code, options: { defaultQueueLimit: 500 } }).findings;
  assert.equal(finding?.fixes.length, 1);
  assert.equal(finding.fixes[0]!.kind, 'suggestion');
  assert.match(finding.policy?.summary ?? '', /no length cap; drained at line 8/);
  const fixed = applyEdits(code, finding.fixes[0]!.edits);
  assert.match(fixed, /\nconst MAX_QUEUE_LENGTH = 500;\n/);
  assert.ok(
    fixed.includes(
      `  if (jobs.length >= MAX_QUEUE_LENGTH) {\n    throw Object.assign(new Error('Work queue is full, try again later'), { statusCode: 503 });\n  }\n  jobs.push(req.body.id);`,
    ),
    fixed,
  );
});
