import { defineRule } from '../rule';
import { describeSchedule, isLockstepFixed, scheduleFacts } from '../libraries/backoff-schedule';
import { jitteredParams, retryScenario } from '../libraries/retry-scenario';
import { capitalise, retryVisitors, siteName } from '../libraries/retry-sites';
import { jitterFix } from '../fixes/retry-fixes';

// Retries that wait a constant time, or not at all. Clients that failed together (an outage, a
// deploy, a GC pause) retry together, every time, and the retries arrive as one synchronised wave
// that can keep the dependency down after the trigger is gone.

type Options = { baseDelayMs: number; maxDelayMs: number };

export default defineRule<Options>({
  id: 'no-fixed-interval-retry',
  meta: {
    family: 'retry',
    severity: 'warning',
    docs: { description: 'Disallow retries at a constant or zero interval' },
    messages: {
      fixedInterval:
        '{{who}} retries at a fixed interval ({{schedule}}): callers that failed together retry together, in waves that ' +
        'keep an overloaded dependency down. Use capped exponential backoff with full jitter.',
      immediate:
        '{{who}} retries immediately ({{schedule}}): every failure is resent at once, multiplying the load on a dependency ' +
        'that is already failing. Wait between tries: capped exponential backoff with full jitter.',
    },
    fix: 'safe',
    options: {
      baseDelayMs: {
        type: 'number',
        default: 100,
        unit: 'ms',
        minimum: 1,
        description:
          'Base delay of the backoff a quick fix inserts when the retry had no wait (otherwise the old interval is kept as the base).',
      },
      maxDelayMs: {
        type: 'number',
        default: 30_000,
        unit: 'ms',
        minimum: 1,
        description: 'Cap of the backoff a quick fix inserts.',
      },
    },
    simulation: 'retry-storm',
  },
  create(context, options) {
    return retryVisitors(context, (site) => {
      const schedule = site.schedule;
      if (!isLockstepFixed(schedule) || schedule.attempts === 1) return;
      const baseDelayMs =
        schedule.delay.kind === 'fixed' && schedule.delay.ms ? schedule.delay.ms : options.baseDelayMs;
      const settings = { baseDelayMs, maxDelayMs: Math.max(options.maxDelayMs, baseDelayMs) };
      const summary = describeSchedule(schedule);
      const fix = jitterFix(site, settings, context.values);
      context.report({
        node: site.node,
        messageId: schedule.delay.kind === 'immediate' ? 'immediate' : 'fixedInterval',
        data: { who: capitalise(siteName(site)), schedule: summary.slice(summary.indexOf(':') + 2) },
        policy: { summary, facts: scheduleFacts(schedule) },
        fixes: fix ? [fix] : [],
        simulation: retryScenario(schedule, jitteredParams(schedule, { baseDelayMs, capDelayMs: settings.maxDelayMs })),
      });
    });
  },
});
