import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';

const API = { 'api.ts': `export const api = { post: async (path: string, body: unknown) => ({ path, body }) };` };
const P_MAP = { 'package.json': JSON.stringify({ dependencies: { 'p-map': '^7.0.2' } }) };
const P_LIMIT = { 'package.json': JSON.stringify({ dependencies: { 'p-limit': '^7.3.0' } }) };

/** Valid cases must stay valid when parameters are reported too: that is what makes them test a bound. */
const STRICT = { reportParameters: true };

describe('no-unbounded-concurrency', () => {
  runRuleTests('no-unbounded-concurrency', {
    valid: [
      {
        name: "Parse Server pages a query without .limit() at its defaultLimit (100): cloud code's global Parse",
        code: `export async function clearSessions(user: unknown) {
  const sessions = await new Parse.Query(Parse.Session).equalTo('user', user).find({ useMasterKey: true });
  await Promise.all(sessions.map((session) => session.destroy({ useMasterKey: true })));
}`,
      },
      {
        name: 'a Parse query held in a variable, from the parse/node package',
        code: `import Parse from 'parse/node';
export async function archive(owner: string) {
  const query = new Parse.Query('Post');
  query.equalTo('owner', owner);
  const posts = await query.find();
  await Promise.all(posts.map((post) => post.save({ archived: true })));
}`,
      },
      {
        name: "a parameter's width is what its callers pass: described in the hover, not reported by default",
        files: API,
        code: `import { api } from './api';\nexport const notifyAll = (userIds: string[]) => Promise.all(userIds.map((id) => api.post('/notify', { id })));`,
      },
      {
        name: 'a length guard that throws above a limit bounds the collection, and what filter makes of it',
        options: STRICT,
        files: API,
        code: `import { api } from './api';
export class Segments {
  constructor(private readonly config: { segmentsLimit: number }) {}
  async update(strategyId: string, segmentIds: string[], current: string[]) {
    if (segmentIds.length > this.config.segmentsLimit) {
      throw new Error('too many segments');
    }
    const added = segmentIds.filter((id) => !current.includes(id));
    await Promise.all(added.map((id) => api.post('/segments', { id, strategyId })));
  }
}`,
      },
      {
        name: "a .then callback's parameter is a call's result, not the caller's data",
        options: STRICT,
        files: API,
        code: `import { api } from './api';\ndeclare function collections(): Promise<Array<{ name: string }>>;\nexport const dropAll = () => collections().then((all) => Promise.all(all.map((c) => api.post('/drop', c))));`,
      },
      {
        name: 'a guard as one of several tests, returning early',
        options: STRICT,
        files: API,
        code: `import { api } from './api';
export async function f(req: { body: { ids: string[] } }) {
  if (!req.body.ids || req.body.ids.length >= 50) return;
  await Promise.all(req.body.ids.map((id) => api.post('/x', { id })));
}`,
      },
      {
        name: 'one query per row inside a knex transaction: the transaction runs them on one connection, one at a time',
        options: STRICT,
        code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function markSeen(req: { body: { rows: Array<{ id: string }> } }) {
  await db.transaction(async (trx) => {
    await Promise.all(req.body.rows.map((row) => trx('items').where({ id: row.id }).update({ seen: true })));
  });
}`,
      },
      {
        name: 'a TypeORM QueryRunner handed down to a service (its manager queries on one connection; the rows and a local Map are memory)',
        options: STRICT,
        code: `declare const Role: unknown; declare const WorkspaceUser: unknown;
export class RoleService {
  async readRoles(organizationId: string, queryRunner: { manager: { findBy(entity: unknown, where: object): Promise<Array<{ id: string }>> } }) {
    const roles = await queryRunner.manager.findBy(Role, { organizationId });
    const lastLogin = new Map(roles.map((role) => [role.id, Date.now()]));
    return Promise.all(roles.map(async (role) => {
      const users = await queryRunner.manager.findBy(WorkspaceUser, { roleId: role.id });
      if (users.some((user) => user.id === role.id)) return null;
      return { ...role, userCount: users.length, at: JSON.stringify(new Date()), lastLogin: lastLogin.get(role.id) };
    }));
  }
}`,
      },
      {
        name: 'a pg client checked out of the pool, Prisma and kysely interactive transactions, Sequelize { transaction: t }',
        options: STRICT,
        code: `import { Pool } from 'pg';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 1000 });
declare const prisma: { $transaction<T>(fn: (tx: { user: { delete(a: object): Promise<void> } }) => Promise<T>): Promise<T> };
declare const db: { transaction(): { execute<T>(fn: (trx: { deleteFrom(t: string): { where(...a: unknown[]): { execute(): Promise<void> } } }) => Promise<T>): Promise<T> } };
declare const sequelize: { transaction<T>(fn: (t: object) => Promise<T>): Promise<T> };
declare const Tag: { create(values: object, options: object): Promise<void> };
export async function purge(req: { body: { ids: string[]; tags: string[] } }) {
  const client = await pool.connect();
  try {
    await Promise.all(req.body.ids.map((id) => client.query('DELETE FROM t WHERE id = $1', [id])));
  } finally {
    client.release();
  }
  await prisma.$transaction(async (tx) => Promise.all(req.body.ids.map((id) => tx.user.delete({ where: { id } }))));
  await db.transaction().execute(async (trx) => Promise.all(req.body.ids.map((id) => trx.deleteFrom('t').where('id', '=', id).execute())));
  await sequelize.transaction(async (t) => Promise.all(req.body.tags.map((name) => Tag.create({ name }, { transaction: t }))));
}`,
      },
      {
        name: 'a helper of the workspace handed the transaction, whose every call runs on it (two deep)',
        options: STRICT,
        files: {
          'rows.ts': `export async function insertRow(trx: (table: string) => { insert(row: object): Promise<void> }, row: { id: string }) {
  await trx('rows').insert(row);
  await audit(trx, row.id);
  return row.id;
}
async function audit(trx: (table: string) => { insert(row: object): Promise<void> }, id: string) {
  await trx('audit').insert({ id, at: JSON.stringify(new Date()) });
}`,
        },
        code: `import knex from 'knex';
import { insertRow } from './rows';
const db = knex({ client: 'pg' });
export const save = (req: { body: { rows: Array<{ id: string }> } }) =>
  db.transaction(async (trx) => Promise.all(req.body.rows.map((row) => insertRow(trx, row))));`,
      },
      {
        name: 'a tagged raw query on an interactive transaction',
        options: STRICT,
        code: `declare const prisma: { $transaction<T>(fn: (tx: { $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> }) => Promise<T>): Promise<T> };
export const purge = (req: { body: { ids: string[] } }) =>
  prisma.$transaction(async (tx) => Promise.all(req.body.ids.map((id) => tx.$executeRaw\`DELETE FROM t WHERE id = \${id}\`)));`,
      },
      {
        name: "a connection of its own: pg's new Client, mysql2's createConnection",
        options: STRICT,
        code: `import { Client } from 'pg';
import mysql from 'mysql2/promise';
export async function dropAll(prefix: string) {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const result = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [prefix + '%']);
  await Promise.all(result.rows.map((row) => client.query(\`DROP DATABASE \${row.datname}\`)));
}
export async function dropTables(req: { body: { tables: string[] } }) {
  const connection = await mysql.createConnection({ host: 'db' });
  await Promise.all(req.body.tables.map((table) => connection.query('DROP TABLE ' + table)));
}`,
      },
      {
        name: 'a literal array of two calls',
        options: STRICT,
        code: `declare function a(): Promise<1>; declare function b(): Promise<2>;\nexport const both = () => Promise.all([a(), b()]);`,
      },
      {
        name: 'batches of a constant size (slice(i, i + N))',
        options: STRICT,
        files: API,
        code: `import { api } from './api';\nconst BATCH = 10;\nexport async function send(ids: string[]) {\n  for (let i = 0; i < ids.length; i += BATCH) {\n    const batch = ids.slice(i, i + BATCH);\n    await Promise.all(batch.map((id) => api.post('/n', { id })));\n  }\n}`,
      },
      {
        name: 'width capped by .slice(0, N)',
        options: STRICT,
        files: API,
        code: `import { api } from './api';\nconst LIMIT = 10;\nexport const push = (ids: string[]) => Promise.all(ids.slice(0, LIMIT).map((id) => api.post('/p', { id })));`,
      },
      {
        name: 'pLimit(8) around each call',
        options: STRICT,
        code: `import pLimit from 'p-limit';\nconst limit = pLimit(8);\nexport const load = (ids: string[]) => Promise.all(ids.map((id) => limit(() => fetch('/u/' + id, { signal: AbortSignal.timeout(1000) }))));`,
      },
      {
        name: 'p-limit limitFunction as the mapper',
        options: STRICT,
        code: `import { limitFunction } from 'p-limit';\ndeclare function load(id: string): Promise<unknown>;\nexport const all = (ids: string[]) => Promise.all(ids.map(limitFunction(load, { concurrency: 4 })));`,
      },
      {
        name: 'a semaphore inside the mapper',
        options: STRICT,
        code: `import { Sema } from 'async-sema';\nconst sema = new Sema(4);\nexport const all = (ids: string[]) => Promise.all(ids.map(async (id) => { await sema.acquire(); try { return await fetch(id); } finally { sema.release(); } }));`,
      },
      {
        name: 'a page with LIMIT in the SQL',
        options: STRICT,
        code: `import { Pool } from 'pg';\nconst pool = new Pool({ connectionTimeoutMillis: 1000 });\ndeclare function warm(id: string): Promise<void>;\nexport async function warmTop() {\n  const { rows } = await pool.query('SELECT id FROM products ORDER BY sales DESC LIMIT 50');\n  await Promise.all(rows.map((row) => warm(row.id)));\n}`,
      },
      {
        name: 'a Prisma page with take',
        options: STRICT,
        code: `declare const prisma: any;\ndeclare function notify(u: unknown): Promise<void>;\nexport async function f() {\n  const users = await prisma.user.findMany({ where: { active: true }, take: 25 });\n  await Promise.all(users.map((u: unknown) => notify(u)));\n}`,
      },
      {
        name: 'a knex query with .limit(N)',
        options: STRICT,
        code: `declare const knex: any;\ndeclare function index(r: unknown): Promise<void>;\nexport async function f() {\n  const rows = await knex('docs').select('*').where({ dirty: true }).limit(100);\n  await Promise.all(rows.map((r: unknown) => index(r)));\n}`,
      },
      {
        name: 'chunks of a constant size',
        options: STRICT,
        code: `import chunk from 'lodash/chunk';\ndeclare function save(id: string): Promise<void>;\nexport async function f(ids: string[]) {\n  for (const part of chunk(ids, 25)) await Promise.all(part.map((id) => save(id)));\n}`,
      },
      {
        name: 'the width is unknown (a field)',
        options: STRICT,
        code: `export class Hub {\n  handlers: Array<() => Promise<void>> = [];\n  run() { return Promise.all(this.handlers.map((h) => h())); }\n}`,
      },
      {
        name: 'the width is unknown (a call result)',
        options: STRICT,
        code: `declare function ids(): string[];\nexport const f = () => Promise.all(ids().map((id) => fetch(id)));`,
      },
      {
        name: 'the mapper starts nothing',
        options: STRICT,
        code: `export const f = (jobs: Array<{ done: Promise<void> }>) => Promise.all(jobs.map((job) => job.done));`,
      },
      {
        name: 'keys of a literal object',
        options: STRICT,
        code: `const REGIONS = { eu: 'https://eu', us: 'https://us' };\nexport const ping = () => Promise.all(Object.keys(REGIONS).map((r) => fetch(r)));`,
      },
      {
        name: 'a tuple parameter',
        options: STRICT,
        code: `export const both = (pair: [string, string]) => Promise.all(pair.map((u) => fetch(u)));`,
      },
      {
        name: 'async.mapLimit is bounded',
        options: STRICT,
        code: `import async from 'async';\nexport const f = (xs: string[], cb: () => void) => async.mapLimit(xs, 4, (x: string, done: () => void) => done(), cb);`,
      },
      {
        name: 'p-queue with concurrency',
        options: STRICT,
        code: `import PQueue from 'p-queue';\nexport const queue = new PQueue({ concurrency: 4 });`,
      },
      {
        name: 'a local Promise is not the global',
        options: STRICT,
        code: `const Promise = { all: (xs: unknown[]) => xs };\nexport const f = (ids: string[]) => Promise.all(ids.map((id) => fetch(id)));`,
      },
      {
        name: "MongoDB's catalogue (listCollections, listIndexes) is as long as the schema, not the data (Payload's dropDatabase)",
        filename: 'drop.js',
        code: `exports.dropAll = async function (db) {\n  const existing = await db.listCollections().toArray();\n  await Promise.all(existing.map(async (info) => { await db.collection(info.name).deleteMany({}); }));\n  const indexes = await db.collection('posts').listIndexes().toArray();\n  await Promise.all(indexes.map((index) => db.collection('posts').dropIndex(index.name)));\n};\n`,
      },
      {
        name: "Payload's local API pages at 10 (payload.find), and the database adapter with a limit is a page",
        filename: 'pages.js',
        code: `exports.touch = async function (payload, where) {\n  const page = await payload.find({ collection: 'posts', where });\n  await Promise.all(page.docs.map((doc) => payload.update({ collection: 'posts', id: doc.id, data: {} })));\n  const few = await payload.db.find({ collection: 'posts', where, limit: 20 });\n  await Promise.all(few.docs.map((doc) => payload.db.deleteOne({ collection: 'posts', where: { id: { equals: doc.id } } })));\n};\n`,
      },
      {
        name: "the results of Promise.all are settled promises, not query rows (Ghost's readPackages; the readdir fan-out before it is reported)",
        filename: 'packages.js',
        code: `const fs = require('fs');\nexports.read = async function (dir, names) {\n  return Promise.all(names.map(async (name) => fs.promises.stat(dir + name)))\n    .then((stats) => names.filter((_name, index) => stats[index].isDirectory()))\n    .then((found) => Promise.all(found.map((name) => fs.promises.readFile(dir + name + '/package.json', 'utf8'))));\n};\n`,
      },
    ],
    invalid: [
      {
        name: 'a Parse query that walks every page (findAll), and a local object that is not Parse',
        code: `declare const Parse: { Query: new (name: string) => { equalTo(k: string, v: unknown): any; find(): Promise<Array<{ destroy(): Promise<void> }>>; findAll(): Promise<Array<{ destroy(): Promise<void> }>> } };
export async function purge(user: unknown) {
  const sessions = await new Parse.Query('_Session').equalTo('user', user).findAll();
  await Promise.all(sessions.map((session) => session.destroy()));
}
export async function purgeLocal(user: unknown) {
  const rows = await new Parse.Query('_Session').equalTo('user', user).find();
  await Promise.all(rows.map((row) => row.destroy()));
}`,
        errors: [
          { messageId: 'fanOutUnbounded', line: 4, column: 9 },
          { messageId: 'fanOutUnbounded', line: 8, column: 9 },
        ],
        output: null,
      },
      {
        name: "Payload's database adapter returns every matching document without a limit (its default is 0: none), as Payload's delete operation uses it",
        filename: 'delete.js',
        code: `exports.deleteOp = async function (payload, req, where) {\n  const { docs } = await payload.db.find({ collection: 'posts', req, where });\n  const promises = docs.map(async (doc) => { await payload.db.deleteOne({ collection: 'posts', where: { id: { equals: doc.id } } }); });\n  await Promise.all(promises);\n};\n`,
        errors: [{ messageId: 'fanOutUnbounded', line: 4 }],
        output: null,
      },
      {
        name: 'a .then callback over a query without LIMIT is the query result',
        code: `import { Pool } from 'pg';\nconst pool = new Pool({ connectionTimeoutMillis: 1000 });\ndeclare function refresh(id: string): Promise<void>;\nexport const refreshAll = () =>\n  pool.query('SELECT id FROM accounts WHERE stale').then(({ rows }) => Promise.all(rows.map((row) => refresh(row.id))));`,
        errors: [{ messageId: 'fanOutUnbounded', line: 5, column: 72 }],
        output: null,
      },
      {
        name: 'inside a transaction, but each item also calls out over HTTP: not all on the one connection',
        files: API,
        code: `import knex from 'knex';
import { api } from './api';
const db = knex({ client: 'pg' });
export const f = (req: { body: { ids: string[] } }) =>
  db.transaction(async (trx) => Promise.all(req.body.ids.map(async (id) => { await trx('t').where({ id }).del(); await api.post('/deleted', { id }); })));`,
        errors: [{ messageId: 'fanOutUnbounded', line: 5, column: 33 }],
        output: null,
      },
      {
        name: 'a pooled client is no single connection: mongodb connect(), the pg pool itself, a Sequelize transaction that may be undefined',
        code: `import { MongoClient } from 'mongodb';
import { Pool } from 'pg';
const pool = new Pool({ max: 10, connectionTimeoutMillis: 1000 });
declare const Tag: { create(values: object, options: object): Promise<void> };
export async function purge(req: { body: { ids: string[] } }, options: { transaction?: object }) {
  const client = await new MongoClient('mongodb://db').connect();
  await Promise.all(req.body.ids.map((id) => client.db().collection('t').deleteOne({ id })));
  await Promise.all(req.body.ids.map((id) => pool.query('DELETE FROM t WHERE id = $1', [id])));
  const transaction = options.transaction;
  await Promise.all(req.body.ids.map((name) => Tag.create({ name }, { transaction })));
}`,
        errors: [
          { messageId: 'fanOutUnbounded', line: 7, column: 9 },
          { messageId: 'fanOutUnbounded', line: 8, column: 9 },
          { messageId: 'fanOutUnbounded', line: 10, column: 9 },
        ],
        output: null,
      },
      {
        name: 'not one connection after all: a handler from a Map, a record method, a tagged query on the pool, a trx parameter defaulting to the pool, getConnection on an unknown object, a helper handed trx, queryRunner.connection, the result of a transaction callback',
        code: `import knex from 'knex';
import postgres from 'postgres';
const db = knex({ client: 'pg' });
const sql = postgres('postgres://db');
declare const handlers: Map<string, (e: object) => Promise<void>>;
declare const sequelize: { transaction<T>(fn: (t: object) => Promise<T>): Promise<T> };
declare const User: { findOne(o: object): Promise<{ update(v: object): Promise<void> }> };
declare function notify(trx: unknown, id: string): Promise<void>;
type Req = { body: { ids: string[]; events: Array<{ type: string }> } };
export const a = (req: Req) => db.transaction(async (trx) => Promise.all(req.body.events.map(async (e) => { await trx('events').insert(e); await handlers.get(e.type)!(e); })));
export const b = (req: Req) => sequelize.transaction(async (t) => Promise.all(req.body.ids.map(async (id) => { const user = await User.findOne({ where: { id }, transaction: t }); await user.update({ seen: true }); })));
export const c = (req: Req) => Promise.all(req.body.ids.map((id) => sql\`DELETE FROM t WHERE id = \${id}\`));
export async function d(req: Req, trx = db) { await Promise.all(req.body.ids.map((id) => trx('t').where({ id }).del())); }
export class Repo { constructor(private readonly db: { getConnection(): Promise<{ query(q: string): Promise<void> }> }) {} async e(req: Req) { const conn = await this.db.getConnection(); await Promise.all(req.body.ids.map((id) => conn.query(id))); } }
export const f = (req: Req) => db.transaction(async (trx) => Promise.all(req.body.ids.map((id) => notify(trx, id))));
export async function g(req: Req, queryRunner: { connection: { getRepository(x: string): { delete(id: string): Promise<void> } } }) { await Promise.all(req.body.ids.map((id) => queryRunner.connection.getRepository('t').delete(id))); }
export async function h(req: Req) { const out = await db.transaction(async (trx) => trx); await Promise.all(req.body.ids.map((id) => out('t').where({ id }).del())); }`,
        errors: [10, 11, 12, 13, 14, 15, 16, 17].map((line) => ({ messageId: 'fanOutUnbounded', line })),
        output: null,
      },
      {
        name: 'a helper handed the transaction that also calls out, or checks out a connection of its own per item',
        code: `import knex from 'knex';
import mysql from 'mysql2/promise';
const db = knex({ client: 'pg' });
const pool = mysql.createPool({ host: 'db' });
async function insertAndNotify(trx: (table: string) => { insert(row: object): Promise<void> }, id: string) {
  await trx('rows').insert({ id });
  await fetch('https://hooks.internal/' + id, { signal: AbortSignal.timeout(1000) });
}
async function copyOut(trx: (table: string) => { insert(row: object): Promise<void> }, id: string) {
  const conn = await pool.getConnection();
  await conn.query('INSERT INTO copies VALUES (?)', [id]);
  await trx('rows').insert({ id });
}
export const a = (req: { body: { ids: string[] } }) => db.transaction(async (trx) => Promise.all(req.body.ids.map((id) => insertAndNotify(trx, id))));
export const b = (req: { body: { ids: string[] } }) => db.transaction(async (trx) => Promise.all(req.body.ids.map((id) => copyOut(trx, id))));`,
        errors: [14, 15].map((line) => ({ messageId: 'fanOutUnbounded', line })),
        output: null,
      },
      {
        name: "the mapper's own parameter is the item, even when it is called trx",
        code: `export const commitAll = (req: { body: { trx: Array<{ commit(): Promise<void> }> } }) => Promise.all(req.body.trx.map((trx) => trx.commit()));`,
        errors: [{ messageId: 'fanOutUnbounded', line: 1, column: 90 }],
        output: null,
      },
      {
        name: 'a length check that does not exit, or comes after the fan-out, is no bound',
        files: API,
        code: `import { api } from './api';
export async function f(req: { body: { ids: string[] } }) {
  if (req.body.ids.length > 50) console.warn('many ids');
  await Promise.all(req.body.ids.map((id) => api.post('/x', { id })));
  if (req.body.ids.length > 50) throw new Error('too late');
}`,
        errors: [{ messageId: 'fanOutUnbounded', line: 4, column: 9 }],
        output: null,
      },
      {
        name: 'Promise.all over an array from the request body',
        files: API,
        code: `import { api } from './api';\nexport async function broadcast(req: { body: { userIds: string[] } }) {\n  await Promise.all(req.body.userIds.map((userId) => api.post('/push', { userId })));\n}`,
        errors: [{ messageId: 'fanOutUnbounded', line: 3, column: 9 }],
        output: null,
      },
      {
        name: 'destructured from req.body',
        files: API,
        code: `import type { Request } from 'express';\nimport { api } from './api';\nexport async function f(req: Request) {\n  const { ids } = req.body;\n  return Promise.allSettled(ids.map((id: string) => api.post('/x', { id })));\n}`,
        errors: [{ messageId: 'fanOutUnbounded', line: 5, column: 10 }],
        output: null,
      },
      {
        name: 'every row of a query',
        code: `import { Pool } from 'pg';\nconst pool = new Pool({ connectionTimeoutMillis: 1000 });\ndeclare function refresh(id: string): Promise<void>;\nexport async function refreshAll() {\n  const { rows } = await pool.query('SELECT id FROM accounts WHERE stale');\n  await Promise.all(rows.map((row) => refresh(row.id)));\n}`,
        errors: [{ messageId: 'fanOutUnbounded', line: 6, column: 9 }],
        output: null,
      },
      {
        name: 'mysql2 rows from [rows]',
        code: `import mysql from 'mysql2/promise';\ndeclare const pool: mysql.Pool;\ndeclare function sync(row: unknown): Promise<void>;\nexport async function f() {\n  const [rows] = await pool.query('SELECT * FROM t');\n  await Promise.all((rows as unknown[]).map(sync));\n}`,
        errors: [{ messageId: 'fanOutUnbounded', line: 6, column: 9 }],
        output: null,
      },
      {
        name: "uploaded files (multer's req.files, koa-body's ctx.request.files) are the client's choice, with or without a parameter option",
        code: `import type { Request } from 'express';\ndeclare function store(file: unknown): Promise<string>;\nexport async function upload(req: Request) {\n  const files = (req.files ?? []) as unknown[];\n  return Promise.all(files.map((file) => store(file)));\n}`,
        errors: [{ messageId: 'fanOutUnbounded', line: 5, column: 10 }],
        output: null,
      },
      {
        name: 'a parameter, and promises pushed in a for…of',
        options: STRICT,
        code: `export async function loadAll(ids: string[]) {\n  const jobs = [];\n  for (const id of ids) jobs.push(fetch('/u/' + id));\n  return Promise.all(jobs);\n}`,
        errors: [{ messageId: 'fanOutUnbounded', line: 4, column: 10 }],
        output: null,
      },
      {
        name: 'a directory listing, in JavaScript',
        filename: 'read.js',
        code: `import { readdir, readFile } from 'node:fs/promises';\nexport async function readAll(dir) {\n  const names = await readdir(dir);\n  return Promise.all(names.map((n) => readFile(dir + '/' + n, 'utf8')));\n}`,
        errors: [{ messageId: 'fanOutUnbounded', line: 4, column: 10 }],
        output: null,
      },
      {
        name: 'the p-map fix where the project has p-map',
        options: STRICT,
        files: { ...P_MAP, ...API },
        code: `import { api } from './api';\nexport const load = (ids: string[]) => Promise.all(ids.map((id) => api.post('/u', { id })));`,
        errors: [{ messageId: 'fanOutUnbounded', line: 2, column: 40 }],
        output: null,
      },
      {
        name: 'the p-limit fix where the project has p-limit 7 (also for allSettled)',
        options: STRICT,
        files: { ...P_LIMIT, ...API },
        code: `import { api } from './api';\nexport const load = (ids: string[]) => Promise.allSettled(ids.map((id) => api.post('/u', { id })));`,
        errors: [{ messageId: 'fanOutUnbounded', line: 2, column: 40 }],
        output: null,
      },
      {
        name: 'Array.from(xs, f)',
        options: STRICT,
        code: `export const load = (ids: Set<string>) => Promise.all(Array.from(ids, (id) => fetch(id)));`,
        errors: [{ messageId: 'fanOutUnbounded', line: 1, column: 43 }],
        output: null,
      },
      {
        name: 'async.map and a named async helper',
        options: STRICT,
        code: `import async, { parallel } from 'async';\nexport function f(files: string[], tasks: Array<(cb: () => void) => void>, cb: () => void) {\n  async.map(files, (file: string, done: () => void) => done(), cb);\n  parallel(tasks, cb);\n}`,
        errors: [
          { messageId: 'asyncUnbounded', line: 3, column: 3 },
          { messageId: 'asyncUnbounded', line: 4, column: 3 },
        ],
        output: null,
      },
      {
        name: 'p-queue without concurrency',
        code: `import PQueue from 'p-queue';\nexport const queue = new PQueue({ autoStart: true });\nexport const other = new PQueue({ concurrency: Infinity });`,
        errors: [
          { messageId: 'pQueueUnbounded', line: 2, column: 22 },
          { messageId: 'pQueueUnbounded', line: 3, column: 22 },
        ],
        output: null,
      },
    ],
  });

  it('the hover says which single connection runs the calls of a fan-out it does not report', () => {
    const code = `declare const db: { transaction<T>(fn: (trx: (table: string) => { insert(row: object): Promise<void> }) => Promise<T>): Promise<T> };
export const save = (req: { body: { rows: object[] } }) => db.transaction(async (trx) => Promise.all(req.body.rows.map((row) => trx('t').insert(row))));`;
    const { findings, result } = analyzeCase('no-unbounded-concurrency', { code });
    assert.equal(findings.length, 0);
    assert.deepEqual(
      result.policies.map((note) => note.policy.summary),
      ['Promise.all: one call per item, all on the transaction `trx`, which runs them one at a time; width unbounded (`req.body.rows` comes from the request)'],
    );
  });

  it("the hover states a parameter's width either way; reportParameters decides whether it is a finding", () => {
    const code = `export const loadAll = (ids: string[]) => Promise.all(ids.map((id) => fetch('/u/' + id)));`;
    const quiet = analyzeCase('no-unbounded-concurrency', { code });
    assert.equal(quiet.findings.length, 0);
    assert.deepEqual(
      quiet.result.policies.map((note) => note.policy.summary),
      ['Promise.all: one call per item, all at once; width: whatever the callers pass (`ids` comes from a parameter of the function; reported only with reportParameters)'],
    );
    const strict = analyzeCase('no-unbounded-concurrency', { code, options: { reportParameters: true } });
    assert.equal(strict.findings.length, 1);
    assert.match(strict.findings[0]!.message, /its size is whatever the caller passes/);
  });
});
