import { defineRule } from '../rule';
import { describeSchedule, isUnbounded, scheduleFacts } from '../libraries/backoff-schedule';
import { retryScenario } from '../libraries/retry-scenario';
import { capitalise, retryVisitors, siteName } from '../libraries/retry-sites';
import { handRolledCapFix, optionFix } from '../fixes/retry-fixes';

// Retries with neither an attempt cap nor a deadline. During a long outage every caller keeps
// trying for as long as it lasts, work piles up behind them, and the load never drops on its own:
// the retries themselves become the sustaining effect of a metastable failure.

type Options = { maxAttempts: number };

export default defineRule<Options>({
  id: 'no-unbounded-retry',
  meta: {
    family: 'retry',
    severity: 'warning',
    docs: { description: 'Require an attempt cap or a deadline on every retry' },
    messages: {
      unbounded:
        '{{who}} retries without an attempt cap or a deadline ({{schedule}}): during a long outage every caller keeps ' +
        'trying, and the retries alone can keep the dependency overloaded. Cap the attempts or bound the total time.',
    },
    fix: 'suggestion',
    options: {
      maxAttempts: {
        type: 'number',
        default: 5,
        unit: 'count',
        minimum: 1,
        description: 'Value of the attempt cap a suggested fix inserts.',
      },
    },
    simulation: 'retry-storm',
  },
  create(context, options) {
    return retryVisitors(context, (site) => {
      const schedule = site.schedule;
      // Reconnecting a long-lived connection forever is what Redis clients are meant to do.
      if (!isUnbounded(schedule) || schedule.reconnect) return;
      const summary = describeSchedule(schedule);
      const fix =
        site.kind === 'hand-rolled'
          ? handRolledCapFix(site.retry, options.maxAttempts)
          : site.retry.capFix &&
            optionFix(
              site.retry.capFix,
              site.node,
              'suggestion',
              { baseDelayMs: 100, maxDelayMs: 30_000, maxRetries: options.maxAttempts - 1 },
              context.values,
            );
      context.report({
        node: site.node,
        messageId: 'unbounded',
        data: { who: capitalise(siteName(site)), schedule: summary.slice(summary.indexOf(':') + 2) },
        policy: { summary, facts: scheduleFacts(schedule) },
        fixes: fix ? [fix] : [],
        simulation: retryScenario(schedule, { attempts: options.maxAttempts }),
      });
    });
  },
});
