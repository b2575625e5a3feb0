import { defineModel } from '../model';
import { RingBuffer } from '../ring-buffer';
import { mmcTheory } from '../theory/queueing';
import { fmtMs, fmtNum, fmtPct } from '../format';

/**
 * M/M/c/K: Poisson arrivals, exponential service, c servers, at most K customers in the system
 * (0 = no limit), FIFO. The building block the engine is validated on against closed forms.
 */
export const queueModel = defineModel({
  id: 'queue',
  title: 'M/M/c/K queue',
  description:
    'Poisson arrivals to c servers with exponential service times and an optional limit on customers in the system. Checks the engine against queueing theory.',
  defaultHorizonMs: 600_000,
  params: [
    {
      name: 'arrivalRatePerSec',
      label: 'Arrival rate λ',
      description: 'Mean arrivals per second (Poisson).',
      type: 'number',
      unit: '1/s',
      default: 8,
      min: 1e-6,
      max: 1e6,
    },
    {
      name: 'serviceRatePerSec',
      label: 'Service rate μ',
      description: 'Mean completions per second of one busy server (exponential service).',
      type: 'number',
      unit: '1/s',
      default: 1,
      min: 1e-6,
      max: 1e6,
    },
    {
      name: 'servers',
      label: 'Servers c',
      description: 'Customers served at once.',
      type: 'integer',
      unit: 'count',
      default: 10,
      min: 1,
      max: 10_000,
    },
    {
      name: 'capacity',
      label: 'Capacity K',
      description: 'Most customers in the system, in service plus waiting; 0 means no limit.',
      type: 'integer',
      unit: 'count',
      default: 0,
      min: 0,
      max: 1_000_000,
    },
  ],
  metrics: [
    { id: 'arrivals', label: 'Arrivals', unit: '1/s', kind: 'rate' },
    { id: 'throughput', label: 'Throughput', unit: '1/s', kind: 'rate', description: 'Customers finishing service.' },
    { id: 'blocked', label: 'Blocked', unit: '1/s', kind: 'rate', description: 'Arrivals turned away at capacity K.' },
    { id: 'inSystem', label: 'In system (L)', unit: 'count', kind: 'gauge' },
    { id: 'queueLength', label: 'Waiting (Lq)', unit: 'count', kind: 'gauge' },
    { id: 'busy', label: 'Busy servers', unit: 'count', kind: 'gauge' },
    { id: 'sojournP50', label: 'Time in system p50', unit: 'ms', kind: 'quantile', source: 'sojourn', q: 0.5 },
    { id: 'sojournP99', label: 'Time in system p99', unit: 'ms', kind: 'quantile', source: 'sojourn', q: 0.99 },
    { id: 'waitP99', label: 'Wait p99', unit: 'ms', kind: 'quantile', source: 'wait', q: 0.99 },
  ],
  setup({ sim, rec, p }) {
    const lambda = p.num('arrivalRatePerSec');
    const mu = p.num('serviceRatePerSec');
    const servers = p.num('servers');
    const capacity = p.num('capacity') > 0 ? p.num('capacity') : Infinity;
    const meanGapMs = 1000 / lambda;
    const meanServiceMs = 1000 / mu;
    const rng = sim.rng;

    const arrivals = rec.counter('arrivals');
    const throughput = rec.counter('throughput');
    const blocked = rec.counter('blocked');
    const waited = rec.counter('waited');
    const inSystem = rec.gauge('inSystem');
    const queueLength = rec.gauge('queueLength');
    const busyGauge = rec.gauge('busy');
    const sojourn = rec.histogram('sojourn');
    const wait = rec.histogram('wait');
    const waiting = new RingBuffer(1024);
    let n = 0;
    let busy = 0;

    // Payload of a departure: the customer's arrival time.
    const DEPART = sim.on((arrivedAt) => {
      const now = sim.now;
      throughput.add(now);
      sojourn.record(now, now - arrivedAt);
      inSystem.set(now, --n);
      if (waiting.size > 0) {
        const next = waiting.popFront();
        queueLength.set(now, waiting.size);
        wait.record(now, now - next);
        sim.after(rng.exponential(meanServiceMs), DEPART, next);
      } else {
        busyGauge.set(now, --busy);
      }
    });
    const ARRIVE = sim.on(() => {
      const now = sim.now;
      sim.after(rng.exponential(meanGapMs), ARRIVE);
      arrivals.add(now);
      if (n >= capacity) {
        blocked.add(now);
        return;
      }
      inSystem.set(now, ++n);
      if (busy < servers) {
        busyGauge.set(now, ++busy);
        wait.record(now, 0);
        sim.after(rng.exponential(meanServiceMs), DEPART, now);
      } else {
        waited.add(now);
        waiting.pushBack(now);
        queueLength.set(now, waiting.size);
      }
    });
    sim.after(rng.exponential(meanGapMs), ARRIVE);

    return {
      summarize({ endMs }) {
        const theory = mmcTheory(lambda, mu, servers, capacity);
        const admitted = arrivals.total - blocked.total;
        const L = inSystem.mean(endMs);
        const W = sojourn.run.mean();
        const lambdaEffPerMs = throughput.total / endMs;
        const values = {
          L,
          Lq: queueLength.mean(endMs),
          WMs: W,
          WqMs: wait.run.mean(),
          sojournP99Ms: sojourn.run.quantile(0.99),
          pWait: admitted > 0 ? waited.total / admitted : null,
          pBlock: arrivals.total > 0 ? blocked.total / arrivals.total : null,
          lambdaEffPerSec: lambdaEffPerMs * 1000,
          utilization: busyGauge.mean(endMs) / servers,
          littleLawL: lambdaEffPerMs * W,
          customers: throughput.total,
          theoryL: theory?.L ?? null,
          theoryWMs: theory ? theory.W * 1000 : null,
          theoryWqMs: theory ? theory.Wq * 1000 : null,
          theoryPWait: theory?.pWait ?? null,
          theoryPBlock: theory?.pBlock ?? null,
        };
        const headline = theory
          ? `L = ${fmtNum(L)} in system, W = ${fmtMs(W)} (theory ${fmtNum(theory.L)}, ${fmtMs(theory.W * 1000)}); ${fmtPct(values.pBlock ?? 0)} blocked.`
          : `Unstable: λ ≥ c·μ and no capacity limit, so the queue grows without bound (L reached ${fmtNum(inSystem.value)}).`;
        return {
          headline,
          details: [
            `${fmtNum(throughput.total)} customers served; ${fmtPct(values.pWait ?? 0)} waited; p99 time in system ${fmtMs(values.sojournP99Ms)}.`,
            `Little's law: λ_eff·W = ${fmtNum(values.littleLawL)} vs time-average L = ${fmtNum(L)}.`,
          ],
          values,
        };
      },
    };
  },
});
