import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventQueue } from '../../server/src/sim/event-queue';
import { Simulation } from '../../server/src/sim/engine';
import { Rng } from '../../server/src/sim/rng';

test('event queue pops in time order and breaks ties by insertion order', () => {
  const q = new EventQueue(2); // tiny, so growth is exercised
  const rng = new Rng(3);
  const times: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const t = Math.floor(rng.next() * 50); // many equal times
    times.push(t);
    q.push(t, 0, i, 0);
  }
  let lastT = -1;
  let lastId = -1;
  while (q.pop()) {
    assert.ok(q.topTime >= lastT, 'time never goes backwards');
    if (q.topTime === lastT) assert.ok(q.topA > lastId, 'equal times come out in insertion order');
    assert.equal(times[q.topA], q.topTime);
    lastT = q.topTime;
    lastId = q.topA;
  }
  assert.equal(q.size, 0);
});

test('handlers run at their scheduled virtual time and the clock stops at the horizon', () => {
  const sim = new Simulation(1);
  const seen: Array<[number, number]> = [];
  const TICK = sim.on((a) => {
    seen.push([sim.now, a]);
    sim.after(10, TICK, a + 1);
  });
  sim.at(5, TICK, 0);
  const out = sim.run({ untilMs: 40 });
  assert.deepEqual(seen, [
    [5, 0],
    [15, 1],
    [25, 2],
    [35, 3],
  ]);
  assert.equal(out.endMs, 40);
  assert.equal(out.events, 4);
});

test('a run whose queue drains ends at its last event', () => {
  const sim = new Simulation(1);
  const NOOP = sim.on(() => {});
  sim.at(12, NOOP);
  assert.equal(sim.run({ untilMs: 1000 }).endMs, 12);
});

test('shouldCancel is polled every N events and stops the run', () => {
  const sim = new Simulation(1);
  const TICK = sim.on(() => sim.after(1, TICK));
  sim.at(0, TICK);
  let polls = 0;
  const out = sim.run({ untilMs: 1e9, cancelCheckEvents: 100, shouldCancel: () => ++polls === 3 });
  assert.equal(out.cancelled, true);
  assert.equal(out.events, 300);
  assert.equal(polls, 3);
});

test('same seed gives the same event sequence; another seed a different one', () => {
  const trace = (seed: number): number[] => {
    const sim = new Simulation(seed);
    const out: number[] = [];
    const E = sim.on(() => {
      out.push(sim.now);
      sim.after(sim.rng.exponential(1), E);
    });
    sim.at(0, E);
    sim.run({ untilMs: 200 });
    return out;
  };
  assert.deepEqual(trace(42), trace(42));
  assert.notDeepEqual(trace(42), trace(43));
});
