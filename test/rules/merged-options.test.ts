import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';
import { HTTP_TIMEOUT_CONSTANT } from '../helpers/timeout-fixtures';

// Options merged by a call instead of written as one literal: `Object.assign({}, base, { … })`,
// and what compilers make of `{ ...base, … }` (Babel's _objectSpread, TypeScript's __assign, SWC's
// _object_spread, esbuild's __spreadValues). They are read like the literal they stand for, the
// last part winning; a fix adds to the last literal part, where what it adds wins.

const HTTP = HTTP_TIMEOUT_CONSTANT;
const SOCKETS = `// Most sockets per origin this http.Agent opens. Size it from what the dependency serves at once divided
// by the number of instances; excess requests wait instead (see docs/rules/no-unbounded-pool.md).
const MAX_SOCKETS_PER_ORIGIN = 50;`;
const QUEUE = `// Most callers waiting for a connection; the rest fail at once (answer 503 at the edge). A few
// times the pool size is plenty: beyond that, waiters time out anyway (see docs/rules/no-unbounded-queue.md).
const MYSQL_QUEUE_LIMIT = 100;`;

describe('require-timeout: options merged by a call', () => {
  runRuleTests('require-timeout', {
    valid: [
      {
        name: 'a timeout in a merged constant; options merged from a parameter or a spread list stay unknown',
        filename: 'ok.js',
        code: `"use strict";\nvar _gotCjs = _interopRequireDefault(require("got-cjs"));\nconst defaults = { timeout: { request: 5000 } };\nexports.a = (url) => (0, _gotCjs["default"])(url, _objectSpread(_objectSpread({}, defaults), {}, { responseType: 'json' }));\nexports.b = (url, options) => (0, _gotCjs["default"])(url, _objectSpread({}, options));\nexports.c = (url, list) => (0, _gotCjs["default"])(url, Object.assign({}, ...list));\n`,
      },
      {
        name: "timeouts read through nested merges (Object.assign of Object.assign, esbuild's __spreadProps/__spreadValues); a caller's init merged last may override",
        filename: 'main.ts',
        code: `import axios from 'axios';\nimport got from 'got';\nconst base = Object.assign({}, { timeout: 2000 });\nexport const api = axios.create(Object.assign({}, base, { baseURL: 'https://api' }));\nexport const load = (url: string) => got(url, __spreadProps(__spreadValues({}, { timeout: { request: 3000 } }), { responseType: 'json' }));\nexport const later = (url: string, init: RequestInit) => fetch(url, Object.assign({ signal: AbortSignal.timeout(1000) }, init));\n`,
      },
      {
        name: 'a local `Object` is not the global: its assign is not a merge',
        filename: 'main.ts',
        code: `import got from 'got';\nconst Object = { assign: (...parts: object[]) => parts[parts.length - 1] };\nexport const load = (url: string) => got(url, Object.assign({}, { json: true }));\n`,
      },
    ],
    invalid: [
      {
        name: "Babel's _objectSpread of a constant and a literal: got-cjs without a timeout; the fix adds it to the last literal",
        filename: 'notify.js',
        code: `"use strict";\nvar _gotCjs = _interopRequireDefault(require("got-cjs"));\nfunction _interopRequireDefault(e) { return e && e.__esModule ? e : { "default": e }; }\nexports.notify = async (url, body) => {\n  var requestOptions = { method: 'POST', body };\n  return (0, _gotCjs["default"])(url, _objectSpread(_objectSpread({}, requestOptions), {}, { responseType: 'json' }));\n};\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 6 }],
        output: `"use strict";\n\n${HTTP}\nvar _gotCjs = _interopRequireDefault(require("got-cjs"));\nfunction _interopRequireDefault(e) { return e && e.__esModule ? e : { "default": e }; }\nexports.notify = async (url, body) => {\n  var requestOptions = { method: 'POST', body };\n  return (0, _gotCjs["default"])(url, _objectSpread(_objectSpread({}, requestOptions), {}, { responseType: 'json', timeout: { request: HTTP_TIMEOUT_MS } }));\n};\n`,
      },
      {
        name: "TypeScript's tslib.__assign: got without a timeout",
        filename: 'load.js',
        code: `"use strict";\nconst tslib_1 = require("tslib");\nconst got_1 = tslib_1.__importDefault(require("got"));\nconst defaults = { headers: { accept: 'application/json' } };\nexports.load = (url) => (0, got_1.default)(url, tslib_1.__assign(tslib_1.__assign({}, defaults), { responseType: 'json' }));\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 5 }],
        output: `"use strict";\nconst tslib_1 = require("tslib");\n\n${HTTP}\nconst got_1 = tslib_1.__importDefault(require("got"));\nconst defaults = { headers: { accept: 'application/json' } };\nexports.load = (url) => (0, got_1.default)(url, tslib_1.__assign(tslib_1.__assign({}, defaults), { responseType: 'json', timeout: { request: HTTP_TIMEOUT_MS } }));\n`,
      },
      {
        name: "SWC's _object_spread_props(_object_spread(…)): axios without a timeout",
        filename: 'load.js',
        code: `"use strict";\nconst _axios = _interop_require_default(require("axios"));\nconst base = { headers: { accept: 'application/json' } };\nexports.load = (url) => _axios.default.get(url, _object_spread_props(_object_spread({}, base), { responseType: 'json' }));\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 4 }],
        output: `"use strict";\n\n${HTTP}\nconst _axios = _interop_require_default(require("axios"));\nconst base = { headers: { accept: 'application/json' } };\nexports.load = (url) => _axios.default.get(url, _object_spread_props(_object_spread({}, base), { responseType: 'json', timeout: HTTP_TIMEOUT_MS }));\n`,
      },
      {
        name: 'Object.assign({}, base, { url }) as an axios request config',
        filename: 'main.ts',
        code: `import axios from 'axios';\nconst base = { headers: { accept: 'application/json' } };\nexport const load = (url: string) => axios(Object.assign({}, base, { url }));\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 3 }],
        output: `import axios from 'axios';\n\n${HTTP}\nconst base = { headers: { accept: 'application/json' } };\nexport const load = (url: string) => axios(Object.assign({}, base, { url, timeout: HTTP_TIMEOUT_MS }));\n`,
      },
      {
        name: "Object.assign as fetch's init: with a literal last (the signal goes there), and without one (spread into a new literal)",
        filename: 'main.ts',
        code: `const init = { headers: { accept: 'application/json' } };\nexport const load = (url: string) => fetch(url, Object.assign({}, init, { method: 'POST' }));\nconst defaults = { method: 'POST' };\nexport const post = (url: string) => fetch(url, Object.assign({}, defaults));\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2 }, { messageId: 'fetchNoTimeout', line: 4 }],
        output: `${HTTP}\n\nconst init = { headers: { accept: 'application/json' } };\nexport const load = (url: string) => fetch(url, Object.assign({}, init, { method: 'POST', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }));\nconst defaults = { method: 'POST' };\nexport const post = (url: string) => fetch(url, { ...Object.assign({}, defaults), signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
    ],
  });
});

describe('no-unbounded-pool: options merged by a call', () => {
  runRuleTests('no-unbounded-pool', {
    valid: [
      {
        name: 'pool bounds read through a merge',
        filename: 'main.ts',
        code: `import http from 'node:http';\nimport { Pool } from 'pg';\nconst base = { keepAlive: true, maxSockets: 50 };\nexport const agent = new http.Agent(Object.assign({}, base, { keepAliveMsecs: 1000 }));\nconst db = { host: 'db', max: 20 };\nexport const pool = new Pool(Object.assign({}, db, { application_name: 'api' }));\n`,
      },
    ],
    invalid: [
      {
        name: 'http.Agent options merged by Object.assign, no maxSockets in any part',
        filename: 'main.ts',
        code: `import http from 'node:http';\nconst base = { keepAlive: true };\nexport const agent = new http.Agent(Object.assign({}, base, { keepAliveMsecs: 1000 }));\n`,
        errors: [{ messageId: 'agentUnbounded', line: 3 }],
        output: `import http from 'node:http';\n\n${SOCKETS}\nconst base = { keepAlive: true };\nexport const agent = new http.Agent(Object.assign({}, base, { keepAliveMsecs: 1000, maxSockets: MAX_SOCKETS_PER_ORIGIN }));\n`,
      },
      {
        name: "an agent made per request, its options merged into the request's by Object.assign",
        filename: 'a.js',
        code: `const https = require('https');\nconst fetch = require('node-fetch');\nexports.audit = async (req, res) => {\n  const options = { agent: new https.Agent({ keepAlive: true }), method: 'POST' };\n  const response = await fetch('https://registry.example/audit', Object.assign({}, options, { signal: AbortSignal.timeout(60_000) }));\n  res.send(await response.json());\n};\n`,
        errors: [{ messageId: 'agentPerCall', line: 4 }],
        output: null,
      },
    ],
  });
});

describe('no-unbounded-queue: options merged by a call', () => {
  runRuleTests('no-unbounded-queue', {
    valid: [
      {
        name: 'queueLimit in the merged constant',
        code: `import mysql from 'mysql2/promise';\nconst connection = { host: 'db', connectionLimit: 10, queueLimit: 50 };\nexport const pool = mysql.createPool(Object.assign({}, connection, { database: 'app' }));\n`,
      },
    ],
    invalid: [
      {
        name: 'mysql2 pool options merged by Object.assign: connectionLimit read through the merge, no queueLimit',
        filename: 'main.ts',
        code: `import mysql from 'mysql2/promise';\nconst connection = { host: 'db', connectionLimit: 10 };\nexport const pool = mysql.createPool(Object.assign({}, connection, { database: 'app' }));\n`,
        errors: [{ messageId: 'mysql2QueueUnbounded', line: 3 }],
        output: `import mysql from 'mysql2/promise';\n\n${QUEUE}\nconst connection = { host: 'db', connectionLimit: 10 };\nexport const pool = mysql.createPool(Object.assign({}, connection, { database: 'app', queueLimit: MYSQL_QUEUE_LIMIT }));\n`,
      },
    ],
  });
});

test('the hover states the timeout found in a merged part', () => {
  const code = `import got from 'got';\nconst defaults = { timeout: { request: 3000 } };\nexport const load = (url: string) => got(url, Object.assign({}, defaults, { responseType: 'json' }));\n`;
  const summaries = analyzeCase('require-timeout', { code }).result.policies.map((note) => note.policy.summary);
  assert.deepEqual(summaries, ['got: timeout.request 3 s, set on the call']);
});
