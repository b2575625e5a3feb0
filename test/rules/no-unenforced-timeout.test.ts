import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

const AWS = `import { S3Client } from '@aws-sdk/client-s3';\nimport { NodeHttpHandler } from '@smithy/node-http-handler';\n`;

describe('no-unenforced-timeout', () => {
  runRuleTests('no-unenforced-timeout', {
    valid: [
      {
        name: 'timeout option with a listener that destroys',
        code: `import http from 'http';\nconst req = http.request({ host: 'x', timeout: 1000 });\nreq.on('timeout', () => req.destroy());\nreq.end();`,
      },
      {
        name: 'setTimeout with a destroying callback',
        code: `import https from 'https';\nconst req = https.get('https://x');\nreq.setTimeout(1000, () => { req.destroy(new Error('timeout')); });`,
      },
      {
        name: 'chained listener that aborts',
        code: `import http from 'http';\nhttp.get('http://x', { timeout: 500 }).on('timeout', function () { this.destroy(); });`,
      },
      {
        name: 'a timed signal enforces it',
        code: `import http from 'http';\nhttp.request('http://x', { timeout: 500, signal: AbortSignal.timeout(1000) }).end();`,
      },
      {
        name: 'a listener defined elsewhere is trusted',
        code: `import http from 'http';\nimport { onTimeout } from './handlers';\nconst req = http.request('http://x', { timeout: 500 });\nreq.on('timeout', onTimeout);`,
      },
      {
        name: 'request handed to the caller',
        code: `import http from 'http';\nexport const r = () => http.request('http://x', { timeout: 500 });`,
      },
      {
        name: 'AWS requestTimeout with throwOnRequestTimeout',
        code: `${AWS}export const s3 = new S3Client({ requestHandler: new NodeHttpHandler({ requestTimeout: 3000, throwOnRequestTimeout: true }) });`,
      },
      {
        name: 'AWS socketTimeout is enforced',
        code: `${AWS}export const s3 = new S3Client({ requestHandler: { requestTimeout: 3000, socketTimeout: 3000 } });`,
      },
      {
        name: 'AWS with node-http-handler 3 (requestTimeout was the socket timeout)',
        files: { 'package.json': '{ "dependencies": { "@smithy/node-http-handler": "^3.3.0" } }' },
        code: `${AWS}export const s3 = new S3Client({ requestHandler: { requestTimeout: 3000 } });`,
      },
      {
        name: 'opossum with abortController',
        code: `import CircuitBreaker from 'opossum';\nconst abortController = new AbortController();\nexport const b = new CircuitBreaker(async () => 1, { timeout: 1000, abortController });`,
      },
      {
        name: 'opossum with timeout: false',
        code: `import CircuitBreaker from 'opossum';\nexport const b = new CircuitBreaker(async () => 1, { timeout: false });`,
      },
      {
        name: 'mongodb 6 honours timeoutMS',
        files: { 'package.json': '{ "dependencies": { "mongodb": "6.10.0" } }' },
        code: `import { MongoClient } from 'mongodb';\nexport const m = new MongoClient('mongodb://x', { timeoutMS: 5000 });`,
      },
      {
        name: "follow-redirects' req.setTimeout destroys the socket when it idles",
        code: `import { https } from 'follow-redirects';\nconst req = https.get('https://x');\nreq.setTimeout(1000);\n`,
      },
      {
        name: "a 'timeout' listener whose helper destroys the request enforces the global agent's timeout",
        code: `import https from 'https';\nfunction fail(req: ReturnType<typeof https.request>) { req.destroy(new Error('timed out')); }\nexport function get(host: string) {\n  const req = https.request({ host }, (res) => res.resume());\n  req.on('timeout', () => fail(req));\n  req.end();\n}\n`,
      },
      {
        name: 'node-fetch 2 honours timeout',
        files: { 'package.json': '{ "dependencies": { "node-fetch": "^2.7.0" } }' },
        code: `import fetch from 'node-fetch';\nfetch('https://x', { timeout: 5000 });`,
      },
    ],
    invalid: [
      {
        name: 'http.request timeout option without a listener',
        code: `import http from 'http';\nconst req = http.request({ host: 'x', timeout: 1000 });\nreq.end();\n`,
        errors: [{ messageId: 'httpTimeoutNotEnforced', line: 2, column: 39 }],
        output: null,
      },
      {
        name: "follow-redirects passes the timeout option to Node's request: it only emits 'timeout' there too",
        code: `import followRedirects from 'follow-redirects';\nconst req = followRedirects.https.request({ host: 'x', timeout: 1000 });\nreq.end();\n`,
        errors: [{ messageId: 'httpTimeoutNotEnforced', line: 2 }],
        output: null,
      },
      {
        name: "a 'timeout' listener that only records a state hears the global agent's 5 s timeout and ends nothing (MeshCentral)",
        filename: 'kvm.js',
        code: `const https = require('https');\nlet state = 1;\nlet timer;\nfunction setState(s) { state = s; clearInterval(timer); if (s === 0) setTimeout(connect, 20000); }\nfunction connect() {\n  const req = https.request({ hostname: 'kvm', path: '/auth' }, (res) => res.resume());\n  req.on('error', () => setState(0));\n  req.on('timeout', function () { setState(0); });\n  req.end();\n}\nmodule.exports = { connect };\n`,
        errors: [{ messageId: 'httpTimeoutNotEnforced', line: 6 }],
        output: null,
      },
      {
        name: 'compiled CommonJS: (0, _http.request)(…) with a timeout option and no listener',
        filename: 'hook.js',
        code: `"use strict";\nvar _http = require("http");\nconst req = (0, _http.request)({ host: 'x', timeout: 1000 });\nreq.end();\n`,
        errors: [{ messageId: 'httpTimeoutNotEnforced', line: 3 }],
        output: null,
      },
      {
        name: 'a listener that only rejects the promise',
        code: `import https from 'https';\nexport const get = (url: string) => new Promise((resolve, reject) => {\n  const req = https.get(url, { timeout: 2000 }, resolve);\n  req.on('timeout', () => reject(new Error('timeout')));\n});\n`,
        errors: [{ messageId: 'httpTimeoutNotEnforced', line: 3 }],
        output: null,
      },
      {
        name: 'req.setTimeout without a callback gets one that destroys',
        code: `import http from 'http';\nconst req = http.get('http://x');\nreq.setTimeout(1000);\n`,
        errors: [{ messageId: 'httpTimeoutNotEnforced', line: 3, column: 1 }],
        output: `import http from 'http';\nconst req = http.get('http://x');\nreq.setTimeout(1000, () => req.destroy(new Error('request timed out')));\n`,
      },
      {
        name: 'AWS requestTimeout that only warns',
        code: `${AWS}export const s3 = new S3Client({ requestHandler: new NodeHttpHandler({ requestTimeout: 3000 }) });\nexport const q = new S3Client({ requestHandler: { requestTimeout: 3000, throwOnRequestTimeout: false } });\n`,
        errors: [
          { messageId: 'awsTimeoutOnlyWarns', line: 3 },
          { messageId: 'awsTimeoutOnlyWarns', line: 4 },
        ],
        output: `${AWS}export const s3 = new S3Client({ requestHandler: new NodeHttpHandler({ requestTimeout: 3000, throwOnRequestTimeout: true }) });\nexport const q = new S3Client({ requestHandler: { requestTimeout: 3000, throwOnRequestTimeout: true } });\n`,
      },
      {
        name: 'opossum breaker without abortController (default 10 s timeout too)',
        code: `import CircuitBreaker from 'opossum';\ndeclare function charge(): Promise<void>;\nexport const a = new CircuitBreaker(charge, { timeout: 3000 });\nexport const b = new CircuitBreaker(charge);\n`,
        errors: [
          { messageId: 'opossumNoAbort', line: 3 },
          { messageId: 'opossumNoAbort', line: 4 },
        ],
        output: null,
      },
      {
        name: 'mongodb 7 ignores timeoutMS',
        files: { 'package.json': '{ "dependencies": { "mongodb": "^7.0.0" } }' },
        code: `import { MongoClient } from 'mongodb';\nexport const m = new MongoClient('mongodb://x', { timeoutMS: 5000 });\n`,
        errors: [{ messageId: 'ignoredOption', line: 2 }],
        output: `import { MongoClient } from 'mongodb';\nexport const m = new MongoClient('mongodb://x', { socketTimeoutMS: 5000 });\n`,
      },
      {
        name: 'node-fetch 3 ignores timeout',
        files: { 'package.json': '{ "dependencies": { "node-fetch": "^3.3.2" } }' },
        code: `import fetch from 'node-fetch';\nexport const f = () => fetch('https://x', { timeout: 5000 });\n`,
        errors: [{ messageId: 'ignoredOption', line: 2 }],
        output: `import fetch from 'node-fetch';\nexport const f = () => fetch('https://x', { signal: AbortSignal.timeout(5000) });\n`,
      },
    ],
  });
});
