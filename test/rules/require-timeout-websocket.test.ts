import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';

// require-timeout for ws clients: the opening handshake has no timeout unless `handshakeTimeout`
// is set (ws 8 lib/websocket.js arms http.request's timeout only then).

const CONNECT = `// Upper bound for opening a connection. A healthy peer connects in milliseconds; this covers a
// slow handshake, not a dead host. Take the p99.9 of connect time, not a guess (see docs/rules/require-timeout.md).
const CONNECT_TIMEOUT_MS = 3000;`;

describe('require-timeout: ws WebSocket clients', () => {
  runRuleTests('require-timeout', {
    valid: [
      {
        name: 'handshakeTimeout in the options (second argument)',
        code: `import WebSocket from 'ws';\nexport const open = (url: string) => new WebSocket(url, { handshakeTimeout: 5000 });\n`,
      },
      {
        name: 'handshakeTimeout after subprotocols, and in a shared options object',
        filename: 'feed.js',
        code: `const WebSocket = require('ws');\nconst OPTIONS = { handshakeTimeout: 5000, perMessageDeflate: false };\nexports.a = (url) => new WebSocket(url, ['v1.feed'], { handshakeTimeout: 5000 });\nexports.b = (url) => new WebSocket(url, 'v1.feed', OPTIONS);\nexports.c = (url) => new WebSocket.WebSocket(url, OPTIONS);\n`,
      },
      {
        name: 'servers are not clients; the global WebSocket is not ws',
        code: `import { WebSocketServer, Server } from 'ws';\nimport type { IncomingMessage } from 'node:http';\nexport const wss = new WebSocketServer({ port: 8080 });\nexport const old = new Server({ noServer: true });\nexport const browserish = (url: string) => new WebSocket(url);\nexport type R = IncomingMessage;\n`,
      },
      {
        name: 'options or subprotocols passed in from elsewhere stay unknown',
        code: `import WebSocket, { type ClientOptions } from 'ws';\nexport const a = (url: string, options: ClientOptions) => new WebSocket(url, options);\nexport const b = (url: string, second: any) => new WebSocket(url, second);\n`,
      },
    ],
    invalid: [
      {
        name: 'default import, no options: the options argument is added',
        code: `import WebSocket from 'ws';\nexport const open = (url: string) => new WebSocket(url);\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2, column: 38 }],
        output: `import WebSocket from 'ws';\n\n${CONNECT}\nexport const open = (url: string) => new WebSocket(url, { handshakeTimeout: CONNECT_TIMEOUT_MS });\n`,
      },
      {
        name: 'CommonJS with a subprotocol: options go third; options without it get it added',
        filename: 'feed.js',
        code: `const WebSocket = require('ws');\nexports.a = (url) => new WebSocket(url, 'graphql-ws');\nexports.b = (url, token) => new WebSocket(url, { headers: { authorization: token } });\n`,
        errors: [
          { messageId: 'clientNoTimeout', line: 2 },
          { messageId: 'clientNoTimeout', line: 3 },
        ],
        output: `const WebSocket = require('ws');\n\n${CONNECT}\nexports.a = (url) => new WebSocket(url, 'graphql-ws', { handshakeTimeout: CONNECT_TIMEOUT_MS });\nexports.b = (url, token) => new WebSocket(url, { headers: { authorization: token }, handshakeTimeout: CONNECT_TIMEOUT_MS });\n`,
      },
      {
        name: 'named import and isomorphic-ws; a zero handshakeTimeout disables it',
        code: `import { WebSocket } from 'ws';\nimport IsoWebSocket from 'isomorphic-ws';\nexport const a = (url: string) => new WebSocket(url, [], { handshakeTimeout: 0 });\nexport const b = (url: string) => new IsoWebSocket(url);\n`,
        errors: [
          { messageId: 'clientTimeoutDisabled', line: 3 },
          { messageId: 'clientNoTimeout', line: 4 },
        ],
        output: `import { WebSocket } from 'ws';\nimport IsoWebSocket from 'isomorphic-ws';\n\n${CONNECT}\nexport const a = (url: string) => new WebSocket(url, [], { handshakeTimeout: 0 });\nexport const b = (url: string) => new IsoWebSocket(url, { handshakeTimeout: CONNECT_TIMEOUT_MS });\n`,
      },
    ],
  });

  test('the hover of a bounded client states the handshake timeout', () => {
    const { result } = analyzeCase('require-timeout', {
      code: `import WebSocket from 'ws';\nexport const open = (url: string) => new WebSocket(url, { handshakeTimeout: 5000 });\n`,
    });
    assert.deepEqual(
      result.policies.map((note) => note.policy.summary),
      ['ws WebSocket: handshakeTimeout 5 s'],
    );
  });

  test('the message names the default and the consequence', () => {
    const { findings } = analyzeCase('require-timeout', { code: `import WebSocket from 'ws';\nexport const socket = new WebSocket('wss://feed');\n` });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /ws WebSocket `socket`.*ws default: none.*never answers the upgrade/);
  });
});
