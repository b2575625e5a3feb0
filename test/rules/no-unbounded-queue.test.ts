import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';
import { applyEdits } from '../../server/src/analysis/fixes/text-edits';

const PG_TIMEOUT = `// Longest a caller waits for a free connection before failing fast. Keep it well inside the
// caller's own deadline so it can still answer (see docs/rules/no-unbounded-queue.md).
const PG_CONNECTION_TIMEOUT_MS = 2000;`;
const PG_MAX = `// Most connections this process opens (pg's default). Across instances, their sum must stay
// below the server's max_connections.
const PG_POOL_MAX = 10;`;
const QUEUE_COMMENT = `// Most callers waiting for a connection; the rest fail at once (answer 503 at the edge). A few
// times the pool size is plenty: beyond that, waiters time out anyway (see docs/rules/no-unbounded-queue.md).`;

describe('no-unbounded-queue', () => {
  runRuleTests('no-unbounded-queue', {
    valid: [
      {
        name: 'a pool made for one job and closed by the function that made it (MeshCentral creates its database)',
        filename: 'bootstrap.js',
        code: `const mysql = require('mysql2');
const { Pool } = require('pg');
exports.createDatabase = function (connection, name, done) {
  const temporary = mysql.createPool({ host: connection.host, user: connection.user });
  temporary.query('CREATE DATABASE IF NOT EXISTS ' + name, () => done());
  setTimeout(function () { temporary.end(); }, 2000);
};
exports.migrate = async function (connectionString) {
  const pool = new Pool({ connectionString, max: 1 });
  try { await pool.query('SELECT 1'); } finally { await pool.end(); }
};
`,
      },
      {
        name: 'pg Pool with max and a wait timeout',
        code: `import { Pool } from 'pg';\nexport const pool = new Pool({ max: 20, connectionTimeoutMillis: 2_000 });`,
      },
      {
        name: 'pg Pool options from the environment module',
        code: `import { Pool, type PoolConfig } from 'pg';\nexport const make = (config: PoolConfig) => new Pool(config);`,
      },
      {
        name: 'wait timeout computed at run time',
        code: `import pg from 'pg';\nexport const pool = new pg.Pool({ connectionTimeoutMillis: Number(process.env.PG_WAIT_MS) });`,
      },
      { name: 'a pg Client is not a pool', code: `import { Client } from 'pg';\nexport const client = new Client();` },
      {
        name: 'mysql2 pool with queueLimit',
        code: `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: 'db', connectionLimit: 10, queueLimit: 50 });`,
      },
      {
        name: 'mysql2 pool that does not wait',
        code: `import { createPool } from 'mysql2';\nexport const pool = createPool({ host: 'db', waitForConnections: false });`,
      },
      {
        name: 'mysql2 pool from a URI in the environment',
        code: `import mysql from 'mysql2';\nexport const pool = mysql.createPool(process.env.DATABASE_URL!);`,
      },
      {
        name: 'generic-pool with an acquire timeout',
        code: `import { createPool } from 'generic-pool';\ndeclare const factory: any;\nexport const pool = createPool(factory, { max: 4, acquireTimeoutMillis: 1000 });`,
      },
      {
        name: 'generic-pool with a waiting cap',
        code: `import genericPool from 'generic-pool';\ndeclare const factory: any;\nexport const pool = genericPool.createPool(factory, { max: 4, maxWaitingClients: 20 });`,
      },
      {
        name: 'a createPool from elsewhere',
        code: `import { createPool } from './my-pool';\nexport const pool = createPool({});\nimport 'pg';`,
      },
      {
        name: 'ioredis defaults: queued commands are rejected after 20 reconnect attempts',
        code: `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');`,
      },
      {
        name: 'ioredis retrying forever with the offline queue disabled',
        code: `import { Redis } from 'ioredis';\nexport const redis = new Redis({ maxRetriesPerRequest: null, enableOfflineQueue: false });`,
      },
      {
        name: 'ioredis Cluster with the offline queue off',
        code: `import Redis from 'ioredis';\nexport const cluster = new Redis.Cluster([{ host: 'redis-1', port: 6379 }], { enableOfflineQueue: false });`,
      },
      {
        name: 'ioredis Cluster with its own clusterRetryStrategy (it may give up: cannot tell)',
        code: `import { Cluster } from 'ioredis';\nexport const cluster = new Cluster(['redis-1:6379'], { clusterRetryStrategy: (times: number) => (times > 10 ? null : 200) });`,
      },
      {
        name: 'ioredis Cluster for a BullMQ connection',
        code: `import { Cluster } from 'ioredis';\nimport { Queue } from 'bullmq';\nexport const connection = new Cluster(['redis-1:6379']);\nexport const queue = new Queue('q', { connection });`,
      },
      {
        name: 'ioredis maxRetriesPerRequest: null for a BullMQ connection',
        code: `import IORedis from 'ioredis';\nimport { Worker } from 'bullmq';\nexport const connection = new IORedis({ maxRetriesPerRequest: null });\nnew Worker('q', async () => {}, { connection });`,
      },
      {
        name: 'ioredis options from a parameter',
        code: `import Redis, { type RedisOptions } from 'ioredis';\nexport const make = (options: RedisOptions) => new Redis({ ...options, maxRetriesPerRequest: null });`,
      },
      {
        name: 'node-redis 4 with the offline queue disabled',
        code: `import { createClient } from 'redis';\nexport const client = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^4.7.0' } }) },
      },
      {
        name: 'node-redis 5 with a command queue cap',
        code: `import { createClient } from 'redis';\nexport const client = createClient({ commandsQueueMaxLength: 1000 });`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^5.0.0' } }) },
      },
      {
        name: 'node-redis 6: commands time out after 5 s by default',
        code: `import { createClient } from 'redis';\nexport const client = createClient();`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^6.0.0' } }) },
      },
      {
        name: 'mysql2 pool cluster nodes with a queue cap, or that do not wait',
        code: `import { createPoolCluster } from 'mysql2/promise';\nconst cluster = createPoolCluster();\ncluster.add('a', { host: 'db1', queueLimit: 50 });\ncluster.add('b', { host: 'db2', waitForConnections: false });`,
      },
      {
        name: 'node-redis 4 cluster whose node clients disable the offline queue (defaults)',
        code: `import { createCluster } from 'redis';\nexport const cluster = createCluster({ rootNodes: [{ url: 'redis://a' }], defaults: { disableOfflineQueue: true } });`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^4.7.0' } }) },
      },
      {
        name: 'node-redis 5 cluster with a command queue cap in defaults',
        code: `import { createCluster } from 'redis';\nconst defaults = { commandsQueueMaxLength: 500 };\nexport const cluster = createCluster({ rootNodes: [{ url: 'redis://a' }], defaults });`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^5.0.0' } }) },
      },
      {
        name: 'node-redis cluster options from a parameter',
        code: `import { createCluster, type RedisClusterOptions } from 'redis';\nexport const make = (options: RedisClusterOptions) => createCluster(options);`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^4.7.0' } }) },
      },
      {
        name: 'node-redis with an unknown major',
        code: `import { createClient } from 'redis';\nexport const client = createClient();`,
      },
      {
        name: 'p-queue add after a size check',
        code: `import PQueue from 'p-queue';\nimport express from 'express';\nconst queue = new PQueue({ concurrency: 4 });\nconst app = express();\napp.post('/jobs', async (req, res) => {\n  if (queue.size > 100) return res.status(503).end();\n  await queue.add(() => work(req.body));\n  res.end();\n});\ndeclare function work(x: unknown): Promise<void>;`,
      },
      {
        name: 'async queue push after a length check; fastq push outside a handler',
        filename: 'convert.js',
        code: `const async = require('async');\nconst fastq = require('fastq');\nconst express = require('express');\nconst queue = async.queue((task, done) => convert(task, done), 2);\nconst thumbs = fastq.promise(render, 4);\nconst app = express();\napp.post('/convert', async (req, res) => {\n  if (queue.length() >= 50) return res.status(503).end();\n  await queue.pushAsync(req.body);\n  res.end();\n});\nexports.warm = (ids) => ids.forEach((id) => thumbs.push(id));\n`,
      },
      {
        name: 'p-queue add outside a request handler',
        code: `import PQueue from 'p-queue';\nconst queue = new PQueue({ concurrency: 4 });\nexport async function nightly(ids: string[]) {\n  for (const id of ids) void queue.add(() => work(id));\n}\ndeclare function work(x: unknown): Promise<void>;`,
      },
      {
        name: 'p-queue with unbounded concurrency never queues (no-unbounded-concurrency reports it)',
        code: `import PQueue from 'p-queue';\nimport express from 'express';\nconst queue = new PQueue();\nconst app = express();\napp.post('/jobs', async (req, res) => {\n  await queue.add(() => work(req.body));\n  res.end();\n});\ndeclare function work(x: unknown): Promise<void>;`,
      },
      {
        name: 'a Set.add in a handler',
        code: `import PQueue from 'p-queue';\nimport express from 'express';\nconst seen = new Set<string>();\nconst app = express();\napp.post('/jobs', (req, res) => {\n  seen.add(req.body.id);\n  res.end();\n});`,
      },
    ],
    invalid: [
      {
        name: 'a pool closed only at shutdown, or handed on, serves requests: still judged',
        filename: 'server.js',
        code: `const mysql = require('mysql2');
exports.start = function (app, connection) {
  const pool = mysql.createPool({ host: connection.host });
  app.get('/users', (req, res) => pool.query('SELECT * FROM users', (e, rows) => res.json(rows)));
  process.on('SIGTERM', () => pool.end());
};
exports.open = function (connection) {
  const pool = mysql.createPool({ host: connection.host });
  setTimeout(() => pool.end(), 60000);
  return pool;
};
`,
        errors: [{ messageId: 'mysql2QueueUnbounded', line: 3 }, { messageId: 'mysql2QueueUnbounded', line: 8 }],
        output: `const mysql = require('mysql2');

// Most callers waiting for a connection; the rest fail at once (answer 503 at the edge). A few
// times the pool size is plenty: beyond that, waiters time out anyway (see docs/rules/no-unbounded-queue.md).
const MYSQL_QUEUE_LIMIT = 100;
exports.start = function (app, connection) {
  const pool = mysql.createPool({ host: connection.host, queueLimit: MYSQL_QUEUE_LIMIT });
  app.get('/users', (req, res) => pool.query('SELECT * FROM users', (e, rows) => res.json(rows)));
  process.on('SIGTERM', () => pool.end());
};
exports.open = function (connection) {
  const pool = mysql.createPool({ host: connection.host, queueLimit: MYSQL_QUEUE_LIMIT });
  setTimeout(() => pool.end(), 60000);
  return pool;
};
`,
      },
      {
        name: 'pg Pool with max only',
        code: `import { Pool } from 'pg';\nexport const pool = new Pool({ max: 20 });`,
        errors: [{ messageId: 'pgPoolWaitsForever', line: 2, column: 21 }],
        output: `import { Pool } from 'pg';\n\n${PG_TIMEOUT}\nexport const pool = new Pool({ max: 20, connectionTimeoutMillis: PG_CONNECTION_TIMEOUT_MS });`,
      },
      {
        name: 'pg Pool with no options, CommonJS',
        filename: 'db.js',
        code: `const pg = require('pg');\nmodule.exports = new pg.Pool();`,
        errors: [{ messageId: 'pgPoolWaitsForever', line: 2, column: 18 }],
        output: `const pg = require('pg');\n\n${PG_TIMEOUT}\n\n${PG_MAX}\nmodule.exports = new pg.Pool({ connectionTimeoutMillis: PG_CONNECTION_TIMEOUT_MS, max: PG_POOL_MAX });`,
      },
      {
        name: 'connectionTimeoutMillis: 0 is replaced (multi-line)',
        code: `import Pool from 'pg-pool';\nexport const pool = new Pool({\n  max: 10,\n  connectionTimeoutMillis: 0,\n});`,
        errors: [{ messageId: 'pgPoolWaitsForever', line: 2, column: 21 }],
        output: `import Pool from 'pg-pool';\n\n${PG_TIMEOUT}\nexport const pool = new Pool({\n  max: 10,\n  connectionTimeoutMillis: PG_CONNECTION_TIMEOUT_MS,\n});`,
      },
      {
        name: 'mysql2 pool with the default queueLimit',
        code: `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: 'db', connectionLimit: 20 });`,
        errors: [{ messageId: 'mysql2QueueUnbounded', line: 2, column: 21 }],
        output: `import mysql from 'mysql2/promise';\n\n${QUEUE_COMMENT}\nconst MYSQL_QUEUE_LIMIT = 100;\nexport const pool = mysql.createPool({ host: 'db', connectionLimit: 20, queueLimit: MYSQL_QUEUE_LIMIT });`,
      },
      {
        name: 'mysql2 pool cluster: each node added is a pool with the default queueLimit',
        code: `import mysql from 'mysql2';\nconst cluster = mysql.createPoolCluster({ canRetry: true });\ncluster.add('primary', { host: 'db1' });\ncluster.add({ host: 'db2', queueLimit: 0 });\nexport default cluster;`,
        errors: [
          { messageId: 'mysql2QueueUnbounded', line: 3, column: 1 },
          { messageId: 'mysql2QueueUnbounded', line: 4, column: 1 },
        ],
        output: `import mysql from 'mysql2';\n\n${QUEUE_COMMENT}\nconst MYSQL_QUEUE_LIMIT = 100;\nconst cluster = mysql.createPoolCluster({ canRetry: true });\ncluster.add('primary', { host: 'db1', queueLimit: MYSQL_QUEUE_LIMIT });\ncluster.add({ host: 'db2', queueLimit: MYSQL_QUEUE_LIMIT });\nexport default cluster;`,
      },
      {
        name: 'mysql2 pool with queueLimit: 0, and a literal URI',
        code: `import { createPool } from 'mysql2';\nexport const a = createPool({ host: 'db', queueLimit: 0 });\nexport const b = createPool('mysql://db/shop');`,
        errors: [
          { messageId: 'mysql2QueueUnbounded', line: 2, column: 18 },
          { messageId: 'mysql2QueueUnbounded', line: 3, column: 18 },
        ],
        output: `import { createPool } from 'mysql2';\n\n${QUEUE_COMMENT}\nconst MYSQL_QUEUE_LIMIT = 100;\nexport const a = createPool({ host: 'db', queueLimit: MYSQL_QUEUE_LIMIT });\nexport const b = createPool('mysql://db/shop');`,
      },
      {
        name: 'generic-pool with max only',
        options: { defaultAcquireTimeoutMs: 500, defaultQueueLimit: 20 },
        code: `import genericPool from 'generic-pool';\ndeclare const factory: any;\nexport const pool = genericPool.createPool(factory, { max: 5 });`,
        errors: [{ messageId: 'genericPoolUnbounded', line: 3, column: 21 }],
        output:
          `import genericPool from 'generic-pool';\n\n` +
          `// Longest a caller waits for a free connection before failing fast. Keep it well inside the\n` +
          `// caller's own deadline so it can still answer (see docs/rules/no-unbounded-queue.md).\n` +
          `const POOL_ACQUIRE_TIMEOUT_MS = 500;\n\n${QUEUE_COMMENT}\nconst POOL_MAX_WAITING_CLIENTS = 20;\n` +
          `declare const factory: any;\n` +
          `export const pool = genericPool.createPool(factory, { max: 5, acquireTimeoutMillis: POOL_ACQUIRE_TIMEOUT_MS, maxWaitingClients: POOL_MAX_WAITING_CLIENTS });`,
      },
      {
        name: 'ioredis retrying forever with the offline queue on (suggestion only)',
        code: `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });`,
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 2, column: 22 }],
        output: null,
      },
      {
        name: 'ioredis 3 has no maxRetriesPerRequest',
        code: `import Redis from 'ioredis';\nexport const redis = new Redis();`,
        files: { 'package.json': JSON.stringify({ dependencies: { ioredis: '^3.2.2' } }) },
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 2, column: 22 }],
        output: null,
      },
      {
        name: 'ioredis Cluster with defaults: its offline queue grows while no node is reachable (suggestion only)',
        code: `import Redis from 'ioredis';\nexport const cluster = new Redis.Cluster([{ host: 'redis-1', port: 6379 }]);`,
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 2, column: 24 }],
        output: null,
      },
      {
        name: 'ioredis Cluster: the nodes\' maxRetriesPerRequest does not bound the cluster queue',
        code: `import { Cluster } from 'ioredis';\nexport const cluster = new Cluster(['redis-1:6379'], { redisOptions: { maxRetriesPerRequest: 3 } });`,
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 2, column: 24 }],
        output: null,
      },
      {
        name: 'node-redis 4 defaults',
        code: `import { createClient } from 'redis';\nexport const client = createClient({ url: process.env.REDIS_URL });`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^4.7.0' } }) },
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 2, column: 23 }],
        output: null,
      },
      {
        name: 'node-redis 5 with disableOfflineQueue: false and commandsQueueMaxLength: 0',
        code: `import { createClient } from '@redis/client';\nexport const client = createClient({ disableOfflineQueue: false, commandsQueueMaxLength: 0 });`,
        files: { 'package.json': JSON.stringify({ dependencies: { '@redis/client': '^5.1.0' } }) },
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 2, column: 23 }],
        output: null,
      },
      {
        name: 'node-redis 4 cluster defaults: every node client queues commands while its node is away',
        code: `import { createCluster } from 'redis';\nexport const cluster = createCluster({ rootNodes: [{ url: 'redis://a' }, { url: 'redis://b' }] });`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^4.7.0' } }) },
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 2, column: 24 }],
        output: null,
      },
      {
        name: 'node-redis 5 cluster with defaults that set only the socket',
        code: `import { createCluster } from '@redis/client';\nexport const cluster = createCluster({ rootNodes: [{ url: 'redis://a' }], defaults: { socket: { connectTimeout: 2000 } } });`,
        files: { 'package.json': JSON.stringify({ dependencies: { '@redis/client': '^5.1.0' } }) },
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 2, column: 24 }],
        output: null,
      },
      {
        name: 'async.queue (concurrency 1 by default) and fastq pushed to from route handlers',
        filename: 'convert.js',
        code: `const { queue } = require('async');\nconst fastq = require('fastq');\nconst express = require('express');\nconst conversions = queue((task, done) => convert(task, done));\nconst thumbs = fastq(null, render, 4);\nconst app = express();\napp.post('/convert', async (req, res) => {\n  await conversions.pushAsync({ src: req.query.file });\n  res.sendStatus(200);\n});\napp.post('/thumb', (req, res) => {\n  thumbs.push(req.body, () => res.end());\n});\n`,
        errors: [
          { messageId: 'workQueueAddUncapped', line: 8, column: 9 },
          { messageId: 'workQueueAddUncapped', line: 12, column: 3 },
        ],
        output: null,
      },
      {
        name: 'compiled CommonJS: (0, _redis.createClient)(…) with redis 5 defaults',
        filename: 'store.js',
        code: `"use strict";\nvar _redis = require("redis");\nexports.store = (url) => (0, _redis.createClient)({ url });\n`,
        files: { 'package.json': JSON.stringify({ dependencies: { redis: '^5.8.0' } }) },
        errors: [{ messageId: 'redisOfflineQueueUnbounded', line: 3 }],
        output: null,
      },
      {
        name: 'p-queue add in a route handler, queue from another module',
        code: `import express from 'express';\nimport { queue } from './queue';\nconst app = express();\napp.post('/jobs', async (req, res) => {\n  await queue.add(() => work(req.body));\n  res.end();\n});\ndeclare function work(x: unknown): Promise<void>;`,
        files: { 'queue.ts': `import PQueue from 'p-queue';\nexport const queue = new PQueue({ concurrency: 4 });` },
        errors: [{ messageId: 'workQueueAddUncapped', line: 5, column: 9 }],
        output: null,
      },
    ],
  });
});

describe('no-unbounded-queue: work-queue messages', () => {
  test('name the library, its concurrency (async defaults to 1) and the size check', () => {
    const code = `const async = require('async');\nconst fastq = require('fastq');\nconst express = require('express');\nconst a = async.queue(work);\nconst f = fastq.promise(work, 3);\nconst app = express();\napp.post('/a', async (req, res) => { await a.push(req.body); res.end(); });\napp.post('/f', async (req, res) => { await f.unshift(req.body); res.end(); });\n`;
    const { findings } = analyzeCase('no-unbounded-queue', { code, filename: 'q.js' });
    assert.deepEqual(
      findings.map((f) => [f.message.slice(0, f.message.indexOf(')') + 1), f.policy?.summary]),
      [
        ['A request handler adds to an async queue (1 at a time)', 'async queue: max 1 tasks at a time; waiters: unbounded, forever'],
        ['A request handler adds to a fastq queue (3 at a time)', 'fastq queue: max 3 tasks at a time; waiters: unbounded, forever'],
      ],
    );
    assert.ok(findings.every((f) => f.message.includes('Check `queue.length()` first')));
  });
});

describe('no-unbounded-queue: offline-queue suggestions', () => {
  const cases = [
    {
      code: `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });`,
      fixed: `new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null, enableOfflineQueue: false })`,
    },
    {
      code: `import { createClient } from 'redis';\nexport const client = createClient();`,
      files: { 'package.json': JSON.stringify({ dependencies: { redis: '4.7.1' } }) },
      fixed: `createClient({ disableOfflineQueue: true })`,
    },
  ];
  for (const { code, files, fixed } of cases) {
    test(fixed, () => {
      const { findings } = analyzeCase('no-unbounded-queue', { code, files });
      const fix = findings[0]!.fixes[0]!;
      assert.equal(fix.kind, 'suggestion');
      assert.ok(applyEdits(code, fix.edits).includes(fixed));
    });
  }
});
