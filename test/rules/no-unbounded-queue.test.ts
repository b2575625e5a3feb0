import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

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
    ],
    invalid: [
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
    ],
  });
});
