import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

const HTTP = `import http from 'node:http';\nconst handler = (_req: unknown, res: { end(): void }) => res.end();\n`;
const EXPRESS = `import express from 'express';\nconst app = express();\n`;
const ALB = { loadBalancerIdleTimeoutMs: 60_000 };
const SOCKET =
  '// Longest a connection may sit idle mid-request or mid-response before the server closes it.\n' +
  '// Keep it above your slowest legitimate response (streams, long polls).\nconst SERVER_SOCKET_TIMEOUT_MS = 120_000;';
const REQUEST =
  "// Longest a client may take to send one request (Node's default). Lower it towards the slowest\n" +
  '// legitimate upload: every slow client holds a socket and memory until then.\nconst SERVER_REQUEST_TIMEOUT_MS = 300_000;';
const KEEP_ALIVE =
  "// Above the load balancer's idle timeout (60000 ms), so the balancer always closes an idle\n" +
  '// connection first and never sends a request into one the server is closing (a 502).\nconst KEEP_ALIVE_TIMEOUT_MS = 65_000;';

/** The fixed code: the module constants go after the import on the first line. */
function fixed(code: string, ...constants: string[]): string {
  const [imports, ...rest] = code.split('\n');
  return [imports, '', constants.join('\n\n'), ...rest].join('\n');
}

describe('require-server-timeouts', () => {
  runRuleTests('require-server-timeouts', {
    valid: [
      { name: 'defaults', code: `${HTTP}export const server = http.createServer(handler);` },
      {
        name: 'sane explicit values',
        code: `${HTTP}export const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, handler);\nserver.timeout = 120_000;\nserver.keepAliveTimeout = 65_000;`,
      },
      {
        name: 'a non-http server object',
        code: `${HTTP}const server = { timeout: 5, setTimeout(ms: number) { this.timeout = ms; } };\nserver.timeout = 0;\nserver.setTimeout(0);`,
      },
      {
        name: 'a parameter named server',
        code: `${HTTP}export function tune(server: http.Server) { server.requestTimeout = 0; }`,
      },
      {
        name: 'a request timeout of 0 (the client side)',
        code: `${HTTP}const req = http.request('http://x');\nreq.setTimeout(0);`,
      },
      {
        name: 'timeout 0 later overridden',
        code: `${EXPRESS}const server = app.listen(3000);\nserver.timeout = 0;\nserver.setTimeout(30_000);`,
      },
      {
        name: 'options we cannot read',
        code: `${HTTP}import { serverOptions } from './config';\nexport const server = http.createServer(serverOptions, handler);\nserver.headersTimeout = 400_000;`,
      },
      {
        name: 'keepAliveTimeout above the load balancer',
        options: ALB,
        code: `${EXPRESS}const server = app.listen(3000);\nserver.keepAliveTimeout = 65_000;\nserver.headersTimeout = 66_000;`,
      },
      {
        name: 'fastify keep-alive default (72 s) is above the ALB',
        options: ALB,
        code: `import Fastify from 'fastify';\nexport const app = Fastify({ logger: true });`,
      },
      {
        name: 'keep-alive check is off without the option',
        code: `${HTTP}export const server = http.createServer({ keepAliveTimeout: 1000 }, handler);`,
      },
    ],
    invalid: [
      {
        name: 'server.timeout = 0 on app.listen()',
        code: `${EXPRESS}const server = app.listen(3000);\nserver.timeout = 0;`,
        errors: [{ messageId: 'disabled', line: 4 }],
        output: fixed(`${EXPRESS}const server = app.listen(3000);\nserver.timeout = SERVER_SOCKET_TIMEOUT_MS;`, SOCKET),
      },
      {
        name: 'server.setTimeout(0) on http.createServer',
        code: `${HTTP}const server = http.createServer(handler).listen(8080);\nserver.setTimeout(0);`,
        errors: [{ messageId: 'disabled', line: 4 }],
        output: fixed(
          `${HTTP}const server = http.createServer(handler).listen(8080);\nserver.setTimeout(SERVER_SOCKET_TIMEOUT_MS);`,
          SOCKET,
        ),
      },
      {
        name: 'requestTimeout: 0 in options',
        code: `${HTTP}export const server = http.createServer({ requestTimeout: 0 }, handler);`,
        errors: [{ messageId: 'disabled', line: 3 }],
        output: fixed(
          `${HTTP}export const server = http.createServer({ requestTimeout: SERVER_REQUEST_TIMEOUT_MS }, handler);`,
          REQUEST,
        ),
      },
      {
        name: 'requestTimeout = 0 assigned on a Koa server',
        code: `import Koa from 'koa';\nconst app = new Koa();\nconst server = app.listen(3000);\nserver.requestTimeout = 0;`,
        errors: [{ messageId: 'disabled', line: 4 }],
        output: fixed(
          `import Koa from 'koa';\nconst app = new Koa();\nconst server = app.listen(3000);\nserver.requestTimeout = SERVER_REQUEST_TIMEOUT_MS;`,
          REQUEST,
        ),
      },
      {
        name: 'fastify requestTimeout: 0 and connectionTimeout: 0',
        code: `import Fastify from 'fastify';\nexport const app = Fastify({ requestTimeout: 0, connectionTimeout: 0 });`,
        errors: [
          { messageId: 'disabled', line: 2 },
          { messageId: 'disabled', line: 2 },
        ],
        output: fixed(
          `import Fastify from 'fastify';\nexport const app = Fastify({ requestTimeout: SERVER_REQUEST_TIMEOUT_MS, connectionTimeout: SERVER_SOCKET_TIMEOUT_MS });`,
          REQUEST,
          SOCKET,
        ),
      },
      {
        name: 'headersTimeout above requestTimeout',
        code: `${HTTP}const REQUEST_MS = 30_000;\nexport const server = http.createServer({ requestTimeout: REQUEST_MS, headersTimeout: 60_000 }, handler);`,
        errors: [{ messageId: 'headersAfterRequest', line: 4 }],
        output: null,
      },
      {
        name: 'headersTimeout above the default requestTimeout',
        code: `${EXPRESS}const server = app.listen(3000);\nserver.headersTimeout = 301_000;`,
        errors: [{ messageId: 'headersAfterRequest', line: 4 }],
        output: null,
      },
      {
        name: 'default keepAliveTimeout behind an ALB',
        options: ALB,
        code: `${HTTP}export const server = http.createServer(handler);`,
        errors: [{ messageId: 'keepAliveShort', line: 3 }],
        output: fixed(
          `${HTTP}export const server = http.createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, handler);`,
          KEEP_ALIVE,
        ),
      },
      {
        name: 'explicit keepAliveTimeout below the ALB',
        options: ALB,
        code: `${EXPRESS}const server = app.listen(3000);\nserver.keepAliveTimeout = 30_000;`,
        errors: [{ messageId: 'keepAliveShort', line: 4 }],
        output: fixed(
          `${EXPRESS}const server = app.listen(3000);\nserver.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;`,
          KEEP_ALIVE,
        ),
      },
      {
        name: 'fastify keepAliveTimeout below the ALB',
        options: ALB,
        code: `import Fastify from 'fastify';\nexport const app = Fastify({ keepAliveTimeout: 5000 });`,
        errors: [{ messageId: 'keepAliveShort', line: 2 }],
        output: fixed(
          `import Fastify from 'fastify';\nexport const app = Fastify({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });`,
          KEEP_ALIVE,
        ),
      },
    ],
  });
});
