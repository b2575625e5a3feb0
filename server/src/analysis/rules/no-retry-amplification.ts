import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import { evaluateNumber } from '../libraries/durations';
import { formatDuration, totalWaitMs, type RetrySchedule } from '../libraries/backoff-schedule';
import { scheduleParams } from '../libraries/retry-scenario';
import { capitalise, libraryContext, retryVisitors, siteName } from '../libraries/retry-sites';
import { innerRetries, operationBody } from '../libraries/retry-amplification';
import { globalDispatchers } from '../libraries/undici';

// Retries nested across layers multiply: a 5-attempt loop around a client that makes 4 attempts
// sends up to 20 requests per call, and three layers of 3 make 27. During an outage the
// dependency sees that multiple of the normal load exactly when it can least afford it.

type Options = { maxTotalAttempts: number };

export default defineRule<Options>({
  id: 'no-retry-amplification',
  meta: {
    family: 'retry',
    severity: 'warning',
    docs: { description: 'Disallow retries nested across layers' },
    messages: {
      amplified:
        '{{inner}} already retries ({{innerAttempts}} tries), and {{outer}} retries it again ({{outerAttempts}} tries): up to ' +
        '{{product}} requests per call, {{worstCase}}. During an outage the dependency gets {{product}}× the load. ' +
        "Retry in one layer only: remove the outer retry or the client's.",
    },
    fix: 'none',
    options: {
      maxTotalAttempts: {
        type: 'number',
        default: 4,
        unit: 'count',
        minimum: 1,
        description: 'Report when the attempts of the nested layers multiply to more than this.',
      },
    },
    simulation: 'retry-storm',
  },
  create(context, options) {
    // Node's fetch goes through undici's global dispatcher: a RetryAgent set there retries it.
    const globalDispatcher = (): ts.Expression | undefined => globalDispatchers(context).at(-1);
    const library = { ...libraryContext(context), globalDispatcher };
    return retryVisitors(context, (site) => {
      const outer = site.schedule;
      const operation = site.kind === 'hand-rolled' ? site.retry.operation : site.retry.operation;
      if (!operation || outer.attempts === undefined || !Number.isFinite(outer.attempts) || outer.attempts < 2) return;
      const body = operationBody(operation, library);
      if (!body) return;
      for (const inner of innerRetries(body, library)) {
        const innerAttempts = inner.schedule.attempts;
        if (innerAttempts === undefined || !Number.isFinite(innerAttempts)) continue;
        const product = outer.attempts * innerAttempts;
        if (product <= options.maxTotalAttempts) continue;
        const innerName = [inner.call.expression.getText(), ...inner.via].join(' → ');
        const deadlineMs = callerDeadlineMs(context, outer, site.node);
        const worstCase = describeWorstCase(outer, inner.schedule, product, deadlineMs);
        context.report({
          node: inner.call,
          messageId: 'amplified',
          data: {
            inner: `\`${innerName}\` (${inner.schedule.source})`,
            innerAttempts,
            outer: siteName(site),
            outerAttempts: outer.attempts,
            product,
            worstCase,
          },
          policy: {
            summary: `${capitalise(siteName(site))} × ${inner.schedule.source}: ${outer.attempts} × ${innerAttempts} = ${product} tries; ${worstCase}`,
            facts: {
              outerAttempts: outer.attempts,
              innerAttempts,
              product,
              outer: outer.source,
              inner: inner.schedule.source,
              callerDeadlineMs: deadlineMs ?? null,
            },
          },
          simulation: {
            model: 'retry-storm',
            params: { ...scheduleParams(outer), attempts: Math.min(1000, product) },
            fixedParams: { attempts: outer.attempts },
          },
        });
      }
    });
  },
});

/**
 * Worst case: outer waits + outer tries × (inner waits + inner tries × call time), where the call
 * time is the per-try timeout when one is known, and where the inner layer's own total limit
 * (axios-retry under the request's timeout, p-retry's maxRetryTime) caps each inner sequence;
 * compared with the caller's deadline if found.
 */
function describeWorstCase(outer: RetrySchedule, inner: RetrySchedule, product: number, deadlineMs: number | undefined): string {
  const outerWaits = totalWaitMs(outer);
  const innerWaits = totalWaitMs(inner);
  if (outerWaits === undefined || innerWaits === undefined) return `${product} × call time plus the waits`;
  const outerTries = outer.attempts ?? 1;
  const perTryMs = inner.perTryTimeoutMs ?? outer.perTryTimeoutMs;
  const innerLimitMs = typeof inner.deadlineMs === 'number' ? inner.deadlineMs : undefined;
  const innerSequenceMs = perTryMs === undefined ? undefined : innerWaits + (inner.attempts ?? 1) * perTryMs;
  let worstMs: number;
  let text: string;
  if (innerLimitMs !== undefined && (innerSequenceMs === undefined || innerLimitMs < innerSequenceMs)) {
    worstMs = outerWaits + outerTries * innerLimitMs;
    text = `worst case ${formatDuration(worstMs)} (${outerTries} × up to ${formatDuration(innerLimitMs)}, the limit on ${inner.source}'s tries and waits, + ${formatDuration(outerWaits)} of waiting)`;
  } else if (perTryMs !== undefined) {
    const waits = outerWaits + outerTries * innerWaits;
    worstMs = waits + product * perTryMs;
    text = `worst case ${formatDuration(worstMs)} (${product} tries × ${formatDuration(perTryMs)} timeout + ${formatDuration(waits)} of waiting)`;
  } else {
    const waits = outerWaits + outerTries * innerWaits;
    const waiting = `worst case ${formatDuration(waits)} of waiting + ${product} × call time`;
    return deadlineMs !== undefined && waits > deadlineMs ? `${waiting}, and the waits alone exceed ${callerDeadline(deadlineMs)}` : waiting;
  }
  if (deadlineMs === undefined) return text;
  return worstMs > deadlineMs
    ? `${text}, longer than ${callerDeadline(deadlineMs)}: the last tries answer nobody`
    : `${text}, within ${callerDeadline(deadlineMs)}`;
}

function callerDeadline(deadlineMs: number): string {
  return `the caller's deadline of ${formatDuration(deadlineMs)}`;
}

/**
 * The time the caller allows: the outer retry's own total limit, or the smallest constant
 * `AbortSignal.timeout(ms)` the enclosing function creates outside the retry itself and outside
 * nested functions (a per-try signal inside the retried operation is not the caller's deadline).
 */
function callerDeadlineMs(context: RuleContext, outer: RetrySchedule, siteNode: ts.Node): number | undefined {
  const limits: number[] = typeof outer.deadlineMs === 'number' ? [outer.deadlineMs] : [];
  let scope: ts.Node | undefined = siteNode.parent;
  while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (scope && ts.isFunctionLike(scope)) {
    const visit = (node: ts.Node): void => {
      if (node === siteNode || ts.isFunctionLike(node)) return;
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'timeout') {
        const callee = context.values.resolve(node.expression);
        const argument = node.arguments[0];
        if (callee.kind === 'global' && callee.name === 'AbortSignal' && argument) {
          const ms = evaluateNumber(argument, context.values, 0);
          if (ms !== undefined && ms > 0) limits.push(ms);
        }
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(scope, visit);
  }
  return limits.length > 0 ? Math.min(...limits) : undefined;
}
