import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunScheduler, type Timers } from '../../server/src/report/run-scheduler';

/** Timers the test fires by hand: no real time passes. */
function manualTimers(): Timers & { fire(): void; pending: number } {
  const queue = new Map<number, () => void>();
  let next = 0;
  return {
    set: (callback) => {
      next += 1;
      queue.set(next, callback);
      return next;
    },
    clear: (handle) => void queue.delete(handle as number),
    fire: () => {
      const callbacks = [...queue.values()];
      queue.clear();
      callbacks.forEach((callback) => callback());
    },
    get pending() {
      return queue.size;
    },
  };
}

test('changes in quick succession become one run, with the last value', () => {
  const timers = manualTimers();
  const sent: Array<[number, string]> = [];
  const scheduler = new RunScheduler<string>((id, request) => sent.push([id, request]), timers);
  scheduler.request('a');
  scheduler.request('b');
  scheduler.request('c');
  assert.equal(scheduler.state, 'waiting');
  assert.equal(timers.pending, 1);
  timers.fire();
  assert.deepEqual(sent, [[1, 'c']]);
  assert.equal(scheduler.state, 'running');
  assert.equal(scheduler.accept(1), true);
  assert.equal(scheduler.state, 'idle');
});

test('a reply to a replaced run is dropped; the newest one is accepted', () => {
  const timers = manualTimers();
  const sent: number[] = [];
  const scheduler = new RunScheduler<string>((id) => sent.push(id), timers);
  scheduler.request('first', true);
  scheduler.request('second', true);
  assert.deepEqual(sent, [1, 2]);
  assert.equal(scheduler.accept(1), false, 'stale');
  assert.equal(scheduler.accept(2), true);
  assert.equal(scheduler.accept(2), false, 'accepted once');
});

test('a pending change is cancelled by an immediate run and by dispose', () => {
  const timers = manualTimers();
  const sent: string[] = [];
  const scheduler = new RunScheduler<string>((_, request) => sent.push(request), timers);
  scheduler.request('debounced');
  scheduler.request('now', true);
  assert.equal(timers.pending, 0);
  scheduler.request('later');
  scheduler.dispose();
  timers.fire();
  assert.deepEqual(sent, ['now']);
});
