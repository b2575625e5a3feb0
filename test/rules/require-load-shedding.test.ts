import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';
import { applyEdits } from '../../server/src/analysis/fixes/text-edits';

const EXPRESS_APP = `import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => res.send('ok'));\n`;

describe('require-load-shedding', () => {
  runRuleTests('require-load-shedding', {
    valid: [
      {
        name: 'server.maxConnections set on the returned server',
        code: `${EXPRESS_APP}const server = app.listen(3000);\nserver.maxConnections = 500;`,
      },
      {
        name: 'maxConnections set in another module of the workspace',
        code: `${EXPRESS_APP}export const server = app.listen(3000);\nimport './limits';`,
        files: { 'limits.ts': `import { server } from './main';\nserver.maxConnections = 200;` },
      },
      {
        name: 'Fastify with @fastify/under-pressure',
        code: `import Fastify from 'fastify';\nimport underPressure from '@fastify/under-pressure';\nconst app = Fastify();\napp.register(underPressure, { maxEventLoopDelay: 1000 });\nawait app.listen({ port: 3000 });`,
      },
      {
        name: 'toobusy-js in a middleware module the server imports',
        code: `${EXPRESS_APP}import { shed } from './shed';\napp.use(shed);\napp.listen(3000);`,
        files: {
          'shed.ts': `import toobusy from 'toobusy-js';\nexport const shed = (req: any, res: any, next: any) => (toobusy() ? res.sendStatus(503) : next());`,
        },
      },
      {
        name: 'express-rate-limit',
        code: `import rateLimit from 'express-rate-limit';\n${EXPRESS_APP}app.use(rateLimit({ limit: 100 }));\napp.listen(3000);`,
      },
      {
        name: 'a home-made limiter answering 503 in a middleware',
        code: `${EXPRESS_APP}let inFlight = 0;\napp.use((req, res, next) => {\n  if (inFlight >= 64) return res.set('Retry-After', '1').status(503).end();\n  inFlight++;\n  res.on('finish', () => inFlight--);\n  next();\n});\napp.listen(3000);`,
      },
      {
        name: 'a Fastify onRequest hook answering 429',
        code: `import fastify from 'fastify';\nconst app = fastify();\napp.addHook('onRequest', async (request, reply) => { if (busy()) reply.code(429).send(); });\ndeclare function busy(): boolean;\napp.listen({ port: 3000 });`,
      },
      {
        name: 'listen on something that is not a server',
        code: `import express from 'express';\ndeclare const emitter: { listen(port: number): void };\nemitter.listen(3000);`,
      },
      {
        name: 'a server received as a parameter',
        code: `import http from 'node:http';\nexport function start(server: http.Server) { server.listen(3000); }`,
      },
      {
        name: 'a test server on a random port',
        code: `import http from 'node:http';\nconst server = http.createServer((req, res) => res.end());\nserver.listen(0, () => {});\nhttp.createServer().listen();`,
      },
      {
        name: "a wrapper that forwards listen's arguments (Koa's own app.listen)",
        code: `import http from 'node:http';\nexport function listen(...args: any[]) {\n  return http.createServer().listen(...args);\n}`,
      },
      {
        name: 'a temporary page (zigbee2mqtt onboarding): started and closed by one function',
        filename: 'onboarding.js',
        code: `const { createServer } = require('node:http');\nexports.onboard = async (url) => {\n  let server;\n  let settings;\n  await new Promise((resolve) => {\n    server = createServer((req, res) => { settings = req.url; res.end('ok'); resolve(); });\n    server.on('error', () => resolve());\n    server.listen(Number(url.port), url.hostname);\n  });\n  await new Promise((resolve) => server?.close(resolve));\n  return settings;\n};\n`,
      },
      {
        name: "a login's loopback callback: const server = app.listen(…), closed once the code arrives",
        code: `${EXPRESS_APP}export async function login(): Promise<string> {\n  let code = '';\n  const server = app.listen(8765);\n  await new Promise<void>((resolve) => app.get('/cb', (req, res) => { code = String(req.query.code); res.end(); resolve(); }));\n  server.close();\n  return code;\n}\n`,
      },
    ],
    invalid: [
      {
        name: 'closed on SIGTERM in the function that starts it (graceful shutdown), or handed on: the application\'s server',
        code: `${EXPRESS_APP}import { once } from 'node:events';\nexport async function main(): Promise<void> {\n  const server = app.listen(3000);\n  await once(process, 'SIGTERM');\n  server.close();\n}\nexport function start() {\n  const server = app.listen(3001);\n  if (process.env.CLOSE_AT_ONCE) server.close();\n  return server;\n}\n`,
        errors: [
          { messageId: 'noLoadShedding', line: 6 },
          { messageId: 'noLoadShedding', line: 11 },
        ],
        output: null,
      },
      {
        name: "closed in a callback handed to a shutdown helper (micro's bin): not the function's own flow",
        filename: 'micro.js',
        code: `const http = require('http');\nconst { onShutdown } = require('./shutdown');\nfunction startEndpoint(handler, endpoint) {\n  const server = new http.Server(handler);\n  server.listen(endpoint, () => {\n    onShutdown(() => server.close());\n  });\n}\nmodule.exports = startEndpoint;\n`,
        errors: [{ messageId: 'noLoadShedding', line: 5 }],
        output: null,
      },
      {
        name: 'a server declared first and assigned once later; set back to null on stop',
        filename: 'server.js',
        code: `var http = require('http');\nvar server;\nexports.start = (app) => {\n  server = http.createServer((req, res) => app(req, res));\n  server.listen(1880);\n};\nexports.stop = () => { server.close(); server = null; };`,
        errors: [{ messageId: 'noLoadShedding', line: 5, column: 3 }],
        output: null,
      },
      {
        name: 'Express app.listen (a 503 health check is not shedding)',
        code: `${EXPRESS_APP}app.get('/healthz', (req, res) => res.status(503).end());\napp.listen(3000, () => console.log('up'));`,
        errors: [{ messageId: 'noLoadShedding', line: 5, column: 1 }],
        output: null,
      },
      {
        name: 'http.createServer(handler).listen, CommonJS',
        filename: 'server.js',
        code: `const http = require('http');\nhttp.createServer((req, res) => res.end('ok')).listen(8080);`,
        errors: [{ messageId: 'noLoadShedding', line: 2, column: 1 }],
        output: null,
      },
      {
        name: 'new http.Server(handler) then listen (the same maker the server-timeout rule knows)',
        code: `import http from 'node:http';\nconst server = new http.Server((req, res) => res.end('ok'));\nserver.listen(8080);`,
        errors: [{ messageId: 'noLoadShedding', line: 3, column: 1 }],
        output: null,
      },
      {
        name: 'Fastify listen: no suggestion (listen returns a promise)',
        code: `import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\nawait app.listen({ port: 3000 });`,
        errors: [{ messageId: 'noLoadShedding', line: 3, column: 7 }],
        output: null,
      },
      {
        name: 'Koa app in another module',
        code: `import { app } from './app';\nexport const server = app.listen(3000);`,
        files: { 'app.ts': `import Koa from 'koa';\nexport const app = new Koa();` },
        errors: [{ messageId: 'noLoadShedding', line: 2, column: 23 }],
        output: null,
      },
    ],
  });

  test('the suggestion caps connections through a named constant', () => {
    const code = `${EXPRESS_APP}export const server = app.listen(3000);`;
    const { findings } = analyzeCase('require-load-shedding', { code });
    const fix = findings[0]!.fixes[0]!;
    assert.equal(fix.kind, 'suggestion');
    const fixed = applyEdits(code, fix.edits);
    assert.match(fixed, /const MAX_CONNECTIONS = 1000;/);
    assert.match(
      fixed,
      /export const server = Object\.assign\(app\.listen\(3000\), \{ maxConnections: MAX_CONNECTIONS \}\);/,
    );
  });
});
