import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';
import { applyEdits } from '../../server/src/analysis/fixes/text-edits';
import { HTTP_TIMEOUT_CONSTANT } from '../helpers/timeout-fixtures';

// require-timeout beyond fetch and axios: one invalid and at least one clean look-alike per client.

const DOCS = '(see docs/rules/require-timeout.md).';
const HTTP = HTTP_TIMEOUT_CONSTANT;
const CONNECT = `// Upper bound for opening a connection. A healthy peer connects in milliseconds; this covers a
// slow handshake, not a dead host. Take the p99.9 of connect time, not a guess ${DOCS}
const CONNECT_TIMEOUT_MS = 3000;`;
const STATEMENT = `// Upper bound for one database statement. Derive it from the p99.9 of the slowest legitimate
// query and the caller's own deadline, not a guess ${DOCS}
const DB_STATEMENT_TIMEOUT_MS = 10_000;`;
const COMMAND = `// Upper bound for one Redis command. Commands take well under a millisecond; take the p99.9
// under load plus headroom, not a guess ${DOCS}
const REDIS_COMMAND_TIMEOUT_MS = 1000;`;
const DEADLINE = `// Deadline for one gRPC call. Derive it from the service's p99.9 latency and the caller's own
// deadline, not a guess ${DOCS}
const GRPC_DEADLINE_MS = 10_000;`;
const SOCKET = `// How long a database socket may stay silent. Longer than the slowest legitimate operation
// (its p99.9), shorter than the caller's deadline; not a guess ${DOCS}
const DB_SOCKET_TIMEOUT_MS = 10_000;`;

const GRPC_HEADER = `import * as grpc from '@grpc/grpc-js';\nimport * as loader from '@grpc/proto-loader';\n`;
const GRPC_CLIENT = `const proto = grpc.loadPackageDefinition(loader.loadSync('shop.proto')) as any;\nconst catalog = new proto.shop.Catalog('catalog:50051', grpc.credentials.createInsecure());\n`;

describe('require-timeout: other clients', () => {
  runRuleTests('require-timeout', {
    valid: [
      {
        name: 'undici.request with a timed signal',
        code: `import { request } from 'undici';\nrequest('https://x', { signal: AbortSignal.timeout(800) });`,
      },
      {
        name: 'undici.request with headersTimeout',
        code: `import { request } from 'undici';\nrequest('https://x', { headersTimeout: 2000, bodyTimeout: 2000 });`,
      },
      {
        name: 'undici.request through a dispatcher with headersTimeout',
        code: `import { request, Agent } from 'undici';\nconst agent = new Agent({ headersTimeout: 2000 });\nrequest('https://x', { dispatcher: agent });`,
      },
      {
        name: 'fetch through a custom dispatcher',
        code: `import { Agent } from 'undici';\nfetch('https://x', { dispatcher: new Agent({ headersTimeout: 5_000 }) });`,
      },
      {
        name: 'fetch under a global dispatcher set in another module',
        files: {
          'setup.ts': `import { setGlobalDispatcher, Agent } from 'undici';\nsetGlobalDispatcher(new Agent({ headersTimeout: 3000 }));`,
        },
        code: `export const ping = () => fetch('https://x');`,
      },
      {
        name: 'got with timeout.request',
        code: `import got from 'got';\ngot.get('https://x', { timeout: { request: 3000 } });`,
      },
      {
        name: 'got with a timed signal',
        code: `import got from 'got';\ngot('https://x', { signal: AbortSignal.timeout(100) });`,
      },
      {
        name: 'got instance with a timeout, in another module',
        files: {
          'client.ts': `import got from 'got';\nexport const api = got.extend({ prefixUrl: 'https://api', timeout: { request: 5000 } });`,
        },
        code: `import { api } from './client';\napi.get('users');\nexport const admin = api.extend({ headers: { role: 'admin' } });\nadmin.post('x');`,
      },
      {
        name: 'ky keeps its 10 s default',
        code: `import ky from 'ky';\nky.get('https://x');\nexport const api = ky.create({ prefixUrl: 'https://api' });`,
      },
      {
        name: 'superagent with .timeout',
        code: `import superagent from 'superagent';\nexport const f = () => superagent.get('https://x').set('a', 'b').timeout({ deadline: 1000 });`,
      },
      {
        name: 'superagent request kept for later',
        code: `import superagent from 'superagent';\nconst req = superagent.get('https://x');\nreq.timeout(500);`,
      },
      {
        name: 'node-fetch 2 timeout option',
        code: `import fetch from 'node-fetch';\nfetch('https://x', { timeout: 5000 });`,
      },
      {
        name: 'http.request with a timed signal',
        code: `import http from 'node:http';\nhttp.request('http://x', { signal: AbortSignal.timeout(1000) }).end();`,
      },
      {
        name: 'http.get with req.setTimeout',
        code: `import https from 'https';\nconst req = https.get('https://x');\nreq.setTimeout(1000, () => req.destroy());`,
      },
      {
        name: "follow-redirects' req.setTimeout destroys the idle socket: a timeout that ends the call",
        code: `import { http } from 'follow-redirects';\nconst req = http.get('http://x', (res) => res.resume());\nreq.setTimeout(5000);\n`,
      },
      {
        name: "a 'timeout' listener on a request through the global agent: Node ≥ 19's agent times the socket out after 5 s",
        code: `import http from 'node:http';\nconst req = http.request({ host: 'x' }, (res) => res.resume());\nreq.on('timeout', () => req.destroy());\nreq.end();\n`,
      },
      {
        name: 'http.request options from a parameter',
        code: `import http from 'http';\nexport const r = (options: http.RequestOptions) => http.request(options);`,
      },
      {
        name: 'http.request handed to the caller',
        code: `import http from 'http';\nexport const r = () => http.request('http://x');`,
      },
      {
        name: 'pg Pool with statement_timeout',
        code: `import { Pool } from 'pg';\nexport const db = new Pool({ max: 10, statement_timeout: 5_000 });`,
      },
      {
        name: 'pg Client with query_timeout',
        code: `import pg from 'pg';\nexport const c = new pg.Client({ query_timeout: 5000 });`,
      },
      {
        name: 'pg timeout in the connection string',
        code: `import { Pool } from 'pg';\nexport const db = new Pool({ connectionString: 'postgres://db/app?options=-c%20statement_timeout%3D5000' });`,
      },
      {
        name: 'pg config from a parameter',
        code: `import { Pool, type PoolConfig } from 'pg';\nexport const make = (config: PoolConfig) => new Pool(config);`,
      },
      {
        name: 'ioredis with commandTimeout',
        code: `import Redis from 'ioredis';\nexport const r = new Redis(process.env.REDIS_URL, { commandTimeout: 250 });`,
      },
      {
        name: 'ioredis Cluster with redisOptions.commandTimeout',
        code: `import { Cluster } from 'ioredis';\nexport const c = new Cluster([{ host: 'a' }], { redisOptions: { commandTimeout: 250 } });`,
      },
      {
        name: 'node-redis 6 has a 5 s default',
        files: { 'package.json': '{ "dependencies": { "redis": "^6.0.0" } }' },
        code: `import { createClient } from 'redis';\nexport const r = createClient({ url: 'redis://x' });`,
      },
      {
        name: 'node-redis with an unknown version',
        code: `import { createClient } from 'redis';\nexport const r = createClient();`,
      },
      {
        name: 'AWS client with a request handler timeout',
        code: `import { S3Client } from '@aws-sdk/client-s3';\nimport { NodeHttpHandler } from '@smithy/node-http-handler';\nexport const s3 = new S3Client({ requestHandler: new NodeHttpHandler({ requestTimeout: 3000, throwOnRequestTimeout: true }) });`,
      },
      {
        name: 'AWS client with a plain handler object',
        code: `import { SQSClient } from '@aws-sdk/client-sqs';\nexport const sqs = new SQSClient({ requestHandler: { socketTimeout: 5000 } });`,
      },
      {
        name: 'AWS client config from elsewhere',
        code: `import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';\nexport const make = (c: S3ClientConfig) => new S3Client(c);`,
      },
      {
        name: 'gRPC call with a deadline',
        code: `${GRPC_HEADER}${GRPC_CLIENT}catalog.getProduct({ sku: 'a' }, new grpc.Metadata(), { deadline: Date.now() + 500 }, () => {});`,
      },
      {
        name: 'gRPC options from the caller',
        code: `${GRPC_HEADER}${GRPC_CLIENT}export const get = (o: grpc.CallOptions) => catalog.getProduct({ sku: 'a' }, o, () => {});`,
      },
      {
        name: 'MongoClient with socketTimeoutMS',
        code: `import { MongoClient } from 'mongodb';\nexport const m = new MongoClient('mongodb://x', { socketTimeoutMS: 10_000 });`,
      },
      {
        name: 'mongoose with the timeout in the URI',
        code: `import mongoose from 'mongoose';\nmongoose.connect('mongodb://db/app?socketTimeoutMS=5000');`,
      },
      {
        name: 'amqplib connect timeout',
        code: `import amqp from 'amqplib';\nexport const c = amqp.connect('amqp://x', { timeout: 2000 });`,
      },
      {
        name: 'NestJS HttpModule imported as is, with axios.defaults.timeout set in the workspace',
        files: { 'setup.ts': `import axios from 'axios';\naxios.defaults.timeout = 5000;\n` },
        code: `import { Module } from '@nestjs/common';\nimport { HttpModule } from '@nestjs/axios';\n@Module({ imports: [HttpModule] })\nexport class StatusModule {}\n`,
      },
      {
        name: 'NestJS HttpModule with a timeout',
        code: `import { HttpModule } from '@nestjs/axios';\nexport const m = HttpModule.register({ timeout: 2000 });`,
      },
      { name: 'a local got that is not got', code: `const got = (u: string) => u;\ngot('https://x');` },
      {
        name: 'request with a timeout on the call, through defaults, or with options from the caller',
        filename: 'ok-request.js',
        code: `const request = require('request');\nconst api = request.defaults({ timeout: 3000 });\nexports.a = (url, done) => request({ url, timeout: 5000 }, done);\nexports.b = (done) => api.get('/x', done);\nexports.c = (url, options, done) => request.post(url, options, done);\nexports.d = (options, done) => { options.json = true; return request(options, (error, response) => done(error, response)); };\n`,
      },
      { name: 'a local request that is not the library', code: `const request = (u: string) => u;\nrequest('https://x');` },
      {
        name: 'got-cjs with timeout.request, its default export destructured',
        filename: 'ok.js',
        code: `const { default: got } = require('got-cjs');\nexports.ok = (url) => got(url, { timeout: { request: 2000 } });\n`,
      },
      {
        name: 'ldapjs with an operation timeout; web-push with a timeout',
        filename: 'ok.js',
        code: `const ldap = require('ldapjs');\nconst webpush = require('web-push');\nexports.c = (url) => ldap.createClient({ url, timeout: 5000 });\nexports.p = (sub, body) => webpush.sendNotification(sub, body, { timeout: 10_000 });\n`,
      },
      {
        name: 'http or https by protocol with a timed signal; a choice between different clients, or from an object with unknown entries, stays unknown',
        code: `import http from 'node:http';\nimport https from 'node:https';\nimport got from 'got';\nimport axios from 'axios';\nexport const send = (url: URL, secure: boolean) =>\n  (secure ? https : http).request(url, { signal: AbortSignal.timeout(5000) }).end();\nexport const pick = (url: string, fast: boolean) => (fast ? got : axios)(url);\nconst clients: Record<string, typeof http> = { 'http:': http, 'https:': https };\nexport const other = (url: URL, table: Record<string, typeof http>) => ({ ...clients, ...table })[url.protocol].get(url);\n`,
      },
      {
        name: 'compiled interop of a module that is no client',
        filename: 'other.js',
        code: `const util_1 = __importDefault(require("./util"));\nexports.f = (url) => (0, util_1.default)(url);\n`,
      },
    ],
    invalid: [
      {
        name: 'undici.request without a deadline',
        code: `import { request } from 'undici';\nexport const f = () => request('https://x');\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2, column: 24 }],
        output: `import { request } from 'undici';\n\n${HTTP}\nexport const f = () => request('https://x', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'got call and got.post without a timeout; a partial timeout object',
        code: `import got from 'got';\ngot('https://x');\ngot.post('https://x', { json: {} });\ngot('https://x', { timeout: { connect: 1000 } });\n`,
        errors: [
          { messageId: 'clientNoTimeout', line: 2 },
          { messageId: 'clientNoTimeout', line: 3 },
          { messageId: 'clientNoTimeout', line: 4 },
        ],
        output: `import got from 'got';\n\n${HTTP}\ngot('https://x', { timeout: { request: HTTP_TIMEOUT_MS } });\ngot.post('https://x', { json: {}, timeout: { request: HTTP_TIMEOUT_MS } });\ngot('https://x', { timeout: { connect: 1000, request: HTTP_TIMEOUT_MS } });\n`,
      },
      {
        name: 'compiled CommonJS: Babel interop of got-cjs (got 12 republished) called as (0, _got["default"])',
        filename: 'notify.js',
        code: `"use strict";\nvar _gotCjs = _interopRequireDefault(require("got-cjs"));\nfunction _interopRequireDefault(e) { return e && e.__esModule ? e : { "default": e }; }\nexports.notify = (url, body) => (0, _gotCjs["default"])(url, { method: 'POST', body });\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 4 }],
        output: `"use strict";\n\n${HTTP}\nvar _gotCjs = _interopRequireDefault(require("got-cjs"));\nfunction _interopRequireDefault(e) { return e && e.__esModule ? e : { "default": e }; }\nexports.notify = (url, body) => (0, _gotCjs["default"])(url, { method: 'POST', body, timeout: { request: HTTP_TIMEOUT_MS } });\n`,
      },
      {
        name: "compiled CommonJS: TypeScript's __importDefault of axios, got-cjs's named export",
        filename: 'load.js',
        code: `"use strict";\nconst axios_1 = __importDefault(require("axios"));\nconst got_cjs_1 = require("got-cjs");\nexports.load = async (url) => [await axios_1.default.get(url), await (0, got_cjs_1.got)(url)];\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 4 }, { messageId: 'clientNoTimeout', line: 4 }],
        output: `"use strict";\n\n${HTTP}\nconst axios_1 = __importDefault(require("axios"));\nconst got_cjs_1 = require("got-cjs");\nexports.load = async (url) => [await axios_1.default.get(url, { timeout: HTTP_TIMEOUT_MS }), await (0, got_cjs_1.got)(url, { timeout: { request: HTTP_TIMEOUT_MS } })];\n`,
      },
      {
        name: 'got loaded with a dynamic import into a variable assigned once',
        filename: 'telemetry.js',
        code: `let got;\nexports.report = async () => {\n  if (!got) got = (await import('got')).got;\n  return got.post('https://t', { json: {} }).json();\n};\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 4 }],
        output: `${HTTP}\n\nlet got;\nexports.report = async () => {\n  if (!got) got = (await import('got')).got;\n  return got.post('https://t', { json: {}, timeout: { request: HTTP_TIMEOUT_MS } }).json();\n};\n`,
      },
      {
        name: 'ldapjs client without an operation timeout (default none): both timeouts added',
        filename: 'ldap.js',
        code: "const ldap = require('ldapjs');\nexports.login = (url, dn, pw, done) => {\n  const client = ldap.createClient({ url });\n  client.bind(dn, pw, done);\n};\n",
        errors: [{ messageId: 'clientNoTimeout', line: 3 }],
        output: "const ldap = require('ldapjs');\n\n// Upper bound for one operation on the dependency (an LDAP bind or search). Derive it from its\n// p99.9 latency and the caller's own deadline, not a guess (see docs/rules/require-timeout.md).\nconst OPERATION_TIMEOUT_MS = 10_000;\n\n// Upper bound for opening a connection. A healthy peer connects in milliseconds; this covers a\n// slow handshake, not a dead host. Take the p99.9 of connect time, not a guess (see docs/rules/require-timeout.md).\nconst CONNECT_TIMEOUT_MS = 3000;\nexports.login = (url, dn, pw, done) => {\n  const client = ldap.createClient({ url, timeout: OPERATION_TIMEOUT_MS, connectTimeout: CONNECT_TIMEOUT_MS });\n  client.bind(dn, pw, done);\n};\n",
      },
      {
        name: 'web-push sendNotification without a timeout (default none); no options slot without a payload',
        filename: 'push.js',
        code: "const webpush = require('web-push');\nexports.push = (sub, payload) => webpush.sendNotification(sub, JSON.stringify(payload));\nexports.ping = (sub) => webpush.sendNotification(sub);\n",
        errors: [{ messageId: 'clientNoTimeout', line: 2 }, { messageId: 'clientNoTimeout', line: 3 }],
        output: null, // a suggestion: before web-push 3.4.4 the option throws (test below)
      },
      {
        name: 'request (deprecated) with a callback, a verb with options, request-promise-native',
        filename: 'legacy.js',
        code: `const request = require('request');\nconst rp = require('request-promise-native');\nexports.a = (url, done) => request(url, (error, response) => done(error, response));\nexports.b = (url, done) => request.get({ url, json: true }, done);\nexports.c = (url) => rp(url);\nexports.d = (url, done) => require('request')(url, { json: true }, done);\n`,
        errors: [
          { messageId: 'clientNoTimeout', line: 3 },
          { messageId: 'clientNoTimeout', line: 4 },
          { messageId: 'clientNoTimeout', line: 5 },
          { messageId: 'clientNoTimeout', line: 6 },
        ],
        output: `const request = require('request');\nconst rp = require('request-promise-native');\n\n${HTTP}\nexports.a = (url, done) => request(url, { timeout: HTTP_TIMEOUT_MS }, (error, response) => done(error, response));\nexports.b = (url, done) => request.get({ url, json: true, timeout: HTTP_TIMEOUT_MS }, done);\nexports.c = (url) => rp(url, { timeout: HTTP_TIMEOUT_MS });\nexports.d = (url, done) => require('request')(url, { json: true, timeout: HTTP_TIMEOUT_MS }, done);\n`,
      },
      {
        name: 'request.defaults without a timeout is reported once, at the defaults call',
        filename: 'client.js',
        code: `const request = require('request');\nconst api = request.defaults({ baseUrl: 'https://api' });\nconst admin = api.defaults({ headers: {} });\nexports.get = (path, done) => api.get(path, done);\nexports.del = (path, done) => admin.del(path, done);\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `const request = require('request');\n\n${HTTP}\nconst api = request.defaults({ baseUrl: 'https://api', timeout: HTTP_TIMEOUT_MS });\nconst admin = api.defaults({ headers: {} });\nexports.get = (path, done) => api.get(path, done);\nexports.del = (path, done) => admin.del(path, done);\n`,
      },
      {
        name: 'got instance without a timeout is reported once, at got.extend',
        code: `import got from 'got';\nexport const api = got.extend({ prefixUrl: 'https://api' });\nexport const sub = api.extend({});\napi.get('a');\nsub.get('b');\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2, column: 20 }],
        output: `import got from 'got';\n\n${HTTP}\nexport const api = got.extend({ prefixUrl: 'https://api', timeout: { request: HTTP_TIMEOUT_MS } });\nexport const sub = api.extend({});\napi.get('a');\nsub.get('b');\n`,
      },
      {
        name: 'ky with timeout: false',
        code: `import ky from 'ky';\nky('https://x', { timeout: false });\n`,
        errors: [{ messageId: 'clientTimeoutDisabled', line: 2 }],
        output: `import ky from 'ky';\n\n${HTTP}\nky('https://x', { timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'superagent chain without .timeout',
        code: `import superagent from 'superagent';\nexport const f = async () => (await superagent.get('https://x').set('a', 'b')).body;\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `import superagent from 'superagent';\n\n${HTTP}\nexport const f = async () => (await superagent.get('https://x').timeout(HTTP_TIMEOUT_MS).set('a', 'b')).body;\n`,
      },
      {
        name: 'node-fetch without a timeout',
        code: `import fetch from 'node-fetch';\nexport const f = () => fetch('https://x');\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `import fetch from 'node-fetch';\n\n${HTTP}\nexport const f = () => fetch('https://x', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: "follow-redirects' https.request: Node's defaults, a drop-in (Parse Server's webhooks)",
        filename: 'webhook.js',
        code: `const { https } = require('follow-redirects');\nexports.post = (hostname, body) => {\n  const req = https.request({ hostname, method: 'POST' }, (res) => res.resume());\n  req.end(body);\n};\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 3 }],
        output: `const { https } = require('follow-redirects');\n\n${HTTP}\nexports.post = (hostname, body) => {\n  const req = https.request({ hostname, method: 'POST', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }, (res) => res.resume());\n  req.end(body);\n};\n`,
      },
      {
        name: 'http or https chosen by a conditional (MeshCentral plugins): one API, read as http',
        filename: 'plugins.js',
        code: `module.exports.getConfig = function (configUrl, done) {\n  var http = configUrl.indexOf('https://') >= 0 ? require('https') : require('http');\n  http.get({ host: 'raw.example', path: '/config.json' }, function (res) { done(null, res); }).on('error', done);\n};\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 3 }],
        output: `${HTTP}\n\nmodule.exports.getConfig = function (configUrl, done) {\n  var http = configUrl.indexOf('https://') >= 0 ? require('https') : require('http');\n  http.get({ host: 'raw.example', path: '/config.json', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }, function (res) { done(null, res); }).on('error', done);\n};\n`,
      },
      {
        name: "follow-redirects' http or https picked from an object by protocol (Parse Server's Cloud Code httpRequest)",
        filename: 'request.js',
        code: `const { http, https } = require('follow-redirects');\nconst clients = { 'http:': http, 'https:': https };\nexports.httpRequest = (url, options) => new Promise((resolve, reject) => {\n  const client = clients[url.protocol];\n  const req = client.request({ hostname: url.hostname, method: options.method }, resolve);\n  req.on('error', reject);\n  req.end();\n});\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 5 }],
        output: `const { http, https } = require('follow-redirects');\n\n${HTTP}\nconst clients = { 'http:': http, 'https:': https };\nexports.httpRequest = (url, options) => new Promise((resolve, reject) => {\n  const client = clients[url.protocol];\n  const req = client.request({ hostname: url.hostname, method: options.method, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }, resolve);\n  req.on('error', reject);\n  req.end();\n});\n`,
      },
      {
        name: "a 'timeout' listener with an agent of its own (agent: false) hears nothing: no timeout",
        code: `import http from 'node:http';\nconst req = http.request({ host: 'x', agent: false }, (res) => res.resume());\nreq.on('timeout', () => req.destroy());\nreq.end();\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `import http from 'node:http';\n\n${HTTP}\nconst req = http.request({ host: 'x', agent: false, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }, (res) => res.resume());\nreq.on('timeout', () => req.destroy());\nreq.end();\n`,
      },
      {
        name: 'https.get(url, callback) and http.request(options, callback)',
        code: `import https from 'node:https';\nimport http from 'http';\nhttps.get('https://x', (res) => res.resume()).on('error', () => {});\nconst req = http.request({ host: 'x' }, (res) => res.resume());\nreq.end();\n`,
        errors: [
          { messageId: 'clientNoTimeout', line: 3 },
          { messageId: 'clientNoTimeout', line: 4 },
        ],
        output: `import https from 'node:https';\nimport http from 'http';\n\n${HTTP}\nhttps.get('https://x', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }, (res) => res.resume()).on('error', () => {});\nconst req = http.request({ host: 'x', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }, (res) => res.resume());\nreq.end();\n`,
      },
      {
        name: 'pg Pool without statement or query timeout; pg Client with no config',
        code: `import { Pool, Client } from 'pg';\nexport const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });\nexport const c = new Client();\n`,
        errors: [
          { messageId: 'clientNoTimeout', line: 2, column: 19 },
          { messageId: 'clientNoTimeout', line: 3 },
        ],
        output: `import { Pool, Client } from 'pg';\n\n${STATEMENT}\n\n${CONNECT}\nexport const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, statement_timeout: DB_STATEMENT_TIMEOUT_MS, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });\nexport const c = new Client({ statement_timeout: DB_STATEMENT_TIMEOUT_MS, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });\n`,
      },
      {
        name: 'pg Pool with connectionTimeoutMillis only gets statement_timeout',
        code: `import { Pool } from 'pg';\nexport const db = new Pool({ connectionTimeoutMillis: 2000 });\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `import { Pool } from 'pg';\n\n${STATEMENT}\nexport const db = new Pool({ connectionTimeoutMillis: 2000, statement_timeout: DB_STATEMENT_TIMEOUT_MS });\n`,
      },
      {
        name: 'ioredis without commandTimeout, in every constructor form',
        code: `import Redis from 'ioredis';\nexport const a = new Redis();\nexport const b = new Redis(process.env.REDIS_URL);\nexport const c = new Redis({ host: 'x' });\nexport const d = new Redis.Cluster([{ host: 'a' }]);\n`,
        errors: [2, 3, 4, 5].map((line) => ({ messageId: 'clientNoTimeout', line })),
        output: `import Redis from 'ioredis';\n\n${COMMAND}\nexport const a = new Redis({ commandTimeout: REDIS_COMMAND_TIMEOUT_MS });\nexport const b = new Redis(process.env.REDIS_URL, { commandTimeout: REDIS_COMMAND_TIMEOUT_MS });\nexport const c = new Redis({ host: 'x', commandTimeout: REDIS_COMMAND_TIMEOUT_MS });\nexport const d = new Redis.Cluster([{ host: 'a' }], { redisOptions: { commandTimeout: REDIS_COMMAND_TIMEOUT_MS } });\n`,
      },
      {
        name: 'node-redis 4 has no command timeout (no automatic fix)',
        files: { 'package.json': '{ "dependencies": { "redis": "^4.6.0" } }' },
        code: `import { createClient } from 'redis';\nexport const r = createClient({ url: 'redis://x' });\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: null,
      },
      {
        name: 'AWS client without a request handler; a handler with only connectionTimeout',
        code: `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ region: 'eu-west-1' });\nexport const p = new S3Client({ requestHandler: { connectionTimeout: 1000 } });\n`,
        errors: [
          { messageId: 'clientNoTimeout', line: 2 },
          { messageId: 'clientNoTimeout', line: 3 },
        ],
        output: `import { S3Client } from '@aws-sdk/client-s3';\n\n${CONNECT}\n\n${HTTP}\nexport const s3 = new S3Client({ region: 'eu-west-1', requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: HTTP_TIMEOUT_MS, throwOnRequestTimeout: true } });\nexport const p = new S3Client({ requestHandler: { connectionTimeout: 1000, requestTimeout: HTTP_TIMEOUT_MS, throwOnRequestTimeout: true } });\n`,
      },
      {
        name: 'gRPC unary call without a deadline',
        code: `${GRPC_HEADER}${GRPC_CLIENT}catalog.getProduct({ sku: 'a' }, (err: unknown) => {});\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 5 }],
        output: `${GRPC_HEADER}\n${DEADLINE}\n${GRPC_CLIENT}catalog.getProduct({ sku: 'a' }, { deadline: Date.now() + GRPC_DEADLINE_MS }, (err: unknown) => {});\n`,
      },
      {
        // Service methods take any name, even one like a built-in method's (see builtin-calls.ts).
        name: 'gRPC call of a method named like an array method',
        code: `${GRPC_HEADER}${GRPC_CLIENT}catalog.push({ sku: 'a' }, (err: unknown) => {});\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 5 }],
        output: `${GRPC_HEADER}\n${DEADLINE}\n${GRPC_CLIENT}catalog.push({ sku: 'a' }, { deadline: Date.now() + GRPC_DEADLINE_MS }, (err: unknown) => {});\n`,
      },
      {
        name: 'MongoClient and mongoose without socketTimeoutMS',
        code: `import { MongoClient } from 'mongodb';\nimport mongoose from 'mongoose';\nexport const m = new MongoClient('mongodb://x');\nmongoose.connect('mongodb://x');\n`,
        errors: [
          { messageId: 'clientNoTimeout', line: 3 },
          { messageId: 'clientNoTimeout', line: 4 },
        ],
        output: `import { MongoClient } from 'mongodb';\nimport mongoose from 'mongoose';\n\n${SOCKET}\nexport const m = new MongoClient('mongodb://x', { socketTimeoutMS: DB_SOCKET_TIMEOUT_MS });\nmongoose.connect('mongodb://x', { socketTimeoutMS: DB_SOCKET_TIMEOUT_MS });\n`,
      },
      {
        name: 'amqplib connect without a timeout',
        code: `import amqp from 'amqplib';\nexport const c = amqp.connect('amqp://x');\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `import amqp from 'amqplib';\n\n${CONNECT}\nexport const c = amqp.connect('amqp://x', { timeout: CONNECT_TIMEOUT_MS });\n`,
      },
      {
        name: "NestJS HttpModule imported without register: HttpService uses the global axios instance (homebridge-config-ui-x; no fix)",
        code: `import { Module } from '@nestjs/common';\nimport { HttpModule } from '@nestjs/axios';\n@Module({\n  imports: [HttpModule],\n})\nexport class StatusModule {}\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 3 }],
        output: null,
      },
      {
        name: 'compiled NestJS: the decorator call in __decorate',
        filename: 'status.module.js',
        code: `"use strict";\nconst common_1 = require("@nestjs/common");\nconst axios_1 = require("@nestjs/axios");\nlet StatusModule = class StatusModule {};\nStatusModule = __decorate([\n  (0, common_1.Module)({ imports: [axios_1.HttpModule] }),\n], StatusModule);\nexports.StatusModule = StatusModule;\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 6 }],
        output: null,
      },
      {
        name: 'NestJS HttpModule.register without a timeout',
        code: `import { HttpModule } from '@nestjs/axios';\nexport const m = HttpModule.register({ maxRedirects: 5 });\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `import { HttpModule } from '@nestjs/axios';\n\n${HTTP}\nexport const m = HttpModule.register({ maxRedirects: 5, timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'the Redis constant follows its option',
        options: { commandTimeoutMs: 250 },
        code: `import Redis from 'ioredis';\nexport const a = new Redis();\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `import Redis from 'ioredis';\n\n${COMMAND.replace('1000', '250')}\nexport const a = new Redis({ commandTimeout: REDIS_COMMAND_TIMEOUT_MS });\n`,
      },
    ],
  });
});

test('web-push: the timeout is offered as a suggestion (an unknown option throws before 3.4.4)', () => {
  const code = `const webpush = require('web-push');\nexports.push = (sub, body) => webpush.sendNotification(sub, body);\n`;
  const [finding] = analyzeCase('require-timeout', { code, filename: 'push.js' }).findings;
  const [fix] = finding!.fixes;
  assert.equal(fix!.kind, 'suggestion');
  assert.equal(fix!.title, 'Set timeout: HTTP_TIMEOUT_MS (web-push 3.4.4 or later)');
  assert.match(applyEdits(code, fix!.edits), /webpush\.sendNotification\(sub, body, \{ timeout: HTTP_TIMEOUT_MS \}\)/);
});
