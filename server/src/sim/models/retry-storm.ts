import { defineModel } from '../model';
import { backoffDelayMs, type Backoff } from '../policies/backoff';
import { TokenBucket } from '../policies/token-bucket';
import { RingBuffer } from '../ring-buffer';
import { SlotPool } from '../slot-pool';
import { RETRY_STORM_METRICS } from './retry-storm-metrics';
import { RETRY_STORM_PARAMS } from './retry-storm-spec';
import { summarizeRetryStorm } from './retry-storm-summary';

/** Backlog per worker at which the overload slowdown reaches its full value. */
const OVERLOAD_KNEE_PER_WORKER = 4;
const MODE_NORMAL = 0;
const MODE_STALL = 1;
const MODE_ERRORS = 2;

/**
 * Clients calling a server through a trigger (outage, errors, spike), with a client timeout, a
 * retry policy and an optional retry budget. Shows retry storms and metastable failure: after
 * the trigger, retries and a queue of requests nobody waits for keep goodput near zero while
 * the server is busy at full throughput.
 */
export const retryStormModel = defineModel({
  id: 'retry-storm',
  title: 'Retry storm',
  description:
    'Clients with a timeout and a retry policy call a server of fixed capacity through a trigger. Shows whether goodput comes back after the trigger or stays down (metastable failure), and what cures it.',
  defaultHorizonMs: 60_000,
  params: RETRY_STORM_PARAMS,
  metrics: RETRY_STORM_METRICS,
  setup({ sim, rec, p, horizonMs }) {
    const rng = sim.rng;
    const open = p.str('population') === 'open';
    const clients = p.num('clients');
    const ratePerSec = p.num('ratePerSec');
    const thinkMs = p.num('thinkMs');
    const servers = p.num('servers');
    const serviceMs = p.num('serviceMs');
    const serviceCv = p.num('serviceCv');
    const slowdown = p.num('overloadSlowdown') - 1;
    const queueLimit = p.num('queueLimit') > 0 ? p.num('queueLimit') : Infinity;
    const discipline = p.str('discipline');
    const timeoutMs = p.num('timeoutMs');
    const policy = p.str('retry');
    const maxAttempts = policy === 'none' ? 1 : p.num('attempts');
    const backoff = (policy === 'none' ? 'immediate' : policy) as Backoff;
    const baseMs = p.num('baseDelayMs');
    const capMs = p.num('capDelayMs');
    const errorRate = p.num('errorRate');
    const trigger = p.str('trigger');
    const triggerAt = p.num('triggerAtMs');
    const triggerEnd = triggerAt + p.num('triggerDurationMs');
    const spike = p.num('spikeMultiplier');
    const fastFailMs = p.num('fastFailMs');
    const budget = p.bool('retryBudget')
      ? new TokenBucket(
          p.num('budgetTokens'),
          p.num('retryCostTokens'),
          p.num('timeoutRetryCostTokens'),
          p.num('successRefundTokens'),
        )
      : undefined;

    const offered = rec.counter('offered');
    const attemptsC = rec.counter('attempts');
    const retries = rec.counter('retries');
    const throughput = rec.counter('throughput');
    const goodput = rec.counter('goodput');
    const finished = rec.counter('finished');
    const wasted = rec.counter('wasted');
    const rejected = rec.counter('rejected');
    const dropped = rec.counter('dropped');
    const queueLength = rec.gauge('queueLength');
    const busyGauge = rec.gauge('busy');
    const tokens = rec.gauge('retryTokens');
    const latency = rec.histogram('latency');

    // A request (what the user asked for) and its attempts live in separate pools: an abandoned
    // attempt may still sit in the server queue after its request has moved on or finished.
    const requests = new SlotPool(['startMs', 'attempts', 'previousDelayMs', 'client', 'currentSerial'] as const);
    const { startMs, attempts: made, previousDelayMs, client, currentSerial } = requests.fields;
    const attemptPool = new SlotPool(['request', 'serial'] as const);
    const { request: attemptRequest, serial: attemptSerial } = attemptPool.fields;
    const queue = new RingBuffer(256);
    let serialSeq = 0;
    let busy = 0;
    let mode = MODE_NORMAL;
    let loadFactor = 1;
    let arrivalStream = 0;
    if (budget !== undefined) tokens.set(0, budget.tokens);

    const isCurrent = (a: number): boolean => currentSerial[attemptRequest[a]!] === attemptSerial[a];

    const startRequest = (c: number): void => {
      const r = requests.alloc();
      startMs[r] = sim.now;
      made[r] = 0;
      previousDelayMs[r] = baseMs;
      client[r] = c;
      currentSerial[r] = -1;
      offered.add(sim.now);
      send(r);
    };

    const send = (r: number): void => {
      const now = sim.now;
      made[r]!++;
      attemptsC.add(now);
      if (made[r]! > 1) retries.add(now);
      const serial = ++serialSeq;
      currentSerial[r] = serial;
      if (timeoutMs > 0) sim.after(timeoutMs, TIMEOUT, r, serial);
      if (mode === MODE_ERRORS || queue.size >= queueLimit) {
        rejected.add(now);
        sim.after(fastFailMs, FAST_FAIL, r, serial);
        return;
      }
      const a = attemptPool.alloc();
      attemptRequest[a] = r;
      attemptSerial[a] = serial;
      queue.pushBack(a);
      queueLength.set(now, queue.size);
      startWork();
    };

    const startWork = (): void => {
      while (busy < servers && mode !== MODE_STALL && queue.size > 0) {
        const a = discipline === 'lifo' ? queue.popBack() : queue.popFront();
        queueLength.set(sim.now, queue.size);
        if (discipline === 'drop-expired' && !isCurrent(a)) {
          dropped.add(sim.now);
          attemptPool.free(a);
          continue;
        }
        busyGauge.set(sim.now, ++busy);
        const backlog = Math.min(1, queue.size / (OVERLOAD_KNEE_PER_WORKER * servers));
        sim.after(rng.lognormalMeanCv(serviceMs, serviceCv) * (1 + slowdown * backlog), SERVED, a);
      }
    };

    const failed = (r: number, afterTimeout: boolean): void => {
      currentSerial[r] = -1;
      if (made[r]! < maxAttempts && (budget === undefined || budget.tryRetry(afterTimeout))) {
        if (budget !== undefined) tokens.set(sim.now, budget.tokens);
        const wait = backoffDelayMs(backoff, made[r]!, baseMs, capMs, previousDelayMs[r]!, rng);
        previousDelayMs[r] = wait;
        sim.after(wait, SEND, r);
        return;
      }
      finish(r, false);
    };

    const finish = (r: number, ok: boolean): void => {
      const now = sim.now;
      finished.add(now);
      latency.record(now, now - startMs[r]!);
      if (ok) {
        goodput.add(now);
        if (budget !== undefined) {
          budget.onSuccess();
          tokens.set(now, budget.tokens);
        }
      }
      const c = client[r]!;
      requests.free(r);
      if (!open) sim.after(rng.exponential(thinkMs / loadFactor), CLIENT_START, c);
    };

    const SEND = sim.on((r) => send(r));
    const TIMEOUT = sim.on((r, serial) => {
      if (currentSerial[r] === serial) failed(r, true);
    });
    const FAST_FAIL = sim.on((r, serial) => {
      if (currentSerial[r] === serial) failed(r, false);
    });
    const SERVED = sim.on((a) => {
      const now = sim.now;
      throughput.add(now);
      busyGauge.set(now, --busy);
      const r = attemptRequest[a]!;
      if (!isCurrent(a)) wasted.add(now);
      else if (errorRate > 0 && rng.next() < errorRate) failed(r, false);
      else {
        currentSerial[r] = -1;
        finish(r, true);
      }
      attemptPool.free(a);
      startWork();
    });
    const ARRIVE = sim.on((stream) => {
      if (stream !== arrivalStream) return; // superseded when the rate changed
      sim.after(rng.exponential(1000 / (ratePerSec * loadFactor)), ARRIVE, stream);
      startRequest(-1);
    });
    const CLIENT_START = sim.on((c) => startRequest(c));
    const restartArrivals = (): void => {
      if (open && ratePerSec > 0) sim.after(rng.exponential(1000 / (ratePerSec * loadFactor)), ARRIVE, ++arrivalStream);
    };
    const TRIGGER = sim.on((on) => {
      if (trigger === 'spike') {
        loadFactor = on === 1 ? spike : 1;
        restartArrivals();
      } else {
        mode = on === 1 ? (trigger === 'outage' ? MODE_STALL : MODE_ERRORS) : MODE_NORMAL;
        startWork();
      }
    });

    restartArrivals();
    if (!open) for (let c = 0; c < clients; c++) sim.after(rng.exponential(thinkMs), CLIENT_START, c);
    if (trigger !== 'none' && triggerEnd > triggerAt) {
      sim.at(triggerAt, TRIGGER, 1);
      sim.at(triggerEnd, TRIGGER, 0);
    }

    return {
      summarize: (view) =>
        summarizeRetryStorm(view, {
          trigger,
          triggerAt,
          triggerEnd: Math.min(triggerEnd, horizonMs),
          capacityPerSec: (servers * 1000) / serviceMs,
          totals: {
            offered: offered.total,
            attempts: attemptsC.total,
            retries: retries.total,
            goodput: goodput.total,
            finished: finished.total,
            throughput: throughput.total,
            wasted: wasted.total,
          },
          latency: latency.run,
        }),
    };
  },
});
