import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCase } from '../helpers/rule-tester';

// A retry that calls itself again with a new wait (`retry(fn, delay * 2)`, or a new options object
// `{ ...options, sleep: sleep * 2 }`) and a loop that doubles a parameter (`delay *= 2`) back off:
// the parameter was read as "the same on every attempt", so these were reported as fixed-interval
// retries (Ghost's `retryDb`, audit J). The argument is now replayed once per attempt as an update.

function report(code: string, filename = 'main.js') {
  const jitter = analyzeCase('require-retry-jitter', { code, filename }).findings;
  const fixed = analyzeCase('no-fixed-interval-retry', { code, filename }).findings;
  return { jitter: jitter.map((f) => f.policy!.summary), fixed: fixed.map((f) => f.policy!.summary) };
}

const recursion = (passed: string, wait = 'delay') => `async function retryDb(func, delay, n) {
  try {
    return await func();
  } catch (error) {
    if (n >= 5) throw error;
    await new Promise((resolve) => setTimeout(resolve, ${wait}));
    return await retryDb(func, ${passed}, n + 1);
  }
}
module.exports = retryDb;
`;

const withOptions = (passed: string) => `async function retryDb(func, options) {
  const retryCount = options.retryCount ?? 0;
  try {
    return await func();
  } catch (error) {
    const sleep = options.sleep ?? 0;
    if (retryCount >= options.maxRetries) throw error;
    await new Promise((resolve) => setTimeout(resolve, sleep));
    return await retryDb(func, ${passed});
  }
}
module.exports = retryDb;
`;

test('a wait doubled through the argument of the self-call backs off exponentially from the caller’s value', () => {
  assert.deepEqual(report(recursion('delay * 2')), {
    jitter: ["this recursive retry: 6 attempts, waits growing exponentially from the caller's first wait (no cap); no jitter"],
    fixed: [],
  });
  // Grown by addition: linear.
  assert.match(report(recursion('delay + 500')).jitter[0]!, /waits growing linearly from the caller's first wait/);
  // Capped in the argument: the doubling stops at the cap, which the caller's value cannot exceed for long.
  assert.match(report(recursion('Math.min(delay * 2, 30000)')).jitter[0]!, /waits growing exponentially/);
});

test('a wait option doubled in the options object passed on (Ghost’s retryDb shape)', () => {
  assert.deepEqual(report(withOptions('{ ...options, retryCount: retryCount + 1, sleep: sleep * 2 }')), {
    jitter: ["this recursive retry: capped attempts, waits growing exponentially from the caller's first wait (no cap); no jitter"],
    fixed: [],
  });
  // Through a const holding the literal, and with the option written as a shorthand.
  const viaConst = withOptions('next').replace(
    '    await new Promise',
    '    const next = { ...options, retryCount: retryCount + 1, sleep: sleep * 2 };\n    await new Promise',
  );
  assert.equal(report(viaConst).jitter.length, 1);
  assert.equal(report(viaConst).fixed.length, 0);
});

test('a parameter passed on unchanged, or an options object that keeps the wait, is still a fixed interval', () => {
  assert.deepEqual(report(recursion('delay')).fixed, ["this recursive retry: 6 attempts, the same wait every time; no jitter"]);
  assert.deepEqual(report(withOptions('{ ...options, retryCount: retryCount + 1 }')).fixed, [
    'this recursive retry: capped attempts, the same wait every time; no jitter',
  ]);
});

test('options passed on through a call we do not follow, or without the wait: the schedule is not told', () => {
  for (const passed of [
    'normalize({ ...options, retryCount: retryCount + 1, sleep: sleep * 2 })',
    '{ retryCount: retryCount + 1, maxRetries: options.maxRetries }',
    '{ ...defaults, retryCount: retryCount + 1 }',
  ]) {
    assert.deepEqual(report(withOptions(passed)), { jitter: [], fixed: [] }, passed);
  }
});

test('a parameter doubled in the loop that retries: the waits double from its default', () => {
  const code = `async function send(body, delay = 100) {
  for (let i = 0; i < 5; i++) {
    try {
      return await fetch('http://api', { body, signal: AbortSignal.timeout(1000) });
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
}
module.exports = send;
`;
  const { jitter, fixed } = report(code);
  assert.deepEqual(fixed, []);
  assert.match(jitter[0]!, /^this loop: 5 attempts, waits 100, 200, 400, 800 ms \(exponential, no cap\)/);
});

test('a reconnect timer that re-arms with a doubled argument', () => {
  const code = `const net = require('net');
function connect(delay) {
  const socket = net.connect(80, 'db');
  socket.on('error', () => setTimeout(() => connect(delay * 2), delay));
}
connect(100);
`;
  const { jitter, fixed } = report(code);
  assert.deepEqual(fixed, []);
  assert.deepEqual(jitter, ["this timer retry: no attempt cap, waits growing exponentially from the caller's first wait (no cap); no jitter"]);
});
