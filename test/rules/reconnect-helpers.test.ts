import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// A reconnect timer whose failure handler sits in a helper: the connecting function opens the
// socket and hands it to the helper, whose 'close' listener re-arms the connecting function.
// Node-RED's websocket client node (core/network/22-websocket.js) reconnects this way, every
// 3 s, with every client of a restarted server in step.

const helper = (calls: string) => `const WebSocket = require('ws');
module.exports = function (node) {
  function startconn() {
    const socket = new WebSocket(node.url, { handshakeTimeout: 5000 });
    ${calls}
  }
  function handleConnection(socket) {
    socket.on('message', (data) => node.send(data));
    socket.on('close', function () {
      if (!node.closing) node.tout = setTimeout(function () { startconn(); }, 3000);
    });
  }
  startconn();
};
`;

describe('no-fixed-interval-retry: reconnect timers in a helper of the connecting function', () => {
  runRuleTests('no-fixed-interval-retry', {
    valid: [
      {
        name: 'the timer calls a function that does not hand its socket to the helper',
        filename: 'ws-node.js',
        code: helper('node.socket = socket;'),
      },
      {
        name: 'a local function of the same name is another function',
        filename: 'ws-node.js',
        code: helper('function handleConnection(s) { node.socket = s; }\n    handleConnection(socket);'),
      },
      {
        name: 'a helper that re-arms with backoff and jitter',
        code: `import net from 'node:net';\nlet delayMs = 100;\nconst connect = (): void => {\n  const socket = net.connect(6379, 'cache');\n  socket.on('connect', () => { delayMs = 100; });\n  watch(socket);\n};\nconst watch = (socket: net.Socket): void => {\n  socket.on('close', () => {\n    delayMs = Math.min(delayMs * 2, 30_000);\n    setTimeout(connect, Math.random() * delayMs);\n  });\n};\nconnect();\n`,
      },
    ],
    invalid: [
      {
        name: "Node-RED's websocket client: the helper's 'close' listener re-arms startconn every 3 s",
        filename: 'ws-node.js',
        code: helper('handleConnection(socket);'),
        errors: [{ messageId: 'fixedInterval', line: 10 }],
        output: null,
      },
      {
        name: 'arrow functions in constants, the connecting function passed to setTimeout by name',
        code: `import net from 'node:net';\nconst connect = (): void => {\n  const socket = net.connect(6379, 'cache');\n  watch(socket);\n};\nconst watch = (socket: net.Socket): void => {\n  socket.on('close', () => setTimeout(connect, 1000));\n};\nconnect();\n`,
        errors: [{ messageId: 'fixedInterval', line: 7 }],
        output: null,
      },
    ],
  });
});
