import { defineModel } from '../model';
import { MISSING_TIMEOUT_METRICS, MISSING_TIMEOUT_PARAMS } from './missing-timeout-spec';
import { SlotPool } from '../slot-pool';
import { summarizeTrigger } from '../trigger-summary';

/**
 * A service calls a dependency that, during the trigger, hangs or turns slow for a fraction of
 * calls. Without a per-call timeout those calls hold their slot (thread, socket, memory) until
 * the dependency answers — or forever — so a bounded service runs out of slots and an
 * unbounded one piles up in-flight work for callers that left long ago.
 */
export const missingTimeoutModel = defineModel({
  id: 'missing-timeout',
  title: 'Missing timeout',
  description:
    'A dependency hangs or slows down for some calls. Shows in-flight work piling up and goodput collapsing without a timeout, and recovery with a timeout and deadline propagation.',
  defaultHorizonMs: 60_000,
  params: MISSING_TIMEOUT_PARAMS,
  metrics: MISSING_TIMEOUT_METRICS,
  setup({ sim, rec, p, horizonMs }) {
    const rng = sim.rng;
    const rate = p.num('ratePerSec');
    const limit = p.num('maxConcurrent') > 0 ? p.num('maxConcurrent') : Infinity;
    const workMs = p.num('workMs');
    const depMs = p.num('dependencyMs');
    const depCv = p.num('dependencyCv');
    const slowFraction = p.num('slowFraction');
    const hang = p.bool('hang');
    const slowMs = p.num('slowMs');
    const triggerAt = p.num('triggerAtMs');
    const triggerEnd = triggerAt + p.num('triggerDurationMs');
    const timeoutMs = p.num('timeoutMs') > 0 ? p.num('timeoutMs') : Infinity;
    const propagate = p.bool('deadlinePropagation');
    const deadlineMs = p.num('clientDeadlineMs');

    const offered = rec.counter('offered');
    const throughput = rec.counter('throughput');
    const goodput = rec.counter('goodput');
    const errors = rec.counter('errors');
    const rejected = rec.counter('rejected');
    const inFlight = rec.gauge('inFlight');
    const abandoned = rec.gauge('abandoned');
    const latency = rec.histogram('latency');
    const requests = new SlotPool(['startMs', 'serial', 'left'] as const);
    const { startMs, serial, left } = requests.fields;
    let serialSeq = 0;

    // Payloads: a = slot, b = serial (a slot is reused; the serial tells which request it held).
    const DONE = sim.on((r, s) => {
      if (serial[r] !== s) return;
      const now = sim.now;
      const elapsed = now - startMs[r]!;
      throughput.add(now);
      if (left[r] === 1) abandoned.add(now, -1);
      else {
        latency.record(now, elapsed);
        goodput.add(now);
      }
      release(r);
    });
    const CUT = sim.on((r, s) => {
      if (serial[r] !== s) return;
      const now = sim.now;
      errors.add(now);
      if (left[r] === 1) abandoned.add(now, -1);
      else latency.record(now, now - startMs[r]!);
      release(r);
    });
    const DEADLINE = sim.on((r, s) => {
      if (serial[r] !== s) return;
      latency.record(sim.now, deadlineMs);
      left[r] = 1;
      abandoned.add(sim.now, 1);
    });
    const release = (r: number): void => {
      serial[r] = -1;
      requests.free(r);
      inFlight.set(sim.now, requests.live);
    };
    const ARRIVE = sim.on(() => {
      const now = sim.now;
      sim.after(rng.exponential(1000 / rate), ARRIVE);
      offered.add(now);
      if (requests.live >= limit) {
        rejected.add(now);
        return;
      }
      const r = requests.alloc();
      const s = ++serialSeq;
      startMs[r] = now;
      serial[r] = s;
      left[r] = 0;
      inFlight.set(now, requests.live);
      const affected = now >= triggerAt && now < triggerEnd && rng.next() < slowFraction;
      const callMs = affected ? (hang ? Infinity : slowMs) : rng.lognormalMeanCv(depMs, depCv);
      // The call is bounded by its own timeout and, with propagation, by what is left of the
      // caller's deadline; when that deadline cuts it, the caller is still there (just).
      const boundMs = propagate ? Math.min(timeoutMs, Math.max(0, deadlineMs - workMs)) : timeoutMs;
      if (callMs <= boundMs) sim.after(workMs + callMs, DONE, r, s);
      else if (boundMs < Infinity) sim.after(workMs + boundMs, CUT, r, s);
      // else: the call never returns and nothing bounds it; the slot is gone for good.
      if (workMs + Math.min(callMs, boundMs) > deadlineMs) sim.after(deadlineMs, DEADLINE, r, s);
    });
    if (rate > 0) sim.after(rng.exponential(1000 / rate), ARRIVE);

    return {
      summarize: (view) =>
        summarizeTrigger(view, {
          triggerAt,
          triggerEnd: Math.min(triggerEnd, horizonMs),
          what: 'dependency trouble',
          extraValues: {
            peakInFlight: inFlight.peak,
            finalInFlight: requests.live,
            wastedWorkFraction: inFlight.integral > 0 ? abandoned.integral / inFlight.integral : 0,
            timedOut: errors.total,
            rejected: rejected.total,
          },
          explain: (v) =>
            requests.live >= limit
              ? `All ${limit} slots are held by calls that will never return: nothing bounds them.`
              : `${Math.round(100 * (v.wastedWorkFraction as number))} % of in-flight time was spent for callers that had already left; peak in flight ${inFlight.peak}.`,
        }),
    };
  },
});
