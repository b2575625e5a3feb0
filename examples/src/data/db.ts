import { Pool } from 'pg';

// Primary: order writes. Statement and query timeouts stop one runaway query from holding a
// connection for minutes.
export const db = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
  idleTimeoutMillis: 30_000,
  statement_timeout: 5_000,
  query_timeout: 6_000,
});

// Replica: catalog and profile reads. When every connection is busy, fail after two seconds
// so the request can answer from cache or with an error instead of joining a queue.
export const replica = new Pool({
  connectionString: process.env.REPLICA_URL ?? process.env.DATABASE_URL,
  max: 10,
  connectionTimeoutMillis: 2_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 10_000,
  query_timeout: 12_000,
});

for (const pool of [db, replica]) {
  pool.on('error', (err) => console.error('idle postgres client failed', err));
}
