import { ts } from '../../typescript';
import { closedByItsFunction } from '../libraries/temporary-clients';
import { defineRule, type RuleContext } from '../rule';
import { describePool, poolScenarioParams, writtenValue, type PoolBounds } from '../libraries/pool-options';
import { isPgPoolConstructor, pgPoolBounds } from '../libraries/pg-pool';
import {
  isMysql2ClusterAdd,
  isMysql2CreatePool,
  mysql2ClusterNodeBounds,
  mysql2PoolBounds,
} from '../libraries/mysql2-pool';
import { genericPoolBounds, isGenericPoolCreate } from '../libraries/generic-pool';
import {
  ioredisClusterOfflineQueue,
  ioredisOfflineQueue,
  nodeRedisOfflineQueue,
  type OfflineQueue,
} from '../libraries/redis-offline-queue';
import { uncappedQueueAdd, type UncappedAdd } from '../libraries/queue-admission';
import { calleeName } from '../libraries/callee-name';
import { ASYNC_QUEUE_ADDS, ASYNC_WORK_QUEUE_PACKAGES } from '../libraries/async-work-queues';
import { mayHoldArrayWorkQueue, uncappedArrayPush, type UncappedArrayPush } from '../libraries/array-work-queues';
import { REQUEST_HANDLER_TEXT } from '../libraries/http-frameworks';
import { arrayQueueCapFix, optionPropertyFix, poolOptionsFix, type OptionSetting } from '../fixes/pool-fixes';
import {
  genericPoolSettings,
  mysqlSettings,
  pgSettings,
  type QueueBoundOptions as Options,
} from '../fixes/queue-bound-settings';

// Waits with neither a size nor a time bound. When every connection is busy, callers queue;
// if the queue can grow without limit and nobody ever gives up, a spike turns into minutes of
// queueing for callers that left long ago, and the pool keeps serving them — goodput collapses
// while throughput looks fine.

/** A work queue made in another module and imported: `queue.add` / `queue.push` in this file may still feed it. */
const WORK_QUEUES = new RegExp(`^p-queue$|${ASYNC_WORK_QUEUE_PACKAGES.source}`);
const MODULES = new RegExp(
  `^(?:pg|pg-pool|mysql2|mysql2\\/promise|generic-pool|ioredis|redis|@redis\\/client)$|${WORK_QUEUES.source}`,
);
/** Text of a call that adds to a work queue. */
const ADDS = new RegExp(`\\.(?:add|${[...ASYNC_QUEUE_ADDS].join('|')})\\(`);

export default defineRule<Options>({
  id: 'no-unbounded-queue',
  meta: {
    family: 'pool',
    severity: 'warning',
    docs: { description: 'Require a size or time bound on every wait for a pooled connection' },
    messages: {
      pgPoolWaitsForever:
        'pg Pool {{setting}} and its queue of waiting callers has no ' +
        'cap: when all {{max}} clients are busy, a spike queues requests for as long as it takes, serving callers ' +
        'who already gave up. Set `connectionTimeoutMillis`.',
      mysql2QueueUnbounded:
        'mysql2 pool {{setting}} and no acquire timeout: when all {{max}} ' +
        'connections are busy, waiters pile up without limit and wait as long as it takes. Set `queueLimit`.',
      genericPoolUnbounded:
        'generic-pool has neither `acquireTimeoutMillis` nor `maxWaitingClients` (defaults: wait forever, no cap): ' +
        'when all {{max}} resources are busy, callers queue without limit. Set both.',
      workQueueAddUncapped:
        'A request handler adds to {{library}} ({{concurrency}} at a time) that has no cap on waiting tasks: when ' +
        "requests arrive faster than it drains, the queue and every caller's wait grow without limit. Check " +
        '`{{sizeCheck}}` first and answer 503 past a limit.',
      redisOfflineQueueUnbounded:
        '{{label}} {{setting}}, so its offline queue has neither a cap nor a time limit: during a Redis outage ' +
        'every command waits in memory until the connection returns, and with requests still arriving the queue ' +
        'grows until the process runs out of memory. {{remedy}}',
      arrayQueueUncapped:
        'A request handler appends to `{{queue}}`, an in-memory work queue drained elsewhere (line {{drainLine}}), ' +
        'without checking its length: when the consumer falls behind, the queue grows with the arrival rate until ' +
        'the process runs out of memory, and every item waits longer than the last. Cap it: past a limit, refuse ' +
        'the work (503 at the edge).',
    },
    fix: 'safe',
    options: {
      defaultAcquireTimeoutMs: {
        type: 'number',
        default: 2_000,
        unit: 'ms',
        minimum: 1,
        description: 'Value of the named constant a quick fix inserts for the wait timeout.',
      },
      defaultQueueLimit: {
        type: 'number',
        default: 100,
        unit: 'count',
        minimum: 1,
        description: 'Value of the named constant a quick fix inserts for the cap on waiting callers.',
      },
    },
    simulation: 'pool-exhaustion',
  },
  create(context, options) {
    const text = context.text;
    // Cheapest and rarest conditions first: the route pattern is the costliest scan here.
    let handlers: boolean | undefined;
    const mayHandleRequests = () => (handlers ??= REQUEST_HANDLER_TEXT.test(text));
    const arrays = mayHoldArrayWorkQueue(text) && mayHandleRequests();
    const pools =
      context.workspace.fileImportsPackageDirectly(context.fileName, MODULES) ||
      (context.workspace.fileImportsPackage(context.fileName, WORK_QUEUES) && ADDS.test(text) && mayHandleRequests());
    if (!pools) {
      if (!arrays) return {};
      return {
        [ts.SyntaxKind.CallExpression]: (node) => checkArrayPush(context, node as ts.CallExpression, options),
      };
    }
    // async's and fastq's queues: only where they are reachable is a `push` worth resolving.
    const asyncQueues = context.workspace.fileImportsPackage(context.fileName, ASYNC_WORK_QUEUE_PACKAGES);
    return {
      [ts.SyntaxKind.NewExpression]: (node) => {
        const expression = node as ts.NewExpression;
        if (!ts.isIdentifier(expression.expression) && !ts.isPropertyAccessExpression(expression.expression)) return;
        const callee = context.values.resolve(expression.expression);
        const offline =
          ioredisOfflineQueue(callee, expression, context) ?? ioredisClusterOfflineQueue(callee, expression, context);
        if (offline) return checkOfflineQueue(context, offline);
        if (!isPgPoolConstructor(callee)) return;
        const bounds = pgPoolBounds(expression, context.values);
        if (bounds) check(context, bounds, 'pgPoolWaitsForever', pgSettings(context.values, bounds, options));
      },
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        const callee = call.expression;
        // Compiled calls count too: `(0, _redis.createClient)(…)`.
        const name = calleeName(call) ?? '';
        const add =
          name === 'add' || (asyncQueues && ASYNC_QUEUE_ADDS.has(name)) ? uncappedQueueAdd(call, context) : undefined;
        if (add) return reportUncappedAdd(context, add, options);
        if (arrays && (name === 'push' || name === 'unshift')) return checkArrayPush(context, call, options);
        if (name === 'add') {
          if (!isMysql2ClusterAdd(context.values.resolve(callee))) return;
          const bounds = mysql2ClusterNodeBounds(call, context.values);
          if (bounds) check(context, bounds, 'mysql2QueueUnbounded', mysqlSettings(context.values, bounds, options));
          return;
        }
        if (name !== 'createPool' && name !== 'createClient' && name !== 'createCluster') return;
        const value = context.values.resolve(callee);
        const offline = name !== 'createPool' ? nodeRedisOfflineQueue(value, call, context) : undefined;
        if (offline) {
          checkOfflineQueue(context, offline);
        } else if (isMysql2CreatePool(value)) {
          const bounds = mysql2PoolBounds(call, context.values);
          if (bounds) check(context, bounds, 'mysql2QueueUnbounded', mysqlSettings(context.values, bounds, options));
        } else if (isGenericPoolCreate(value)) {
          const bounds = genericPoolBounds(call, context.values);
          if (bounds)
            check(context, bounds, 'genericPoolUnbounded', genericPoolSettings(context.values, bounds, options));
        }
      },
    };
  },
});

/** A pool or client closed by the function that made it serves that one job: no request waits on it. */
const ONE_JOB = 'closed by the function that creates it (one job; no request waits on it)';

function check(context: RuleContext, bounds: PoolBounds, messageId: string, settings: OptionSetting[]): void {
  const summary = describePool(bounds);
  const params = poolScenarioParams(bounds);
  const facts = { library: bounds.label, ...params };
  const waiters = bounds.waiters!;
  const unbounded = waiters.size.kind === 'none' && waiters.time.kind === 'none';
  if (!unbounded) return context.describe(bounds.node, { summary, facts });
  if (closedByItsFunction(bounds.node))
    return context.describe(bounds.node, { summary: `${summary}; ${ONE_JOB}`, facts });
  const fixedParams: Record<string, number> = {};
  for (const setting of settings) {
    if (setting.option === 'connectionTimeoutMillis' || setting.option === 'acquireTimeoutMillis')
      fixedParams.acquireTimeoutMs = setting.value;
    if (setting.option === 'queueLimit' || setting.option === 'maxWaitingClients')
      fixedParams.waitQueueLimit = setting.value;
  }
  const fix = poolOptionsFix(
    bounds,
    settings,
    `Bound the wait: ${settings.map((s) => `${s.option}: ${s.constant}`).join(', ')}`,
  );
  const max = bounds.connections.kind === 'limit' ? bounds.connections.count : 'the';
  context.report({
    node: bounds.node,
    messageId,
    data: { max, setting: settingPhrase(context, bounds, settings[0]!.option) },
    policy: { summary, facts },
    fixes: fix ? [fix] : [],
    simulation: { model: 'pool-exhaustion', params, fixedParams },
  });
}

/** "has no `queueLimit` (default 0 = unlimited)" or "sets `queueLimit: 0` (= unlimited)". */
function settingPhrase(context: RuleContext, bounds: PoolBounds, option: string): string {
  const meaning = option === 'queueLimit' ? 'unlimited' : 'wait forever';
  const written = writtenValue(bounds.options, option, context.values);
  return written
    ? `sets \`${option}: ${written.getText()}\` (= ${meaning})`
    : `has no \`${option}\` (default 0 = ${meaning})`;
}

const OFFLINE_REMEDY = {
  ioredis:
    'Set `enableOfflineQueue: false` (commands fail at once while Redis is away; the cache falls back) or a number ' +
    'for `maxRetriesPerRequest` (queued commands are rejected after that many reconnect attempts).',
  'ioredis-cluster':
    'Set `enableOfflineQueue: false` (commands fail at once while no node is reachable; the cache falls back) or a ' +
    '`clusterRetryStrategy` that gives up after a while (the queued commands are then rejected).',
  'node-redis':
    'Set `disableOfflineQueue: true` (commands fail at once while Redis is away) or cap `commandsQueueMaxLength`.',
};

function checkOfflineQueue(context: RuleContext, queue: OfflineQueue): void {
  const facts = { library: queue.bounds.label, offlineQueue: queue.unbounded ? 'unbounded' : 'bounded' };
  if (!queue.unbounded) return context.describe(queue.bounds.node, { summary: queue.summary, facts });
  if (closedByItsFunction(queue.bounds.node))
    return context.describe(queue.bounds.node, { summary: `${queue.summary}; ${ONE_JOB}`, facts });
  // A suggestion: failing fast while Redis is away is the point, but callers must handle the error.
  const fix = queue.fixProperty
    ? optionPropertyFix(queue.bounds, queue.fixProperty, `Fail fast while Redis is away: ${queue.fixProperty}`)
    : undefined;
  context.report({
    node: queue.bounds.node,
    messageId: 'redisOfflineQueueUnbounded',
    data: { label: queue.bounds.label, setting: queue.setting, remedy: OFFLINE_REMEDY[queue.client] },
    policy: { summary: queue.summary, facts },
    fixes: fix ? [fix] : [],
  });
}

function reportUncappedAdd(context: RuleContext, add: UncappedAdd, options: Options): void {
  const params = poolScenarioParams(add.bounds);
  context.report({
    node: add.call,
    messageId: 'workQueueAddUncapped',
    data: {
      library: `${/^[aeiou]/.test(add.bounds.label) ? 'an' : 'a'} ${add.bounds.label}`,
      concurrency: add.bounds.connections.kind === 'limit' ? add.bounds.connections.count : 'a few',
      sizeCheck: add.sizeCheck,
    },
    policy: { summary: describePool(add.bounds, 'tasks at a time'), facts: { library: add.library, ...params } },
    simulation: {
      model: 'pool-exhaustion',
      params,
      fixedParams: { waitQueueLimit: options.defaultQueueLimit },
    },
  });
}

function checkArrayPush(context: RuleContext, call: ts.CallExpression, options: Options): void {
  const push = uncappedArrayPush(call);
  if (push) reportArrayPush(context, push, options);
}

function reportArrayPush(context: RuleContext, push: UncappedArrayPush, options: Options): void {
  // Report the whole statement when the push is one, so the suggested guard stays inside the finding.
  const statement = ts.isExpressionStatement(push.call.parent) ? push.call.parent : push.call;
  const sourceFile = push.call.getSourceFile();
  const drainLine = sourceFile.getLineAndCharacterOfPosition(push.drain.getStart(sourceFile)).line + 1;
  const fix = arrayQueueCapFix(statement, push.queueText, options.defaultQueueLimit);
  context.report({
    node: statement,
    messageId: 'arrayQueueUncapped',
    data: { queue: push.queueText, drainLine },
    policy: {
      summary: `in-memory work queue \`${push.queueText}\`: no length cap; drained at line ${drainLine}`,
      facts: { library: 'array', queueLimit: 'none', drain: push.drain.getText().slice(0, 60) },
    },
    fixes: fix ? [fix] : [],
  });
}
