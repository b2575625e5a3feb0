import { defineModel } from '../model';
import { POOL_EXHAUSTION_METRICS, POOL_EXHAUSTION_PARAMS } from './pool-exhaustion-spec';
import { ProcessorSharing } from '../processor-sharing';
import { RingBuffer } from '../ring-buffer';
import { SlotPool } from '../slot-pool';
import { summarizeTrigger } from '../trigger-summary';

/**
 * A connection pool in front of a database whose queries slow down as more run at once (CPU
 * sharing plus contention: locks, buffer cache, context switches). An unbounded pool lets a
 * spike push the database past the point where more concurrency means less throughput; an
 * unbounded wait queue keeps serving requests whose callers already left.
 */
export const poolExhaustionModel = defineModel({
  id: 'pool-exhaustion',
  title: 'Pool exhaustion',
  description:
    'A load spike against a connection pool (bounded or not) with a wait queue (bounded or not) in front of a database that slows down under concurrency.',
  defaultHorizonMs: 60_000,
  params: POOL_EXHAUSTION_PARAMS,
  metrics: POOL_EXHAUSTION_METRICS,
  setup({ sim, rec, p, horizonMs }) {
    const rng = sim.rng;
    const rate = p.num('ratePerSec');
    const spike = p.num('spikeMultiplier');
    const spikeAt = p.num('spikeAtMs');
    const spikeEnd = spikeAt + p.num('spikeDurationMs');
    const poolSize = p.num('poolSize') > 0 ? p.num('poolSize') : Infinity;
    const waitLimit = p.num('waitQueueLimit') > 0 ? p.num('waitQueueLimit') : Infinity;
    const acquireTimeoutMs = p.num('acquireTimeoutMs');
    const cores = p.num('dbCores');
    const queryMs = p.num('queryMs');
    const queryCv = p.num('queryCv');
    const contention = p.num('contention');
    const holdMs = p.num('holdMs');
    const clientTimeoutMs = p.num('clientTimeoutMs');

    const offered = rec.counter('offered');
    const throughput = rec.counter('throughput');
    const goodput = rec.counter('goodput');
    const rejected = rec.counter('rejected');
    const late = rec.counter('late');
    const inUse = rec.gauge('poolInUse');
    const waitersGauge = rec.gauge('waiters');
    const dbGauge = rec.gauge('dbConcurrency');
    const latency = rec.histogram('latency');
    const requests = new SlotPool(['startMs', 'waiting'] as const);
    const { startMs, waiting } = requests.fields;
    const queue = new RingBuffer(256);
    let connections = 0;
    let waiters = 0;
    let loadFactor = 1;
    let arrivalStream = 0;

    const speed = (k: number): number => (k <= cores ? 1 : cores / k / (1 + contention * (k - cores)));
    const db = new ProcessorSharing(sim, speed, (r) => {
      dbGauge.set(sim.now, db.count);
      sim.after(holdMs, RELEASE, r);
    });
    const grant = (r: number): void => {
      inUse.set(sim.now, ++connections);
      db.add(r, rng.lognormalMeanCv(queryMs, queryCv));
      dbGauge.set(sim.now, db.count);
    };
    const RELEASE = sim.on((r) => {
      const now = sim.now;
      const elapsed = now - startMs[r]!;
      throughput.add(now);
      latency.record(now, elapsed);
      if (elapsed <= clientTimeoutMs) goodput.add(now);
      else late.add(now);
      requests.free(r);
      inUse.set(now, --connections);
      // Hand the connection to the oldest request still waiting (timed-out ones are skipped).
      while (queue.size > 0 && connections < poolSize) {
        const next = queue.popFront();
        if (waiting[next] !== 1) continue;
        waiting[next] = 0;
        waitersGauge.set(now, --waiters);
        grant(next);
      }
    });
    // Payload b: the request's start time, which tells a reused slot from the one that waited.
    const ACQUIRE_TIMEOUT = sim.on((r, started) => {
      if (waiting[r] !== 1 || startMs[r] !== started) return;
      waiting[r] = 0;
      waitersGauge.set(sim.now, --waiters);
      rejected.add(sim.now);
      requests.free(r);
    });
    const ARRIVE = sim.on((stream) => {
      if (stream !== arrivalStream) return;
      const now = sim.now;
      sim.after(rng.exponential(1000 / (rate * loadFactor)), ARRIVE, stream);
      offered.add(now);
      if (connections < poolSize) {
        const r = requests.alloc();
        startMs[r] = now;
        waiting[r] = 0;
        grant(r);
      } else if (waiters < waitLimit) {
        const r = requests.alloc();
        startMs[r] = now;
        waiting[r] = 1;
        queue.pushBack(r);
        waitersGauge.set(now, ++waiters);
        if (acquireTimeoutMs > 0) sim.after(acquireTimeoutMs, ACQUIRE_TIMEOUT, r, now);
      } else {
        rejected.add(now);
      }
    });
    const restartArrivals = (): void => {
      if (rate > 0) sim.after(rng.exponential(1000 / (rate * loadFactor)), ARRIVE, ++arrivalStream);
    };
    const SPIKE = sim.on((on) => {
      loadFactor = on === 1 ? spike : 1;
      restartArrivals();
    });
    restartArrivals();
    if (spikeEnd > spikeAt) {
      sim.at(spikeAt, SPIKE, 1);
      sim.at(spikeEnd, SPIKE, 0);
    }

    return {
      summarize: (view) =>
        summarizeTrigger(view, {
          triggerAt: spikeAt,
          triggerEnd: Math.min(spikeEnd, horizonMs),
          what: 'the spike',
          extraValues: {
            dbCapacityPerSec: (cores * 1000) / queryMs,
            peakPoolInUse: inUse.peak,
            peakWaiters: waitersGauge.peak,
            peakDbConcurrency: dbGauge.peak,
            dbSpeedAtPeak: speed(dbGauge.peak),
            rejected: rejected.total,
            lateFraction: throughput.total > 0 ? late.total / throughput.total : 0,
          },
          explain: (v) =>
            [
              `Peak ${dbGauge.peak} queries at once on ${cores} database cores, each then running at ${Math.round(100 * (v.dbSpeedAtPeak as number))} % speed`,
              waitersGauge.peak > 0 ? `peak ${waitersGauge.peak} requests waiting for a connection` : '',
              throughput.total > 0
                ? `${Math.round(100 * (v.lateFraction as number))} % of answers came after the caller gave up`
                : 'no answers at all',
            ]
              .filter((s) => s !== '')
              .join('; ') + '.',
        }),
    };
  },
});
