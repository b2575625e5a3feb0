import { defineRule } from '../rule';
import { describeSchedule, isLockstepGrowing, scheduleFacts } from '../libraries/backoff-schedule';
import { jitteredParams, retryScenario } from '../libraries/retry-scenario';
import { capitalise, retryVisitors, siteName } from '../libraries/retry-sites';
import { jitterFix } from '../fixes/retry-fixes';

// Backoff that grows but is the same for every client. Exponential backoff spreads retries out
// in time, yet clients that failed at the same moment still retry at the same moments: the waves
// get further apart, not smaller. Only a random component breaks them up.

type Options = { maxDelayMs: number };

export default defineRule<Options>({
  id: 'require-retry-jitter',
  meta: {
    family: 'retry',
    severity: 'warning',
    docs: { description: 'Require jitter in retry backoff' },
    messages: {
      noJitter:
        '{{who}} backs off without jitter ({{schedule}}): clients that failed together still retry at the same moments, ' +
        'in synchronised waves. Add a random component (full jitter).',
    },
    fix: 'safe',
    options: {
      maxDelayMs: {
        type: 'number',
        default: 30_000,
        unit: 'ms',
        minimum: 1,
        description: 'Cap of the backoff a quick fix inserts for a hand-rolled retry.',
      },
    },
    simulation: 'retry-storm',
  },
  create(context, options) {
    return retryVisitors(context, (site) => {
      const schedule = site.schedule;
      if (!isLockstepGrowing(schedule) || schedule.attempts === 1) return;
      const delay = schedule.delay;
      const baseDelayMs = (delay.kind === 'exponential' || delay.kind === 'linear' ? delay.firstMs : undefined) || 100;
      const settings = { baseDelayMs, maxDelayMs: Math.max(options.maxDelayMs, baseDelayMs) };
      const summary = describeSchedule(schedule);
      const fix = jitterFix(site, settings, context.values);
      context.report({
        node: site.node,
        messageId: 'noJitter',
        data: { who: capitalise(siteName(site)), schedule: summary.slice(summary.indexOf(':') + 2) },
        policy: { summary, facts: scheduleFacts(schedule) },
        fixes: fix ? [fix] : [],
        simulation: retryScenario(schedule, jitteredParams(schedule, { baseDelayMs, capDelayMs: settings.maxDelayMs })),
      });
    });
  },
});
