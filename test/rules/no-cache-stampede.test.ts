import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';
import { applyEdits } from '../../server/src/analysis/fixes/text-edits';

const HELPER = `// Single-flight: callers that miss the same key at the same time share one load instead of each
// recomputing it. Per process: N instances still load up to N times (docs/rules/no-cache-stampede.md).
const singleFlight = <T,>(inFlight: Map<unknown, Promise<unknown>>, key: unknown, load: () => Promise<T>): Promise<T> => {
  const pending = inFlight.get(key) as Promise<T> | undefined;
  if (pending) return pending;
  const started = load().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
};`;
const HELPER_JS = HELPER.replace(
  '<T,>(inFlight: Map<unknown, Promise<unknown>>, key: unknown, load: () => Promise<T>): Promise<T> =>',
  '(inFlight, key, load) =>',
).replace(' as Promise<T> | undefined', '');
const inFlightMap = (name: string) =>
  `// Loads of ${name} in flight, by cache key (single-flight).\nconst ${name}InFlight = new Map<unknown, Promise<unknown>>();`;

describe('no-cache-stampede', () => {
  runRuleTests('no-cache-stampede', {
    valid: [
      {
        name: 'lru-cache fetch() with a fetchMethod dedupes misses',
        code: `import { LRUCache } from 'lru-cache';\nconst trees = new LRUCache<string, object>({ max: 100, ttl: 60_000, fetchMethod: async (id) => (await fetch('/t/' + id)).json() });\nexport const tree = (id: string) => trees.fetch(id);`,
      },
      {
        name: 'cache-manager wrap() coalesces misses',
        code: `import { createCache } from 'cache-manager';\nconst cache = createCache({ ttl: 60_000 });\nexport const user = (id: string, db: { find(id: string): Promise<object> }) => cache.wrap(\`user:\${id}\`, () => db.find(id));`,
      },
      {
        name: 'DataLoader',
        code: `import DataLoader from 'dataloader';\nexport const users = new DataLoader(async (ids: readonly string[]) => ids.map((id) => ({ id })));\nexport const user = (id: string) => users.load(id);`,
      },
      {
        name: 'an in-flight Map<key, Promise> in the function',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nconst inFlight = new Map<string, Promise<string>>();\nexport async function get(key: string, load: () => Promise<string>) {\n  const cached = await redis.get(key);\n  if (cached) return cached;\n  let pending = inFlight.get(key);\n  if (!pending) {\n    pending = (async () => { const v = await load(); await redis.set(key, v, 'EX', 60); return v; })().finally(() => inFlight.delete(key));\n    inFlight.set(key, pending);\n  }\n  return pending;\n}`,
      },
      {
        name: 'promises memoized in a Map (the pending load is what is cached)',
        code: `const cache = new Map<string, Promise<object>>();\nexport async function load(id: string, db: { find(id: string): Promise<object> }) {\n  if (!cache.has(id)) cache.set(id, db.find(id));\n  return cache.get(id);\n}`,
      },
      {
        name: 'a try-lock with SET NX: the loser does not compute',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function report(id: string, build: (id: string) => Promise<string>): Promise<string | null> {\n  const key = \`report:\${id}\`;\n  const cached = await redis.get(key);\n  if (cached) return cached;\n  const locked = await redis.set(\`lock:\${key}\`, '1', 'PX', 10_000, 'NX');\n  if (!locked) return null;\n  const value = await build(id);\n  await redis.set(key, value, 'EX', 300);\n  return value;\n}`,
      },
      {
        name: 'node-redis try-lock with { NX: true }',
        code: `import { createClient } from 'redis';\nconst client = createClient();\nexport async function report(id: string, build: () => Promise<string>) {\n  const cached = await client.get(id);\n  if (cached) return cached;\n  if (!(await client.set('lock:' + id, '1', { NX: true, PX: 5000 }))) return undefined;\n  const value = await build();\n  await client.set(id, value, { EX: 60 });\n  return value;\n}`,
      },
      {
        name: 'a blocking lock with a re-check after acquiring',
        code: `import Redis from 'ioredis';\nimport { Mutex } from 'async-mutex';\nconst redis = new Redis();\nconst mutex = new Mutex();\nexport async function config(name: string, load: (n: string) => Promise<string>) {\n  const cached = await redis.get(name);\n  if (cached) return cached;\n  const release = await mutex.acquire();\n  try {\n    const again = await redis.get(name);\n    if (again) return again;\n    const value = await load(name);\n    await redis.set(name, value, 'EX', 30);\n    return value;\n  } finally {\n    release();\n  }\n}`,
      },
      {
        name: 'cache-aside inside mutex.runExclusive: the read happens after acquiring',
        code: `import Redis from 'ioredis';\nimport { Mutex } from 'async-mutex';\nconst redis = new Redis();\nconst mutex = new Mutex();\nexport const config = (name: string, load: (n: string) => Promise<string>) => mutex.runExclusive(async () => {\n  const cached = await redis.get(name);\n  if (cached) return cached;\n  const value = await load(name);\n  await redis.set(name, value, 'EX', 30);\n  return value;\n});`,
      },
      {
        name: 'XFetch probabilistic early refresh',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nconst BETA = 1;\nexport async function price(sku: string, load: (s: string) => Promise<number>) {\n  const raw = await redis.get(sku);\n  const entry = raw ? (JSON.parse(raw) as { value: number; deltaMs: number; expiresAt: number }) : null;\n  if (entry && Date.now() - entry.deltaMs * BETA * Math.log(Math.random()) < entry.expiresAt) return entry.value;\n  const started = Date.now();\n  const value = await load(sku);\n  const deltaMs = Date.now() - started;\n  await redis.set(sku, JSON.stringify({ value, deltaMs, expiresAt: Date.now() + 60_000 }), 'PX', 60_000);\n  return value;\n}`,
      },
      {
        name: 'a cache read without a write',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function session(id: string, db: { find(id: string): Promise<object> }) {\n  const cached = await redis.get(\`session:\${id}\`);\n  if (cached) return JSON.parse(cached);\n  return db.find(id);\n}`,
      },
      {
        name: 'a write without a read (write-through)',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function save(id: string, db: { save(id: string): Promise<object> }) {\n  const saved = await db.save(id);\n  await redis.set(\`user:\${id}\`, JSON.stringify(saved), 'EX', 60);\n}`,
      },
      {
        name: 'the value written is the value read (TTL refresh on a hit)',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function touch(key: string, audit: () => Promise<void>) {\n  const cached = await redis.get(key);\n  if (cached) {\n    await audit();\n    await redis.set(key, cached, 'EX', 60);\n  }\n  return cached;\n}`,
      },
      {
        name: 'a different key is written',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function get(id: string, load: () => Promise<string>) {\n  const cached = await redis.get(\`a:\${id}\`);\n  if (cached) return cached;\n  const value = await load();\n  await redis.set(\`b:\${id}\`, value);\n  return value;\n}`,
      },
      {
        name: 'an update that reads the old value without branching on it',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function update(key: string, db: { update(v: string | null): Promise<string> }) {\n  const previous = await redis.get(key);\n  const next = await db.update(previous);\n  await redis.set(key, next, 'EX', 60);\n  return next;\n}`,
      },
      {
        name: 'a synchronous miss path (nothing awaited between read and write)',
        code: `import NodeCache from 'node-cache';\nconst cache = new NodeCache();\nexport function area(id: string, compute: (id: string) => number) {\n  const known = cache.get<number>(id);\n  if (known !== undefined) return known;\n  const value = compute(id);\n  cache.set(id, value);\n  return value;\n}`,
      },
      {
        name: 'an object with get/set that is not a cache client',
        code: `const store = { get: async (k: string) => k, set: async (k: string, v: string) => void [k, v] };\nexport async function f(key: string, load: () => Promise<string>) {\n  const hit = await store.get(key);\n  if (hit) return hit;\n  const value = await load();\n  await store.set(key, value);\n  return value;\n}`,
      },
      {
        name: 'the miss path runs inside a single-flight helper imported from another module',
        files: {
          'single-flight.ts': `const running = new Map<string, Promise<unknown>>();\nexport function once<T>(key: string, load: () => Promise<T>): Promise<T> {\n  let p = running.get(key) as Promise<T> | undefined;\n  if (!p) {\n    p = load().finally(() => running.delete(key));\n    running.set(key, p);\n  }\n  return p;\n}`,
        },
        code: `import Redis from 'ioredis';\nimport { once } from './single-flight';\nconst redis = new Redis();\nexport async function get(key: string, load: () => Promise<string>) {\n  const cached = await redis.get(key);\n  if (cached) return cached;\n  return once(key, async () => {\n    const again = await redis.get(key);\n    if (again) return again;\n    const value = await load();\n    await redis.set(key, value, 'EX', 60);\n    return value;\n  });\n}`,
      },
      {
        name: 'hash fields: a different field is written than the one read',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function profile(id: string, load: () => Promise<string>) {\n  const cached = await redis.hget('profiles', id);\n  if (cached) return cached;\n  const value = await load();\n  await redis.hset('profiles', \`\${id}:v2\`, value);\n  return value;\n}`,
      },
      {
        name: 'a plain GET of the hash key is not a read of its fields',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function profile(id: string, load: () => Promise<string>) {\n  const cached = await redis.get('profiles');\n  if (cached) return cached;\n  const value = await load();\n  await redis.hset('profiles', id, value);\n  return value;\n}`,
      },
      {
        name: 'a Map created by the function itself lives for one call, whose reads and writes run in sequence',
        code: `export async function copy(uids: string[], build: (uid: string) => Promise<object>) {\n  const built = new Map<string, object>();\n  for (const uid of uids) {\n    if (!built.has(uid)) {\n      const value = await build(uid);\n      built.set(uid, value);\n    }\n  }\n  return built;\n}`,
      },
      {
        name: 'a Map created by a factory that each call makes afresh lives for that call',
        code: `export class OrderCalculator {
  constructor(private readonly rates: { get(zone: string, category: string): Promise<number> }) {}
  async applyTaxes(zone: string, lines: Array<{ category: string; price: number }>) {
    const rateOf = this.createRateGetter(zone);
    for (const line of lines) line.price *= 1 + (await rateOf(line.category));
  }
  private createRateGetter(zone: string) {
    const rateCache = new Map<string, number>();
    return async (category: string) => {
      const cached = rateCache.get(category);
      if (cached !== undefined) return cached;
      const rate = await this.rates.get(zone, category);
      rateCache.set(category, rate);
      return rate;
    };
  }
}`,
      },
      {
        name: 'goodput-ignore-next-line',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\n// goodput-ignore-next-line no-cache-stampede -- admin-only endpoint, a few calls a day\nexport async function stats(load: () => Promise<string>) {\n  const cached = await redis.get('stats');\n  if (cached) return cached;\n  const value = await load();\n  await redis.set('stats', value, 'EX', 60);\n  return value;\n}`,
      },
    ],
    invalid: [
      {
        name: 'a Map made by a factory that runs once at module level is shared by every request',
        code: `function makeUserGetter(db: { load(id: string): Promise<string> }) {
  const users = new Map<string, string>();
  return async (id: string) => {
    if (users.has(id)) return users.get(id)!;
    const user = await db.load(id);
    users.set(id, user);
    return user;
  };
}
declare const db: { load(id: string): Promise<string> };
export const getUser = makeUserGetter(db);
`,
        errors: [{ messageId: 'stampede', line: 3, column: 10 }],
        output: null,
      },
      {
        name: "a factory's getter kept on the instance is shared by every call through it",
        code: `export class Users {
  private getUser?: (id: string) => Promise<string>;
  init(db: { load(id: string): Promise<string> }) {
    this.getUser = this.makeGetter(db);
  }
  private makeGetter(db: { load(id: string): Promise<string> }) {
    const users = new Map<string, string>();
    return async (id: string) => {
      if (users.has(id)) return users.get(id)!;
      const user = await db.load(id);
      users.set(id, user);
      return user;
    };
  }
}
`,
        errors: [{ messageId: 'stampede', line: 8, column: 12 }],
        output: null,
      },
      {
        name: 'ioredis cache-aside with an early return',
        code: `import Redis from 'ioredis';
import { db } from './db';

const redis = new Redis();

export async function getUser(id: string) {
  const key = \`user:\${id}\`;
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached);
  const user = await db.user.findUnique({ where: { id } });
  await redis.set(key, JSON.stringify(user), 'EX', 300);
  return user;
}
`,
        errors: [{ messageId: 'stampede', line: 6, column: 1 }],
        output: `import Redis from 'ioredis';
import { db } from './db';

${HELPER}

${inFlightMap('getUser')}

const redis = new Redis();

export async function getUser(id: string) {
  const key = \`user:\${id}\`;
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached);
  return singleFlight(getUserInFlight, key, async () => {
    // Re-check: a caller that waited may find the value another caller wrote.
    const cached = await redis.get(key);
    if (cached) return JSON.parse(cached);
    const user = await db.user.findUnique({ where: { id } });
    await redis.set(key, JSON.stringify(user), 'EX', 300);
    return user;
  });
}
`,
      },
      {
        name: 'node-redis client injected by type, in a class method',
        code: `import type { RedisClientType } from 'redis';

export class Catalog {
  constructor(private readonly redis: RedisClientType, private readonly api: { price(sku: string): Promise<number> }) {}

  async price(sku: string): Promise<number> {
    const hit = await this.redis.get(\`price:\${sku}\`);
    if (hit !== null) {
      return Number(hit);
    }
    const price = await this.api.price(sku);
    await this.redis.set(\`price:\${sku}\`, String(price), { EX: 60 });
    return price;
  }
}
`,
        errors: [{ messageId: 'stampede', line: 6, column: 3 }],
        output: `import type { RedisClientType } from 'redis';

${HELPER}

${inFlightMap('price')}

export class Catalog {
  constructor(private readonly redis: RedisClientType, private readonly api: { price(sku: string): Promise<number> }) {}

  async price(sku: string): Promise<number> {
    const hit = await this.redis.get(\`price:\${sku}\`);
    if (hit !== null) {
      return Number(hit);
    }
    return singleFlight(priceInFlight, \`price:\${sku}\`, async () => {
      // Re-check: a caller that waited may find the value another caller wrote.
      const hit = await this.redis.get(\`price:\${sku}\`);
      if (hit !== null) {
        return Number(hit);
      }
      const price = await this.api.price(sku);
      await this.redis.set(\`price:\${sku}\`, String(price), { EX: 60 });
      return price;
    });
  }
}
`,
      },
      {
        name: 'a Map used as a cache (multi-line query kept verbatim)',
        code: `const users = new Map<string, { id: string }>();

export async function loadUser(id: string, db: { query(sql: string, id: string): Promise<{ id: string }> }) {
  if (users.has(id)) return users.get(id)!;
  const user = await db.query(\`SELECT id
  FROM users WHERE id = $1\`, id);
  users.set(id, user);
  return user;
}
`,
        errors: [{ messageId: 'stampede', line: 3, column: 1 }],
        output: `${HELPER}

${inFlightMap('loadUser')}

const users = new Map<string, { id: string }>();

export async function loadUser(id: string, db: { query(sql: string, id: string): Promise<{ id: string }> }) {
  if (users.has(id)) return users.get(id)!;
  return singleFlight(loadUserInFlight, id, async () => {
    // Re-check: a caller that waited may find the value another caller wrote.
    if (users.has(id)) return users.get(id)!;
    const user = await db.query(\`SELECT id
  FROM users WHERE id = $1\`, id);
    users.set(id, user);
    return user;
  });
}
`,
      },
      {
        name: 'a hand-written memoize helper (reported; a closure gets no module-level map, so no automatic fix)',
        code: `export function memoizeAsync<V>(load: (key: string) => Promise<V>) {
  const cache = new Map<string, V>();
  return async (key: string): Promise<V> => {
    const known = cache.get(key);
    if (known !== undefined) return known;
    const value = await load(key);
    cache.set(key, value);
    return value;
  };
}
`,
        errors: [{ messageId: 'stampede', line: 3, column: 10 }],
        output: null,
      },
      {
        name: 'CommonJS, setex and a fetch miss path; the helper in plain JavaScript',
        filename: 'main.js',
        code: `const Redis = require('ioredis');
const redis = new Redis();

async function rates(currency) {
  const cached = await redis.get('rates:' + currency);
  if (cached) return JSON.parse(cached);
  const response = await fetch('https://fx.example/rates/' + currency);
  const body = await response.json();
  await redis.setex('rates:' + currency, 600, JSON.stringify(body));
  return body;
}
module.exports = { rates };
`,
        errors: [{ messageId: 'stampede', line: 4, column: 1 }],
        output: `const Redis = require('ioredis');

${HELPER_JS}

// Loads of rates in flight, by cache key (single-flight).
const ratesInFlight = new Map();
const redis = new Redis();

async function rates(currency) {
  const cached = await redis.get('rates:' + currency);
  if (cached) return JSON.parse(cached);
  return singleFlight(ratesInFlight, 'rates:' + currency, async () => {
    // Re-check: a caller that waited may find the value another caller wrote.
    const cached = await redis.get('rates:' + currency);
    if (cached) return JSON.parse(cached);
    const response = await fetch('https://fx.example/rates/' + currency);
    const body = await response.json();
    await redis.setex('rates:' + currency, 600, JSON.stringify(body));
    return body;
  });
}
module.exports = { rates };
`,
      },
      {
        name: 'an existing single-flight helper of the file is reused, with its own signature',
        code: `import Redis from 'ioredis';

const redis = new Redis();
const pendingLoads = new Map<string, Promise<unknown>>();

function dedupe<T>(key: string, load: () => Promise<T>): Promise<T> {
  const running = pendingLoads.get(key);
  if (running) return running as Promise<T>;
  const started = load().finally(() => pendingLoads.delete(key));
  pendingLoads.set(key, started);
  return started;
}

export async function stock(sku: string, query: (sku: string) => Promise<number>) {
  const cached = await redis.get(sku);
  if (cached) return Number(cached);
  const count = await query(sku);
  await redis.set(sku, String(count), 'PX', 5000);
  return count;
}
`,
        errors: [{ messageId: 'stampede', line: 14, column: 1 }],
        output: `import Redis from 'ioredis';

const redis = new Redis();
const pendingLoads = new Map<string, Promise<unknown>>();

function dedupe<T>(key: string, load: () => Promise<T>): Promise<T> {
  const running = pendingLoads.get(key);
  if (running) return running as Promise<T>;
  const started = load().finally(() => pendingLoads.delete(key));
  pendingLoads.set(key, started);
  return started;
}

export async function stock(sku: string, query: (sku: string) => Promise<number>) {
  const cached = await redis.get(sku);
  if (cached) return Number(cached);
  return dedupe(sku, async () => {
    // Re-check: a caller that waited may find the value another caller wrote.
    const cached = await redis.get(sku);
    if (cached) return Number(cached);
    const count = await query(sku);
    await redis.set(sku, String(count), 'PX', 5000);
    return count;
  });
}
`,
      },
      {
        name: 'a helper imported from a workspace module is reused',
        files: {
          'single-flight.ts': `const running = new Map<string, Promise<unknown>>();\nexport function once<T>(key: string, load: () => Promise<T>): Promise<T> {\n  let p = running.get(key) as Promise<T> | undefined;\n  if (!p) {\n    p = load().finally(() => running.delete(key));\n    running.set(key, p);\n  }\n  return p;\n}`,
        },
        code: `import Keyv from 'keyv';
import { once } from './single-flight';

const keyv = new Keyv();

export async function profile(id: string, load: (id: string) => Promise<object>) {
  const cached = await keyv.get(id);
  if (cached) return cached;
  const value = await load(id);
  await keyv.set(id, value, 60_000);
  return value;
}
`,
        errors: [{ messageId: 'stampede', line: 6, column: 1 }],
        output: `import Keyv from 'keyv';
import { once } from './single-flight';

const keyv = new Keyv();

export async function profile(id: string, load: (id: string) => Promise<object>) {
  const cached = await keyv.get(id);
  if (cached) return cached;
  return once(id, async () => {
    // Re-check: a caller that waited may find the value another caller wrote.
    const cached = await keyv.get(id);
    if (cached) return cached;
    const value = await load(id);
    await keyv.set(id, value, 60_000);
    return value;
  });
}
`,
      },
      {
        name: 'the miss branch assigns the read variable (reported, no automatic fix)',
        code: `import Keyv from 'keyv';

const keyv = new Keyv({ ttl: 60_000 });

export async function profile(id: string, load: (id: string) => Promise<object>) {
  let value = await keyv.get(id);
  if (!value) {
    value = await load(id);
    await keyv.set(id, value);
  }
  return value;
}
`,
        errors: [{ messageId: 'stampede', line: 5, column: 1 }],
        output: null,
      },
      {
        name: 'cache-manager injected with @Inject(CACHE_MANAGER)',
        code: `import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';

@Injectable()
export class ReportService {
  constructor(@Inject(CACHE_MANAGER) private cache: any, private readonly repo: { build(id: string): Promise<string> }) {}

  async report(id: string) {
    const cached = await this.cache.get(\`report:\${id}\`);
    if (cached) return cached;
    const report = await this.repo.build(id);
    await this.cache.set(\`report:\${id}\`, report, 30_000);
    return report;
  }
}
`,
        errors: [{ messageId: 'stampede', line: 8, column: 3 }],
        output: `import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';

${HELPER}

${inFlightMap('report')}

@Injectable()
export class ReportService {
  constructor(@Inject(CACHE_MANAGER) private cache: any, private readonly repo: { build(id: string): Promise<string> }) {}

  async report(id: string) {
    const cached = await this.cache.get(\`report:\${id}\`);
    if (cached) return cached;
    return singleFlight(reportInFlight, \`report:\${id}\`, async () => {
      // Re-check: a caller that waited may find the value another caller wrote.
      const cached = await this.cache.get(\`report:\${id}\`);
      if (cached) return cached;
      const report = await this.repo.build(id);
      await this.cache.set(\`report:\${id}\`, report, 30_000);
      return report;
    });
  }
}
`,
      },
      {
        name: 'node-cache and lru-cache get/set; the second fix reuses the helper the first inserted',
        code: `import NodeCache from 'node-cache';
import { LRUCache } from 'lru-cache';

const sessions = new NodeCache({ stdTTL: 120 });
const pages = new LRUCache<string, string>({ max: 100, ttl: 60_000 });

export async function session(id: string, store: { read(id: string): Promise<object> }) {
  const hit = sessions.get(id);
  if (hit) return hit;
  const value = await store.read(id);
  sessions.set(id, value);
  return value;
}

export const page = async (path: string, render: (p: string) => Promise<string>) => {
  const cached = pages.get(path);
  if (cached) return cached;
  const html = await render(path);
  pages.set(path, html);
  return html;
};
`,
        errors: [
          { messageId: 'stampede', line: 7, column: 1 },
          { messageId: 'stampede', line: 15, column: 21 },
        ],
        output: `import NodeCache from 'node-cache';
import { LRUCache } from 'lru-cache';

${inFlightMap('page')}

${HELPER}

${inFlightMap('session')}

const sessions = new NodeCache({ stdTTL: 120 });
const pages = new LRUCache<string, string>({ max: 100, ttl: 60_000 });

export async function session(id: string, store: { read(id: string): Promise<object> }) {
  const hit = sessions.get(id);
  if (hit) return hit;
  return singleFlight(sessionInFlight, id, async () => {
    // Re-check: a caller that waited may find the value another caller wrote.
    const hit = sessions.get(id);
    if (hit) return hit;
    const value = await store.read(id);
    sessions.set(id, value);
    return value;
  });
}

export const page = async (path: string, render: (p: string) => Promise<string>) => {
  const cached = pages.get(path);
  if (cached) return cached;
  return singleFlight(pageInFlight, path, async () => {
    // Re-check: a caller that waited may find the value another caller wrote.
    const cached = pages.get(path);
    if (cached) return cached;
    const html = await render(path);
    pages.set(path, html);
    return html;
  });
};
`,
      },
      {
        name: 'a blocking lock without a re-check',
        code: `import Redis from 'ioredis';
import { Mutex } from 'async-mutex';

const redis = new Redis();
const mutex = new Mutex();

export async function config(name: string, load: (n: string) => Promise<string>) {
  const cached = await redis.get(name);
  if (cached) return cached;
  const release = await mutex.acquire();
  try {
    const value = await load(name);
    await redis.set(name, value, 'EX', 30);
    return value;
  } finally {
    release();
  }
}
`,
        errors: [{ messageId: 'lockWithoutRecheck', line: 7, column: 1 }],
        output: null,
      },
      {
        name: 'ioredis hash field (HGET/HSET): the in-flight map is keyed by hash and field',
        code: `import Redis from 'ioredis';

const redis = new Redis();

export async function profile(id: string, api: { profile(id: string): Promise<object> }) {
  const cached = await redis.hget('profiles', id);
  if (cached) return JSON.parse(cached);
  const fresh = await api.profile(id);
  await redis.hset('profiles', id, JSON.stringify(fresh));
  return fresh;
}
`,
        errors: [{ messageId: 'stampede', line: 5, column: 1 }],
        output: `import Redis from 'ioredis';

${HELPER}

${inFlightMap('profile')}

const redis = new Redis();

export async function profile(id: string, api: { profile(id: string): Promise<object> }) {
  const cached = await redis.hget('profiles', id);
  if (cached) return JSON.parse(cached);
  return singleFlight(profileInFlight, JSON.stringify(['profiles', id]), async () => {
    // Re-check: a caller that waited may find the value another caller wrote.
    const cached = await redis.hget('profiles', id);
    if (cached) return JSON.parse(cached);
    const fresh = await api.profile(id);
    await redis.hset('profiles', id, JSON.stringify(fresh));
    return fresh;
  });
}
`,
      },
      {
        name: 'node-redis hGet/hSet in a class method',
        code: `import type { RedisClientType } from 'redis';

export class Prices {
  constructor(private readonly redis: RedisClientType, private readonly api: { price(sku: string): Promise<number> }) {}

  async price(region: string, sku: string) {
    const hit = await this.redis.hGet(\`prices:\${region}\`, sku);
    if (hit !== undefined && hit !== null) return Number(hit);
    const price = await this.api.price(sku);
    await this.redis.hSet(\`prices:\${region}\`, sku, String(price));
    return price;
  }
}
`,
        errors: [{ messageId: 'stampede', line: 6, column: 3 }],
        output: `import type { RedisClientType } from 'redis';

${HELPER}

${inFlightMap('price')}

export class Prices {
  constructor(private readonly redis: RedisClientType, private readonly api: { price(sku: string): Promise<number> }) {}

  async price(region: string, sku: string) {
    const hit = await this.redis.hGet(\`prices:\${region}\`, sku);
    if (hit !== undefined && hit !== null) return Number(hit);
    return singleFlight(priceInFlight, JSON.stringify([\`prices:\${region}\`, sku]), async () => {
      // Re-check: a caller that waited may find the value another caller wrote.
      const hit = await this.redis.hGet(\`prices:\${region}\`, sku);
      if (hit !== undefined && hit !== null) return Number(hit);
      const price = await this.api.price(sku);
      await this.redis.hSet(\`prices:\${region}\`, sku, String(price));
      return price;
    });
  }
}
`,
      },
      {
        name: 'NestJS CacheInterceptor on a route',
        code: `import { Controller, Get, UseInterceptors } from '@nestjs/common';
import { CacheInterceptor, CacheKey, CacheTTL } from '@nestjs/cache-manager';

@Controller('products')
export class ProductsController {
  @Get()
  @UseInterceptors(CacheInterceptor)
  @CacheKey('all-products')
  @CacheTTL(300_000)
  list() {
    return [];
  }
}
`,
        errors: [{ messageId: 'nestInterceptor', line: 7, column: 20 }],
        output: null,
      },
      {
        name: 'NestJS CacheInterceptor as a global interceptor',
        code: `import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CacheInterceptor, CacheModule } from '@nestjs/cache-manager';

@Module({
  imports: [CacheModule.register()],
  providers: [{ provide: APP_INTERCEPTOR, useClass: CacheInterceptor }],
})
export class AppModule {}
`,
        errors: [{ messageId: 'nestInterceptor', line: 7, column: 53 }],
        output: null,
      },
    ],
  });
});

const XFETCH_HEADER = `// XFetch early refresh: β > 1 refreshes earlier, β < 1 later; 1 is the optimum of Vattani et al.
// (docs/rules/no-cache-stampede.md).
const XFETCH_BETA = 1;

// The entry's value, or \`miss\` when it is absent or this caller is picked to refresh it early (XFetch).
const xfetchCached = <T, M>(entry: { value: T; deltaMs: number; expiresAt: number } | null | undefined, miss: M): T | M =>
  typeof entry === 'object' && entry !== null && Date.now() - entry.deltaMs * XFETCH_BETA * Math.log(Math.random()) < entry.expiresAt
    ? entry.value
    : miss;

// What the cache stores for XFetch: the value, how long computing it took, and when it expires.
const xfetchEntry = <T,>(value: T, startedMs: number, ttlMs: number) => ({
  value,
  deltaMs: Date.now() - startedMs,
  expiresAt: Date.now() + ttlMs,
});`;
const XFETCH_PARSE = `// A stored XFetch entry (Redis holds strings), or null.
const xfetchParse = (raw: string | null): { value: string; deltaMs: number; expiresAt: number } | null => {
  try {
    const entry = raw === null ? null : JSON.parse(raw);
    // Redis hands back what it stored as a string: so does the entry's value.
    return typeof entry === 'object' && entry !== null ? { ...entry, value: String(entry.value) } : null;
  } catch {
    return null; // a value stored before the switch to XFetch entries: recomputed once
  }
};`;

/** The file after applying the finding's XFetch suggestion (the rule tester has already checked it parses and clears the finding). */
function xfetchSuggestion(code: string, filename?: string): string | undefined {
  const { findings } = analyzeCase('no-cache-stampede', { code, filename });
  assert.equal(findings.length, 1);
  const fix = findings[0]!.fixes.find((candidate) => candidate.title.includes('XFetch'));
  if (!fix) return undefined;
  assert.equal(fix.kind, 'suggestion', 'XFetch changes the stored shape: fix-all must not apply it');
  assert.match(fix.title, /changes the stored value's shape: update every reader of this key/);
  return applyEdits(code, fix.edits);
}

describe('no-cache-stampede: XFetch early-refresh suggestion', () => {
  test('ioredis with a named TTL in seconds: entry stored as JSON, TTL reused in ms', () => {
    const code = `import Redis from 'ioredis';

const redis = new Redis();
const TTL_S = 300;

export async function getUser(id: string, db: { find(id: string): Promise<object> }) {
  const key = \`user:\${id}\`;
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached);
  const user = await db.find(id);
  await redis.set(key, JSON.stringify(user), 'EX', TTL_S);
  return user;
}
`;
    assert.equal(
      xfetchSuggestion(code),
      `import Redis from 'ioredis';

${XFETCH_HEADER}

${XFETCH_PARSE}

const redis = new Redis();
const TTL_S = 300;

export async function getUser(id: string, db: { find(id: string): Promise<object> }) {
  const key = \`user:\${id}\`;
  const cached = xfetchCached(xfetchParse(await redis.get(key)), null);
  if (cached) return JSON.parse(cached);
  const xfetchStartedMs = Date.now(); // Δ: how long recomputing takes
  const user = await db.find(id);
  await redis.set(key, JSON.stringify(xfetchEntry(JSON.stringify(user), xfetchStartedMs, TTL_S * 1000)), 'EX', TTL_S);
  return user;
}
`,
    );
  });

  test('lru-cache with the default TTL of its constructor: the entry is stored as an object', () => {
    const code = `import { LRUCache } from 'lru-cache';

const pages = new LRUCache<string, object>({ max: 100, ttl: 60_000 });

export async function page(path: string, render: (p: string) => Promise<string>) {
  const cached = pages.get(path);
  if (cached) return cached;
  const html = await render(path);
  pages.set(path, { html });
  return { html };
}
`;
    const fixed = xfetchSuggestion(code)!;
    assert.ok(fixed.includes(`${XFETCH_HEADER}\n\nconst pages`), fixed);
    assert.ok(!fixed.includes('xfetchParse'), fixed);
    assert.ok(fixed.includes('const cached = xfetchCached(pages.get(path), undefined);'), fixed);
    assert.ok(fixed.includes('pages.set(path, xfetchEntry({ html }, xfetchStartedMs, 60_000));'), fixed);
  });

  test('plain JavaScript gets the helpers without types', () => {
    const code = `const Redis = require('ioredis');\nconst redis = new Redis();\nasync function rate(c, api) {\n  const hit = await redis.get(c);\n  if (hit !== null) return Number(hit);\n  const value = await api.rate(c);\n  await redis.setex(c, 30, value);\n  return value;\n}\nmodule.exports = { rate };\n`;
    const fixed = xfetchSuggestion(code, 'main.js')!;
    assert.ok(fixed.includes('const xfetchCached = (entry, miss) =>'), fixed);
    assert.ok(fixed.includes('const xfetchParse = (raw) => {'), fixed);
    assert.ok(
      fixed.includes('await redis.setex(c, 30, JSON.stringify(xfetchEntry(value, xfetchStartedMs, 30_000)));'),
      fixed,
    );
  });

  test('not offered where the value never expires (a Map) or the TTL is decided at run time', () => {
    const map = `const rates = new Map<string, number>();\nexport async function rate(c: string, api: { rate(c: string): Promise<number> }) {\n  const hit = rates.get(c);\n  if (hit !== undefined) return hit;\n  const value = await api.rate(c);\n  rates.set(c, value);\n  return value;\n}\n`;
    assert.equal(xfetchSuggestion(map), undefined);
    const dynamic = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function get(k: string, ttl: number, load: () => Promise<string>) {\n  const hit = await redis.get(k);\n  if (hit) return hit;\n  const value = await load();\n  await redis.set(k, value, 'EX', ttl);\n  return value;\n}\n`;
    assert.equal(xfetchSuggestion(dynamic), undefined);
  });
});

describe('no-cache-stampede: a Map entry that keeps its own expiry time', () => {
  const code = (check: string) =>
    `const tools = new Map<string, { value: object; expiresAt: number }>();\nexport async function toolsFor(user: string, load: (u: string) => Promise<object>) {\n  const cached = tools.get(user);\n  const now = Date.now();\n  if (${check}) return cached.value;\n  const value = await load(user);\n  tools.set(user, { value, expiresAt: now + 300_000 });\n  return value;\n}\n`;
  const reported = (check: string) => {
    const [finding] = analyzeCase('no-cache-stampede', { code: code(check) }).findings;
    assert.ok(finding, check);
    return { summary: finding.policy!.summary, params: finding.simulation!.params };
  };

  test('expires when the code says: the TTL is decided at run time, not "never"', () => {
    const expiring = reported('cached && cached.expiresAt > now');
    assert.match(expiring.summary, /TTL decided at run time/);
    assert.equal(expiring.params.coldStart, undefined);
    const forever = reported('cached');
    assert.match(forever.summary, /no TTL \(never expires/);
    assert.equal(forever.params.coldStart, true);
  });

  test("or its age: the clock minus the entry's time, compared with a TTL", () => {
    assert.match(reported('cached && Date.now() - cached.expiresAt < 3_600_000').summary, /TTL decided at run time/);
    assert.match(reported('cached && (cached.expiresAt - now) > -60_000').summary, /TTL decided at run time/);
    assert.match(reported('cached && now - 5 < 3_600_000').summary, /no TTL \(never expires/);
  });
});
