import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

describe('require-ttl-jitter', () => {
  runRuleTests('require-ttl-jitter', {
    valid: [
      {
        name: 'a miss refilled synchronously, in a function that awaits nothing: no dependency behind it (Verdaccio\'s rendered page)',
        code: `import { LRUCache } from 'lru-cache';
const pages = new LRUCache<string, string>({ max: 500, ttl: 60 * 60 * 1000 });
const render = (base: string) => \`<html><base href="\${base}"></html>\`;
export function renderPage(base: string): string {
  const key = \`page:\${base}\`;
  let page = pages.get(key);
  if (!page) {
    page = render(base);
    pages.set(key, page);
  }
  return page;
}`,
      },
      {
        name: 'a throttle flag written before the work: its TTL is a window that should stay exact',
        code: `import { LRUCache } from 'lru-cache';\nconst throttle = new LRUCache<string, boolean>({ max: 10_000, ttl: 500 });\nexport async function renew(token: string, extend: (t: string) => Promise<void>) {\n  if (throttle.get(token)) return;\n  throttle.set(token, true);\n  await extend(token);\n}`,
      },
      {
        name: 'a random spread inline',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const put = (id: string, v: string) => redis.set(\`u:\${id}\`, v, 'EX', 300 + Math.floor(Math.random() * 60));`,
      },
      {
        name: 'a helper that returns a jittered TTL',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nconst TTL_SECONDS = 600;\nfunction ttlSeconds() {\n  return TTL_SECONDS + Math.floor(Math.random() * 120);\n}\nexport const put = (id: string, v: string) => redis.set(\`u:\${id}\`, v, 'EX', ttlSeconds());`,
      },
      {
        name: 'a jittered TTL in a constant',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function put(id: string, v: string) {\n  const ttl = 300 + Math.floor(Math.random() * 30);\n  await redis.setex(\`u:\${id}\`, ttl, v);\n}`,
      },
      {
        name: 'one fixed key',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const put = (v: string) => redis.set('config', v, 'EX', 60);`,
      },
      {
        name: 'one fixed key in a constant template',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nconst PREFIX = 'app';\nconst KEY = \`\${PREFIX}:stats\`;\nexport const put = (v: string) => redis.set(KEY, v, 'EX', 60);`,
      },
      {
        name: 'no expiry at all',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const put = (id: string, v: string) => redis.set(\`u:\${id}\`, v);`,
      },
      {
        name: 'TTL chosen by the caller',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const put = (id: string, v: string, ttl: number) => redis.set(\`u:\${id}\`, v, 'EX', ttl);`,
      },
      {
        name: 'a lock key (SET NX) keeps its exact TTL',
        code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const lock = (id: string) => redis.set(\`lock:\${id}\`, '1', 'PX', 5000, 'NX');`,
      },
      {
        name: 'lru-cache without a TTL',
        code: `import { LRUCache } from 'lru-cache';\nconst c = new LRUCache<string, string>({ max: 10 });\nexport const put = (k: string, v: string) => c.set(k, v);`,
      },
      {
        name: 'node-cache with stdTTL 0 (no expiry)',
        code: `import NodeCache from 'node-cache';\nconst c = new NodeCache({ stdTTL: 0 });\nexport const put = (k: string, v: string) => c.set(k, v);`,
      },
      {
        name: 'a Map has no TTL',
        code: `import Redis from 'ioredis';\nconst m = new Map<string, string>();\nexport const put = (k: string, v: string) => m.set(k, v);\nexport const r = new Redis();`,
      },
      {
        name: 'not a cache client',
        code: `import Redis from 'ioredis';\nconst store = { set: (k: string, v: string, mode: string, ttl: number) => [k, v, mode, ttl] };\nexport const put = (k: string, v: string) => store.set(k, v, 'EX', 60);\nexport const r = new Redis();`,
      },
    ],
    invalid: [
      {
        name: 'the same refill in a callback, or a write with no read before it: the value may come from a dependency',
        code: `import { LRUCache } from 'lru-cache';
const pages = new LRUCache<string, string>({ max: 500, ttl: 60_000 });
export function renderPage(key: string, load: (k: string) => Promise<string>): Promise<string> {
  const page = pages.get(key);
  if (page) return Promise.resolve(page);
  return load(key).then((loaded) => {
    if (!pages.get(key)) pages.set(key, loaded);
    return loaded;
  });
}
export function remember(key: string, page: string): void {
  pages.set(key, page);
}`,
        errors: [{ messageId: 'helperConstantTtl', line: 7 }, { messageId: 'helperConstantTtl', line: 12 }],
        output: `import { LRUCache } from 'lru-cache';

// The default TTL of \`pages\`, passed per write so that each write can add jitter.
const PAGES_TTL_MS = 60_000;

// Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,
// together (docs/rules/require-ttl-jitter.md).
const TTL_JITTER_RATIO = 0.1;
const pages = new LRUCache<string, string>({ max: 500, ttl: 60_000 });
export function renderPage(key: string, load: (k: string) => Promise<string>): Promise<string> {
  const page = pages.get(key);
  if (page) return Promise.resolve(page);
  return load(key).then((loaded) => {
    if (!pages.get(key)) pages.set(key, loaded, { ttl: PAGES_TTL_MS + Math.floor(Math.random() * PAGES_TTL_MS * TTL_JITTER_RATIO) });
    return loaded;
  });
}
export function remember(key: string, page: string): void {
  pages.set(key, page, { ttl: PAGES_TTL_MS + Math.floor(Math.random() * PAGES_TTL_MS * TTL_JITTER_RATIO) });
}`,
      },
      {
        name: 'a flag written after an awaited check is a cached result',
        code: "import Redis from 'ioredis';\n\nconst redis = new Redis();\n\nexport async function remember(id: string, exists: (id: string) => Promise<boolean>) {\n  if (await exists(id)) await redis.set(`exists:${id}`, 1, 'EX', 60);\n}\n",
        errors: [{ messageId: 'helperConstantTtl', line: 6, column: 31 }],
        output:
          "import Redis from 'ioredis';\n\n// Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,\n// together (docs/rules/require-ttl-jitter.md).\nconst TTL_JITTER_RATIO = 0.1;\n\nconst redis = new Redis();\n\nexport async function remember(id: string, exists: (id: string) => Promise<boolean>) {\n  if (await exists(id)) await redis.set(`exists:${id}`, 1, 'EX', 60 + Math.floor(Math.random() * 60 * TTL_JITTER_RATIO));\n}\n",
      },
      {
        name: 'ioredis EX with a named constant',
        code: "import Redis from 'ioredis';\n\nconst redis = new Redis();\nconst PRODUCT_TTL_SECONDS = 300;\n\nexport async function cacheProduct(sku: string, json: string) {\n  await redis.set(`product:${sku}`, json, 'EX', PRODUCT_TTL_SECONDS);\n}\n",
        errors: [{ messageId: 'helperConstantTtl', line: 7, column: 9 }],
        output:
          "import Redis from 'ioredis';\n\n// Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,\n// together (docs/rules/require-ttl-jitter.md).\nconst TTL_JITTER_RATIO = 0.1;\n\nconst redis = new Redis();\nconst PRODUCT_TTL_SECONDS = 300;\n\nexport async function cacheProduct(sku: string, json: string) {\n  await redis.set(`product:${sku}`, json, 'EX', PRODUCT_TTL_SECONDS + Math.floor(Math.random() * PRODUCT_TTL_SECONDS * TTL_JITTER_RATIO));\n}\n",
      },
      {
        name: 'a warm-up loop',
        code: "import Redis from 'ioredis';\n\nconst redis = new Redis();\n\nexport async function warm(products: Array<{ id: string }>) {\n  for (const product of products) {\n    await redis.set(`product:${product.id}`, JSON.stringify(product), 'EX', 5 * 60);\n  }\n}\n",
        errors: [{ messageId: 'loopConstantTtl', line: 7, column: 11 }],
        output:
          "import Redis from 'ioredis';\n\n// Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,\n// together (docs/rules/require-ttl-jitter.md).\nconst TTL_JITTER_RATIO = 0.1;\n\nconst redis = new Redis();\n\nexport async function warm(products: Array<{ id: string }>) {\n  for (const product of products) {\n    await redis.set(`product:${product.id}`, JSON.stringify(product), 'EX', (5 * 60) + Math.floor(Math.random() * (5 * 60) * TTL_JITTER_RATIO));\n  }\n}\n",
      },
      {
        name: 'node-redis { EX } and setEx',
        code: "import { createClient } from 'redis';\n\nconst client = createClient();\n\nexport async function save(id: string, body: string) {\n  await client.set('user:' + id, body, { EX: 60 });\n  await client.setEx('profile:' + id, 600, body);\n}\n",
        errors: [
          { messageId: 'helperConstantTtl', line: 6, column: 9 },
          { messageId: 'helperConstantTtl', line: 7, column: 9 },
        ],
        output:
          "import { createClient } from 'redis';\n\n// Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,\n// together (docs/rules/require-ttl-jitter.md).\nconst TTL_JITTER_RATIO = 0.1;\n\nconst client = createClient();\n\nexport async function save(id: string, body: string) {\n  await client.set('user:' + id, body, { EX: 60 + Math.floor(Math.random() * 60 * TTL_JITTER_RATIO) });\n  await client.setEx('profile:' + id, 600 + Math.floor(Math.random() * 600 * TTL_JITTER_RATIO), body);\n}\n",
      },
      {
        name: 'node-cache default stdTTL',
        code: "import NodeCache from 'node-cache';\n\nconst cache = new NodeCache({ stdTTL: 120 });\n\nexport function remember(id: string, value: object) {\n  cache.set(id, value);\n}\n",
        errors: [{ messageId: 'helperConstantTtl', line: 6, column: 3 }],
        output:
          "import NodeCache from 'node-cache';\n\n// The default TTL of `cache`, passed per write so that each write can add jitter.\nconst CACHE_TTL_SECONDS = 120;\n\n// Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,\n// together (docs/rules/require-ttl-jitter.md).\nconst TTL_JITTER_RATIO = 0.1;\n\nconst cache = new NodeCache({ stdTTL: 120 });\n\nexport function remember(id: string, value: object) {\n  cache.set(id, value, CACHE_TTL_SECONDS + Math.floor(Math.random() * CACHE_TTL_SECONDS * TTL_JITTER_RATIO));\n}\n",
      },
      {
        name: 'lru-cache default ttl, Promise.all over keys',
        code: "import { LRUCache } from 'lru-cache';\n\nconst pages = new LRUCache<string, string>({ max: 1000, ttl: 60_000 });\n\nexport async function prerender(paths: string[], render: (p: string) => Promise<string>) {\n  await Promise.all(paths.map(async (path) => pages.set(path, await render(path))));\n}\n",
        errors: [{ messageId: 'loopConstantTtl', line: 6, column: 47 }],
        output:
          "import { LRUCache } from 'lru-cache';\n\n// The default TTL of `pages`, passed per write so that each write can add jitter.\nconst PAGES_TTL_MS = 60_000;\n\n// Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,\n// together (docs/rules/require-ttl-jitter.md).\nconst TTL_JITTER_RATIO = 0.1;\n\nconst pages = new LRUCache<string, string>({ max: 1000, ttl: 60_000 });\n\nexport async function prerender(paths: string[], render: (p: string) => Promise<string>) {\n  await Promise.all(paths.map(async (path) => pages.set(path, await render(path), { ttl: PAGES_TTL_MS + Math.floor(Math.random() * PAGES_TTL_MS * TTL_JITTER_RATIO) })));\n}\n",
      },
      {
        name: 'keyv ttl argument',
        code: "import Keyv from 'keyv';\n\nconst keyv = new Keyv();\n\nexport const put = (id: string, value: object) => keyv.set(`order:${id}`, value, 30_000);\n",
        errors: [{ messageId: 'helperConstantTtl', line: 5, column: 51 }],
        output:
          "import Keyv from 'keyv';\n\n// Each write adds up to 10 % to its TTL, so keys written together do not expire, and miss,\n// together (docs/rules/require-ttl-jitter.md).\nconst TTL_JITTER_RATIO = 0.1;\n\nconst keyv = new Keyv();\n\nexport const put = (id: string, value: object) => keyv.set(`order:${id}`, value, 30_000 + Math.floor(Math.random() * 30_000 * TTL_JITTER_RATIO));\n",
      },
    ],
  });
});
