import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';

// A wait variable updated in several steps per attempt is replayed step by step. A cap written as
// `if (delay > MAX) delay = MAX` after the doubling was read as the only update ("waits 100, 5000,
// 5000 …"), so the hover, the message and the simulation told a schedule the code does not have.
// The same holds for a property of a module object (`obj.backoffTimer`), re-armed through
// `setTimeout(obj.connect, …)` from the function assigned to `obj.connect`.

function summaries(ruleId: string, code: string): string[] {
  const { findings, result } = analyzeCase(ruleId, { code, filename: 'main.js' });
  return [...findings.map((f) => f.policy!.summary), ...result.policies.map((note) => note.policy.summary)];
}

test('doubling, then a cap under an if: the waits double up to the cap', () => {
  const code = `exports.withRetry = async (fn) => {
  let delay = 100;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fn();
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = delay * 2;
      if (delay > 500) delay = 500;
    }
  }
  throw new Error('failed');
};
`;
  assert.match(summaries('require-retry-jitter', code)[0]!, /^this loop: 5 attempts, waits 100, 200, 400, 500 ms \(exponential, cap 500\)/);
});

test("a reconnect that adds, doubles, caps and resets after a long connection (MeshCentral's push relay)", () => {
  const code = `const WebSocket = require('ws');
module.exports = function (relayUrl) {
  let backoffMs = 0;
  let lastConnect = null;
  function connect() {
    const socket = new WebSocket(relayUrl);
    socket.on('open', () => { lastConnect = Date.now(); });
    socket.on('close', () => {
      if (lastConnect != null && Date.now() - lastConnect > 10000) { backoffMs = 0; }
      backoffMs += 1000;
      backoffMs = backoffMs * 2;
      if (backoffMs > 1200000) { backoffMs = 600000; }
      setTimeout(connect, backoffMs);
    });
  }
  connect();
};
`;
  const [finding] = analyzeCase('require-retry-jitter', { code, filename: 'relay.js' }).findings;
  assert.ok(finding, 'reported');
  assert.match(finding.policy!.summary, /waits 2000, 6000, 14000, 30000, 62000, … ms \(exponential/);
});

test('an update in an else branch, or a reset to another value on a condition it cannot evaluate: the schedule is not told', () => {
  const elseBranch = `exports.retry = async (fn, fast) => {
  let delay = 100;
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fn(); } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (fast) { delay = 50; } else { delay = delay * 2; }
    }
  }
};
`;
  const otherReset = `exports.retry = async (fn) => {
  let delay = 100;
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fn(); } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = delay * 2;
      if (error.code === 'ETIMEDOUT') delay = 30000;
    }
  }
};
`;
  for (const code of [elseBranch, otherReset]) {
    for (const rule of ['require-retry-jitter', 'no-fixed-interval-retry']) {
      assert.deepEqual(analyzeCase(rule, { code, filename: 'main.js' }).findings, [], `${rule}:\n${code}`);
    }
  }
});

describe('require-retry-jitter: a backoff kept on a module object', () => {
  runRuleTests('require-retry-jitter', {
    valid: [
      {
        name: "MeshCentral's push relay with a random part in the wait",
        filename: 'relay.js',
        code: `const WebSocket = require('ws');\n\nmodule.exports = function (relayUrl) {\n  const obj = { backoffTimer: 0 };\n  obj.connectWebSocket = function () {\n    if (obj.reconnectTimer != null) { clearTimeout(obj.reconnectTimer); delete obj.reconnectTimer; }\n    if (obj.wsclient != null) return;\n    obj.wsclient = new WebSocket(relayUrl);\n    obj.wsclient.on('open', function () { obj.lastConnect = Date.now(); });\n    obj.wsclient.on('error', function (err) { console.log('Error: ' + err); });\n    obj.wsclient.on('close', function () {\n      obj.wsclient = null;\n      if (obj.reconnectTimer == null) {\n        if ((obj.lastConnect != null) && ((Date.now() - obj.lastConnect) > 10000)) { obj.backoffTimer = 0; }\n        obj.backoffTimer += 1000;\n        obj.backoffTimer = obj.backoffTimer * 2;\n        if (obj.backoffTimer > 1200000) { obj.backoffTimer = 600000; }\n        obj.reconnectTimer = setTimeout(obj.connectWebSocket, obj.backoffTimer * (0.5 + Math.random() / 2));\n      }\n    });\n  };\n  obj.connectWebSocket();\n  return obj;\n};\n`,
      },
    ],
    invalid: [
      {
        name: "MeshCentral's push relay: obj.backoffTimer added to, doubled and capped on 'close', obj.connectWebSocket re-armed",
        filename: 'relay.js',
        code: `const WebSocket = require('ws');\n\nmodule.exports = function (relayUrl) {\n  const obj = { backoffTimer: 0 };\n  obj.connectWebSocket = function () {\n    if (obj.reconnectTimer != null) { clearTimeout(obj.reconnectTimer); delete obj.reconnectTimer; }\n    if (obj.wsclient != null) return;\n    obj.wsclient = new WebSocket(relayUrl);\n    obj.wsclient.on('open', function () { obj.lastConnect = Date.now(); });\n    obj.wsclient.on('error', function (err) { console.log('Error: ' + err); });\n    obj.wsclient.on('close', function () {\n      obj.wsclient = null;\n      if (obj.reconnectTimer == null) {\n        if ((obj.lastConnect != null) && ((Date.now() - obj.lastConnect) > 10000)) { obj.backoffTimer = 0; }\n        obj.backoffTimer += 1000;\n        obj.backoffTimer = obj.backoffTimer * 2;\n        if (obj.backoffTimer > 1200000) { obj.backoffTimer = 600000; }\n        obj.reconnectTimer = setTimeout(obj.connectWebSocket, obj.backoffTimer);\n      }\n    });\n  };\n  obj.connectWebSocket();\n  return obj;\n};\n`,
        errors: [{ messageId: 'noJitter', line: 18 }],
        output: null,
      },
    ],
  });
});
