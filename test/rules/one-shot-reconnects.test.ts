import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// A reconnect timer under a one-shot flag — set only under `if (end)` in a branch that clears
// `end`, where `end` is raised outside any failure handler — fires once per raise, not once per
// failure. Node-RED's TCP request node reconnects 20 ms after it closed the connection itself
// (its input handler sets `end = true` and destroys the socket); audit I reported that timer as a
// fixed-interval retry. The fixed wait after every other close is still reported, and a flag
// raised by a failure handler keeps the timer a retry.

const tcpRequest = (raise: string) => `const net = require('net');
module.exports = function (node, reconnectTime) {
  let client = null;
  let reconnectTimeout;
  let end = false;
  const setupTcpClient = function () {
    client = net.connect(node.port, node.host, () => { node.connected = true; });
    client.on('error', (err) => { node.log(err); });${raise.startsWith('error') ? "\n    client.on('error', () => { end = true; });" : ''}
    client.on('close', function () {
      node.connected = false;
      client.destroy();
      if (!node.closing) {
        if (end) {
          end = false;
          reconnectTimeout = setTimeout(setupTcpClient, 20);
        } else {
          reconnectTimeout = setTimeout(setupTcpClient, reconnectTime);
        }
      }
    });
  };
  setupTcpClient();
  node.on('input', function (msg) {
    client.write(msg.payload);${raise === 'input' ? '\n    if (node.doend === true) { end = true; client.destroy(); }' : ''}
  });
};
`;

describe('no-fixed-interval-retry: a reconnect under a one-shot flag', () => {
  runRuleTests('no-fixed-interval-retry', {
    valid: [],
    invalid: [
      {
        name: "Node-RED's TCP request node: the 20 ms reconnect after its own close is not a retry; the fixed reconnect time is",
        filename: 'tcp-request.js',
        code: tcpRequest('input'),
        errors: [{ messageId: 'fixedInterval', line: 17 }],
        output: null,
      },
      {
        name: 'the same flag raised by an error listener: every failure arms the 20 ms reconnect',
        filename: 'tcp-request.js',
        code: tcpRequest('error'),
        errors: [
          { messageId: 'fixedInterval', line: 16 },
          { messageId: 'fixedInterval', line: 18 },
        ],
        output: null,
      },
      {
        name: 'a flag the branch does not clear is no one-shot',
        filename: 'tcp-request.js',
        code: tcpRequest('input').replace('          end = false;\n', ''),
        errors: [
          { messageId: 'fixedInterval', line: 14 },
          { messageId: 'fixedInterval', line: 16 },
        ],
        output: null,
      },
    ],
  });
});
