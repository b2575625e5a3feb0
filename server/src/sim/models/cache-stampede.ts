import { defineModel } from '../model';
import { summarizeStampede } from './cache-stampede-summary';

/**
 * Cache-aside reads of one hot key or of many keys. When a value expires, every read that
 * misses recomputes it (naive), or one per process does (single-flight), or a read shortly
 * before expiry refreshes it early with a probability that rises as expiry nears (XFetch,
 * Vattani et al., VLDB 2015). TTL jitter spreads the expiries of keys written together.
 */
export const cacheStampedeModel = defineModel({
  id: 'cache-stampede',
  title: 'Cache stampede',
  description:
    'A hot key (or many keys written together) expires and concurrent misses all recompute it against the database. Compares naive cache-aside with single-flight, XFetch early refresh and TTL jitter.',
  defaultHorizonMs: 300_000,
  // Long enough to see every key expire at least twice, whatever the TTL read from the code.
  horizonFor: (params) => Math.max(300_000, 2.5 * (Number(params.ttlMs) + Number(params.ttlJitterMs ?? 0))),
  params: [
    {
      name: 'strategy',
      label: 'Strategy',
      description:
        'naive: every miss recomputes. single-flight: one recomputation per key per process, other readers wait for it. xfetch: probabilistic early refresh (−Δ·β·ln(rand) before expiry).',
      type: 'enum',
      values: ['naive', 'single-flight', 'xfetch'],
      default: 'naive',
    },
    {
      name: 'keys',
      label: 'Keys',
      description: 'Keys read (uniformly); 1 is the hot-key case.',
      type: 'integer',
      unit: 'count',
      default: 1,
      min: 1,
      max: 10_000_000,
    },
    {
      name: 'readsPerSec',
      label: 'Read rate',
      description: 'Reads per second over all keys (Poisson).',
      type: 'number',
      unit: '1/s',
      default: 10,
      min: 0,
      max: 10_000_000,
    },
    {
      name: 'processes',
      label: 'Processes',
      description: 'Application processes sharing the cache; single-flight works within one.',
      type: 'integer',
      unit: 'count',
      default: 1,
      min: 1,
      max: 100_000,
    },
    {
      name: 'recomputeMs',
      label: 'Recompute time Δ',
      description: 'Time to rebuild a value from the database.',
      type: 'number',
      unit: 'ms',
      default: 3000,
      min: 0.001,
      max: 3_600_000,
    },
    {
      name: 'recomputeCv',
      label: 'Recompute variability',
      description: 'Coefficient of variation of the recompute time (lognormal; 0 = constant).',
      type: 'number',
      unit: 'fraction',
      default: 0,
      min: 0,
      max: 10,
    },
    {
      name: 'dbSlowdown',
      label: 'Database slowdown',
      description: 'Extra recompute time per other recomputation running at once (the database under a stampede).',
      type: 'number',
      unit: 'fraction',
      default: 0,
      min: 0,
      max: 100,
    },
    {
      name: 'ttlMs',
      label: 'TTL',
      description: 'Time a written value stays valid.',
      type: 'number',
      unit: 'ms',
      default: 60_000,
      min: 1,
      max: 1e10,
    },
    {
      name: 'ttlJitterMs',
      label: 'TTL jitter',
      description: 'Each write gets TTL ± a uniform amount up to this.',
      type: 'number',
      unit: 'ms',
      default: 0,
      min: 0,
      max: 1e10,
    },
    {
      name: 'beta',
      label: 'XFetch β',
      description: 'Eagerness of early refresh; 1 is the paper’s default.',
      type: 'number',
      unit: '×',
      default: 1,
      min: 0,
      max: 100,
    },
    {
      name: 'hitMs',
      label: 'Hit latency',
      description: 'Latency of a read served from the cache.',
      type: 'number',
      unit: 'ms',
      default: 1,
      min: 0,
      max: 60_000,
    },
    {
      name: 'coldStart',
      label: 'Cold start',
      description: 'Start with an empty cache instead of every key freshly written at time 0.',
      type: 'boolean',
      default: false,
    },
  ],
  metrics: [
    { id: 'reads', label: 'Reads', unit: '1/s', kind: 'rate' },
    {
      id: 'misses',
      label: 'Hard misses',
      unit: '1/s',
      kind: 'rate',
      description: 'Reads that found the value expired or absent.',
    },
    { id: 'recomputes', label: 'Recomputations (DB queries)', unit: '1/s', kind: 'rate' },
    {
      id: 'expirations',
      label: 'Expiries',
      unit: '1/s',
      kind: 'rate',
      description: 'Refresh episodes started: a key needing recomputation with none under way.',
    },
    { id: 'dbLoad', label: 'DB load', unit: 'count', kind: 'gauge', description: 'Recomputations running at once.' },
    { id: 'latencyP50', label: 'Read latency p50', unit: 'ms', kind: 'quantile', source: 'latency', q: 0.5 },
    { id: 'latencyP99', label: 'Read latency p99', unit: 'ms', kind: 'quantile', source: 'latency', q: 0.99 },
  ],
  setup({ sim, rec, p }) {
    const rng = sim.rng;
    const strategy = p.str('strategy');
    const keys = p.num('keys');
    const rate = p.num('readsPerSec');
    const procs = p.num('processes');
    const deltaMs = p.num('recomputeMs');
    const deltaCv = p.num('recomputeCv');
    const dbSlowdown = p.num('dbSlowdown');
    const ttlMs = p.num('ttlMs');
    const jitterMs = p.num('ttlJitterMs');
    const beta = p.num('beta');
    const hitMs = p.num('hitMs');
    const singleFlight = strategy === 'single-flight';
    const xfetch = strategy === 'xfetch';

    const reads = rec.counter('reads');
    const misses = rec.counter('misses');
    const recomputes = rec.counter('recomputes');
    const expirations = rec.counter('expirations');
    const dbLoad = rec.gauge('dbLoad');
    const latency = rec.histogram('latency');
    const expiry = new Float64Array(keys);
    const lastDelta = new Float64Array(keys).fill(deltaMs);
    const running = new Int32Array(keys);
    const episodeCount = new Int32Array(keys);
    // Single-flight: which (key, process) pairs have a recomputation under way, and who waits.
    const inFlight = singleFlight ? new Uint8Array(keys * procs) : new Uint8Array(0);
    const waiters = new Map<number, number[]>();
    let maxPerEpisode = 0;
    const ttl = (): number => (jitterMs > 0 ? ttlMs + rng.uniform(-jitterMs, jitterMs) : ttlMs);
    if (!p.bool('coldStart')) for (let k = 0; k < keys; k++) expiry[k] = ttl();

    // Payload of DONE: a = key·procs + process, b = when the recomputation started.
    const DONE = sim.on((slot, startedAt) => {
      const now = sim.now;
      const k = Math.floor(slot / procs);
      latency.record(now, now - startedAt);
      expiry[k] = now + ttl();
      lastDelta[k] = now - startedAt;
      dbLoad.add(now, -1);
      if (--running[k]! === 0) {
        maxPerEpisode = Math.max(maxPerEpisode, episodeCount[k]!);
        episodeCount[k] = 0;
      }
      if (singleFlight) {
        inFlight[slot] = 0;
        const queued = waiters.get(slot);
        if (queued !== undefined) {
          for (const t of queued) latency.record(now, now - t);
          waiters.delete(slot);
        }
      }
    });
    const recompute = (k: number, slot: number): void => {
      const now = sim.now;
      if (running[k] === 0) expirations.add(now);
      running[k]!++;
      episodeCount[k]!++;
      recomputes.add(now);
      dbLoad.add(now, 1);
      const base = deltaCv > 0 ? rng.lognormalMeanCv(deltaMs, deltaCv) : deltaMs;
      sim.after(base * (1 + dbSlowdown * (dbLoad.value - 1)), DONE, slot, now);
    };
    const READ = sim.on(() => {
      const now = sim.now;
      sim.after(rng.exponential(1000 / rate), READ);
      reads.add(now);
      const k = keys > 1 ? rng.int(keys) : 0;
      const proc = procs > 1 ? rng.int(procs) : 0;
      const slot = k * procs + proc;
      if (now < expiry[k]!) {
        // XFetch: refresh early when now − Δ·β·ln(U) ≥ expiry; 1 − U keeps ln finite.
        if (xfetch && now - lastDelta[k]! * beta * Math.log(1 - rng.next()) >= expiry[k]!) recompute(k, slot);
        else latency.record(now, hitMs);
        return;
      }
      misses.add(now);
      if (!singleFlight) return recompute(k, slot);
      if (inFlight[slot] === 1) {
        let list = waiters.get(slot);
        if (list === undefined) waiters.set(slot, (list = []));
        list.push(now);
        return;
      }
      inFlight[slot] = 1;
      recompute(k, slot);
    });
    if (rate > 0) sim.after(rng.exponential(1000 / rate), READ);

    return {
      summarize: (view) =>
        summarizeStampede(view, {
          strategy,
          keys,
          processes: procs,
          lambdaDelta: (rate / keys) * (deltaMs / 1000),
          totals: {
            recomputes: recomputes.total,
            episodes: expirations.total,
            misses: misses.total,
            reads: reads.total,
          },
          maxPerEpisode: Math.max(maxPerEpisode, ...Array.from(episodeCount.subarray(0, Math.min(keys, 1000)))),
          peakDbLoad: dbLoad.peak,
          latency: latency.run,
        }),
    };
  },
});
