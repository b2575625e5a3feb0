import { defineModel } from '../model';
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
  params: [
    { name: 'ratePerSec', label: 'Request rate', description: 'Requests per second, each needing one query (Poisson).', type: 'number', unit: '1/s', default: 150, min: 0, max: 1_000_000 },
    { name: 'spikeMultiplier', label: 'Spike size', description: 'Request rate multiplier during the spike.', type: 'number', unit: '×', default: 3, min: 1, max: 1000 },
    { name: 'spikeAtMs', label: 'Spike start', description: 'When the spike begins.', type: 'number', unit: 'ms', default: 10_000, min: 0, max: 1e9 },
    { name: 'spikeDurationMs', label: 'Spike length', description: 'How long the spike lasts.', type: 'number', unit: 'ms', default: 5000, min: 0, max: 1e9 },
    { name: 'poolSize', label: 'Pool size', description: 'Most connections open at once; 0 means no limit (e.g. an http.Agent with maxSockets Infinity).', type: 'integer', unit: 'count', default: 0, min: 0, max: 1_000_000 },
    { name: 'waitQueueLimit', label: 'Wait queue limit', description: 'Most requests waiting for a connection; 0 means no limit (pg, generic-pool defaults).', type: 'integer', unit: 'count', default: 0, min: 0, max: 10_000_000 },
    { name: 'acquireTimeoutMs', label: 'Acquire timeout', description: 'How long a request waits for a connection before failing; 0 means forever (pg connectionTimeoutMillis default).', type: 'number', unit: 'ms', default: 0, min: 0, max: 3_600_000 },
    { name: 'dbCores', label: 'Database parallelism', description: 'Queries the database runs at full speed at once.', type: 'integer', unit: 'count', default: 8, min: 1, max: 100_000 },
    { name: 'queryMs', label: 'Query time', description: 'Mean time of one query alone on the database (lognormal).', type: 'number', unit: 'ms', default: 20, min: 0.001, max: 600_000 },
    { name: 'queryCv', label: 'Query time variability', description: 'Coefficient of variation of the query time.', type: 'number', unit: 'fraction', default: 0.3, min: 0, max: 10 },
    { name: 'contention', label: 'Contention', description: 'Extra slowdown per concurrent query beyond dbCores: with k > cores, every query runs (cores/k)/(1 + contention·(k − cores)) as fast.', type: 'number', unit: 'fraction', default: 0.02, min: 0, max: 10 },
    { name: 'holdMs', label: 'Connection hold', description: 'Time the application keeps the connection after its query (processing, a second statement).', type: 'number', unit: 'ms', default: 2, min: 0, max: 600_000 },
    { name: 'clientTimeoutMs', label: 'Caller timeout', description: 'When the caller stops waiting; an answer after it is wasted.', type: 'number', unit: 'ms', default: 1000, min: 1, max: 3_600_000 },
  ],
  metrics: [
    { id: 'offered', label: 'Offered load', unit: '1/s', kind: 'rate' },
    { id: 'throughput', label: 'Throughput', unit: '1/s', kind: 'rate', description: 'Requests answered, in time or not.' },
    { id: 'goodput', label: 'Goodput', unit: '1/s', kind: 'rate', description: 'Requests answered before the caller gave up.' },
    { id: 'rejected', label: 'Rejections', unit: '1/s', kind: 'rate', description: 'Wait queue full or acquire timeout.' },
    { id: 'poolInUse', label: 'Pool in use', unit: 'count', kind: 'gauge' },
    { id: 'waiters', label: 'Waiting for a connection', unit: 'count', kind: 'gauge' },
    { id: 'dbConcurrency', label: 'DB concurrency', unit: 'count', kind: 'gauge' },
    { id: 'latencyP50', label: 'Response time p50', unit: 'ms', kind: 'quantile', source: 'latency', q: 0.5 },
    { id: 'latencyP99', label: 'Response time p99', unit: 'ms', kind: 'quantile', source: 'latency', q: 0.99 },
  ],
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
            `Peak ${dbGauge.peak} queries at once on ${cores} database cores (each running at ${Math.round(100 * (v.dbSpeedAtPeak as number))} % speed); ` +
            `peak ${waitersGauge.peak} waiting for a connection; ${Math.round(100 * (v.lateFraction as number))} % of answers came after the caller gave up.`,
        }),
    };
  },
});
