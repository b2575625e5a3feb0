// Simulator speed: raw events per second of the engine, and an M/M/1 run of 1M customers.
// Run: node --import tsx bench/sim-engine.ts
import { performance } from 'node:perf_hooks';
import { Simulation } from '../server/src/sim/engine';
import { runModel } from '../server/src/sim/index';

/** The classic "hold" benchmark: a fixed number of pending events, each rescheduling itself. */
function hold(pending: number, events: number): number {
  const sim = new Simulation(1);
  const rng = sim.rng;
  const E = sim.on((a) => sim.after(rng.exponential(1), E, a));
  for (let i = 0; i < pending; i++) sim.at(rng.exponential(1), E, i);
  const t0 = performance.now();
  const out = sim.run({ untilMs: Infinity, maxEvents: events, cancelCheckEvents: 65536 });
  const seconds = (performance.now() - t0) / 1000;
  return out.events / seconds;
}

function best<T>(runs: number, f: () => T, better: (a: T, b: T) => boolean): T {
  let result = f();
  for (let i = 1; i < runs; i++) {
    const r = f();
    if (better(r, result)) result = r;
  }
  return result;
}

hold(100, 2_000_000); // warm up the JIT
for (const pending of [10, 1_000, 100_000]) {
  const rate = best(
    3,
    () => hold(pending, 10_000_000),
    (a, b) => a > b,
  );
  console.log(`engine, ${pending.toLocaleString('en')} pending events: ${(rate / 1e6).toFixed(2)} M events/s`);
}

const mm1 = (): { ms: number; customers: number; events: number } => {
  const t0 = performance.now();
  const r = runModel(
    'queue',
    { arrivalRatePerSec: 0.8, serviceRatePerSec: 1, servers: 1, capacity: 0 },
    {
      seed: 1,
      horizonMs: 1.25e9, // 1M customers at λ = 0.8/s
    },
  );
  return { ms: performance.now() - t0, customers: Number(r.summary.values.customers), events: r.events };
};
const first = mm1();
const warm = best(3, mm1, (a, b) => a.ms < b.ms);
console.log(
  `M/M/1 (ρ=0.8), ${warm.customers.toLocaleString('en')} customers, ${warm.events.toLocaleString('en')} events: ` +
    `${warm.ms.toFixed(0)} ms (first, cold: ${first.ms.toFixed(0)} ms)`,
);
