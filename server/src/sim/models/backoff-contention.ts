import { defineModel } from '../model';
import { BACKOFFS, backoffDelayMs, type Backoff } from '../policies/backoff';
import { fmtMs, fmtNum } from '../format';

/**
 * Clients contending on one row with optimistic concurrency, the setting of Brooker's
 * "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015): each client reads the
 * version, writes conditionally on it, and on a conflict backs off and reads again. Every
 * message crosses a network of |N(mean, sd)| ms. A closed population: each client writes
 * once and leaves, so backoff here really does remove work — the question is how much.
 */
export const backoffContentionModel = defineModel({
  id: 'backoff-contention',
  title: 'Backoff under contention',
  description:
    'N clients race to update one row with optimistic concurrency and back off on conflict. Compares how much work and time each backoff strategy costs.',
  defaultHorizonMs: 120_000,
  params: [
    {
      name: 'clients',
      label: 'Clients',
      description: 'Clients that each write the row once, all starting together.',
      type: 'integer',
      unit: 'count',
      default: 100,
      min: 1,
      max: 10_000,
    },
    {
      name: 'backoff',
      label: 'Backoff',
      description: 'Delay strategy after a conflict.',
      type: 'enum',
      values: BACKOFFS,
      default: 'full-jitter',
    },
    {
      name: 'baseDelayMs',
      label: 'Base delay',
      description: 'Backoff base: expo(n) = min(cap, base·2^n); the delay of fixed backoff.',
      type: 'number',
      unit: 'ms',
      default: 5,
      min: 0,
      max: 600_000,
    },
    {
      name: 'capDelayMs',
      label: 'Delay cap',
      description: 'Largest backoff delay.',
      type: 'number',
      unit: 'ms',
      default: 2000,
      min: 0,
      max: 3_600_000,
    },
    {
      name: 'networkMeanMs',
      label: 'Network delay mean',
      description: 'Mean one-way message delay.',
      type: 'number',
      unit: 'ms',
      default: 10,
      min: 0,
      max: 60_000,
    },
    {
      name: 'networkSdMs',
      label: 'Network delay sd',
      description: 'Standard deviation of the one-way delay (|normal|).',
      type: 'number',
      unit: 'ms',
      default: 2,
      min: 0,
      max: 60_000,
    },
  ],
  metrics: [
    { id: 'writes', label: 'Write calls', unit: '1/s', kind: 'rate' },
    { id: 'conflicts', label: 'Failed writes', unit: '1/s', kind: 'rate' },
    { id: 'done', label: 'Clients finished', unit: '1/s', kind: 'rate' },
    { id: 'contending', label: 'Clients still contending', unit: 'count', kind: 'gauge' },
  ],
  setup({ sim, rec, p }) {
    const clients = p.num('clients');
    const kind = p.str('backoff') as Backoff;
    const baseMs = p.num('baseDelayMs');
    const capMs = p.num('capDelayMs');
    const netMean = p.num('networkMeanMs');
    const netSd = p.num('networkSdMs');
    const rng = sim.rng;
    const writes = rec.counter('writes');
    const conflicts = rec.counter('conflicts');
    const done = rec.counter('done');
    const contending = rec.gauge('contending');
    const retries = new Float64Array(clients);
    const previousDelay = new Float64Array(clients).fill(baseMs);
    let version = 0;
    let remaining = clients;
    let lastDoneMs = 0;
    const delay = (): number => Math.abs(rng.normal(netMean, netSd));

    // Payloads: a = client, b = version read or write outcome.
    const READ_AT_SERVER = sim.on((c) => sim.after(delay(), READ_REPLY, c, version));
    const READ_REPLY = sim.on((c, seen) => sim.after(delay(), WRITE_AT_SERVER, c, seen));
    const WRITE_AT_SERVER = sim.on((c, seen) => {
      writes.add(sim.now);
      const ok = seen === version;
      if (ok) version++;
      else conflicts.add(sim.now);
      sim.after(delay(), WRITE_REPLY, c, ok ? 1 : 0);
    });
    const WRITE_REPLY = sim.on((c, ok) => {
      if (ok === 1) {
        done.add(sim.now);
        contending.set(sim.now, --remaining);
        lastDoneMs = sim.now;
        return;
      }
      const n = ++retries[c]!;
      const wait = backoffDelayMs(kind, n, baseMs, capMs, previousDelay[c]!, rng);
      previousDelay[c] = wait;
      sim.after(delay() + wait, READ_AT_SERVER, c);
    });
    contending.set(0, clients);
    for (let c = 0; c < clients; c++) sim.at(delay(), READ_AT_SERVER, c);

    return {
      summarize() {
        const finished = remaining === 0;
        return {
          headline: finished
            ? `${clients} clients needed ${fmtNum(writes.total)} write calls (${fmtNum(writes.total / clients)} each) and ${fmtMs(lastDoneMs)} to finish with ${kind} backoff.`
            : `${remaining} of ${clients} clients had not finished after ${fmtNum(writes.total)} write calls.`,
          details: [`${fmtNum(conflicts.total)} writes failed on a version conflict.`],
          values: {
            writeCalls: writes.total,
            failedWrites: conflicts.total,
            writesPerClient: writes.total / clients,
            completionMs: finished ? lastDoneMs : null,
            clientsFinished: clients - remaining,
          },
        };
      },
    };
  },
});
