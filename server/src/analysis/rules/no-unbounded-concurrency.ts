import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import { ASYNC_HELPER_NAMES, PROMISE_COMBINATORS, fanOutSite, type FanOutSite } from '../libraries/fan-out-sites';
import { fanOutWidth } from '../libraries/fan-out-width';
import { mapAwaitedInLoop } from '../libraries/awaited-maps';
import { mayHoldAwaitedMap, mayHoldPromiseFanOut } from '../libraries/fan-out-text';
import { isPQueueConstructor, pQueueBounds } from '../libraries/p-queue';
import { singleConnectionOf } from '../libraries/single-connection';
import { describePool, writtenValue } from '../libraries/pool-options';
import { asyncLimitFix, boundedMapFix, poolOptionsFix, type BoundedMapStrategy } from '../fixes/pool-fixes';

// Fan-out whose width grows with data. `Promise.all(ids.map(load))` is fine for three ids and
// an outage for thirty thousand: every item opens a request at once, the pool or the dependency
// behind it saturates, and one large input starves every other caller.

type Options = { defaultConcurrency: number; reportParameters: boolean };

const SOURCE_PHRASES: Record<string, string> = {
  request: 'its size is chosen by the client',
  query: 'its size grows with the table',
  listing: 'its size grows with the directory',
  parameter: 'its size is whatever the caller passes',
};

export default defineRule<Options>({
  id: 'no-unbounded-concurrency',
  meta: {
    family: 'pool',
    severity: 'warning',
    docs: { description: 'Require a concurrency limit on fan-out whose width grows with data' },
    messages: {
      fanOutUnbounded:
        '`{{label}}` starts one call per item at once, and {{why}} — {{sourcePhrase}}: one large input opens that many ' +
        'calls together, exhausting the pool or the dependency behind it and starving other requests. ' +
        'Map with a concurrency limit ({{remedy}}).',
      asyncUnbounded:
        '`{{label}}` runs every item at once, and {{why}} — {{sourcePhrase}}: one large input opens that many calls ' +
        'together. Use `{{limitName}}` with a concurrency limit.',
      pQueueUnbounded:
        '`new PQueue()` without `concurrency` runs every added task at once (p-queue default: Infinity), so the ' +
        'queue bounds nothing. Set `concurrency`.',
    },
    fix: 'suggestion',
    options: {
      reportParameters: {
        type: 'boolean',
        default: false,
        description:
          'Also report fan-out over a parameter of the function (`function f(ids) { Promise.all(ids.map(load)) }`), whose width is whatever its callers pass. Off by default: in audits of application code most such collections were small (one id, a config list), and the hover still states the width.',
      },
      defaultConcurrency: {
        type: 'number',
        default: 8,
        unit: 'count',
        minimum: 1,
        description: 'Value of the named constant a quick fix inserts for the concurrency limit.',
      },
    },
    simulation: 'pool-exhaustion',
  },
  create(context, options) {
    const text = context.text;
    const hasPromise = mayHoldPromiseFanOut(text);
    // `for (const job of rows.map(save)) await job`: the map started every save already.
    const hasAwaitLoop = mayHoldAwaitedMap(text);
    const hasAsync = context.workspace.fileImportsPackageDirectly(context.fileName, ASYNC_PACKAGE);
    const hasPQueue = context.workspace.fileImportsPackageDirectly(context.fileName, P_QUEUE_PACKAGE);
    if (!hasPromise && !hasAwaitLoop && !hasAsync && !hasPQueue) return {};
    let strategy: BoundedMapStrategy | undefined; // decided on the first finding: most files have none
    const strategyOf = (): BoundedMapStrategy => (strategy ??= mapStrategy(context));
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (hasAwaitLoop && isMapCall(call)) {
          const site = mapAwaitedInLoop(call, context.values);
          if (site) checkFanOut(context, site, strategyOf, options);
          return;
        }
        if (!mightBeFanOut(call, hasAsync)) return;
        const site = fanOutSite(call, context.values.resolve(call.expression), context.values);
        if (site) checkFanOut(context, site, strategyOf, options);
      },
      [ts.SyntaxKind.NewExpression]: (node) => {
        if (!hasPQueue) return;
        const expression = node as ts.NewExpression;
        if (isPQueueConstructor(context.values.resolve(expression.expression)))
          checkPQueue(context, expression, options);
      },
    };
  },
});

const ASYNC_PACKAGE = /^(?:neo-)?async$/;
const P_QUEUE_PACKAGE = /^p-queue$/;

function mightBeFanOut(call: ts.CallExpression, hasAsync: boolean): boolean {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const name = callee.name.text;
    return PROMISE_COMBINATORS.has(name) || (hasAsync && ASYNC_HELPER_NAMES.has(name));
  }
  return hasAsync && ts.isIdentifier(callee) && ASYNC_HELPER_NAMES.has(callee.text);
}

function isMapCall(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'map' && call.arguments.length === 1;
}

/** p-map when the project has it; p-limit's `limitFunction` (≥ 7); else a local helper. ESM imports only where the file already imports. */
function mapStrategy(context: RuleContext): BoundedMapStrategy {
  const usesImports = /^[ \t\uFEFF]*import\s/m.test(context.text) && !/\.c[jt]s$/.test(context.fileName);
  if (!usesImports) return 'helper';
  if (context.workspace.packageMajor(context.fileName, 'p-map') !== undefined) return 'p-map';
  if ((context.workspace.packageMajor(context.fileName, 'p-limit') ?? 0) >= 7) return 'p-limit';
  return 'helper';
}

function remedyText(strategy: BoundedMapStrategy): string {
  if (strategy === 'p-map') return 'p-map with `concurrency`';
  if (strategy === 'p-limit') return "p-limit's `limitFunction`";
  return 'p-map, p-limit or a small bounded mapper';
}

function checkFanOut(
  context: RuleContext,
  site: FanOutSite,
  strategyOf: () => BoundedMapStrategy,
  options: Options,
): void {
  const width = fanOutWidth(site.collection, context.values);
  if (width.kind === 'unknown') return;
  if (width.kind === 'bounded') {
    const at = width.max === undefined ? 'a bounded number' : `at most ${width.max}`;
    return context.describe(site.call, {
      summary: `${site.label}: ${at} in flight (${width.why})`,
      facts: { fanOutWidth: width.max ?? 'bounded' },
    });
  }
  // Queries on one connection (a transaction, a checked-out client) run one at a time: latency, not overload.
  const connection = site.mapper && singleConnectionOf(site.mapper, context.values);
  if (connection) {
    return context.describe(site.call, {
      summary: `${site.label}: one call per item, all on ${connection}, which runs them one at a time; width unbounded (${width.why})`,
      facts: { fanOutWidth: 'unbounded', source: width.source, connection: 'single' },
    });
  }
  if (width.source === 'parameter' && !options.reportParameters) {
    return context.describe(site.call, {
      summary: `${site.label}: one call per item, all at once; width: whatever the callers pass (${width.why}; reported only with reportParameters)`,
      facts: { fanOutWidth: 'caller-decided', source: width.source, concurrency: null },
    });
  }
  const summary = `${site.label}: one call per item, all at once; width unbounded (${width.why})`;
  const facts = { fanOutWidth: 'unbounded', source: width.source, concurrency: null };
  const data = { label: site.label, why: width.why, sourcePhrase: SOURCE_PHRASES[width.source]! };
  const simulation = {
    model: 'pool-exhaustion',
    params: { poolSize: 0 },
    fixedParams: { poolSize: options.defaultConcurrency },
  };
  if (site.asyncLimitName !== undefined || site.label.startsWith('async.')) {
    const fix = asyncLimitFix(site, options.defaultConcurrency);
    return context.report({
      node: site.call,
      messageId: 'asyncUnbounded',
      data: { ...data, limitName: site.asyncLimitName ? `async.${site.asyncLimitName}` : 'a `*Limit` variant' },
      policy: { summary, facts },
      fixes: fix ? [fix] : [],
      simulation,
    });
  }
  const typed = /\.[cm]?tsx?$/.test(context.fileName);
  const strategy = strategyOf();
  const fix = boundedMapFix(site, strategy, options.defaultConcurrency, typed);
  context.report({
    node: site.call,
    messageId: 'fanOutUnbounded',
    data: { ...data, remedy: remedyText(strategy) },
    policy: { summary, facts },
    fixes: fix ? [fix] : [],
    simulation,
  });
}

function checkPQueue(context: RuleContext, node: ts.NewExpression, options: Options): void {
  const bounds = pQueueBounds(node, context.values);
  if (!bounds) return;
  const summary = describePool(bounds, 'tasks at once');
  if (bounds.connections.kind !== 'none') return context.describe(node, { summary, facts: { library: 'p-queue' } });
  const fix = poolOptionsFix(
    bounds,
    [
      {
        option: 'concurrency',
        constant: 'QUEUE_CONCURRENCY',
        value: options.defaultConcurrency,
        existing: writtenValue(bounds.options, 'concurrency', context.values),
        comment: [
          'Most tasks this queue runs at once. Size it from what the dependency serves at once, not',
          'from the backlog (see docs/rules/no-unbounded-concurrency.md).',
        ],
      },
    ],
    'Set concurrency: QUEUE_CONCURRENCY',
    'suggestion',
  );
  context.report({
    node,
    messageId: 'pQueueUnbounded',
    policy: { summary, facts: { library: 'p-queue', concurrency: null } },
    fixes: fix ? [fix] : [],
    simulation: {
      model: 'pool-exhaustion',
      params: { poolSize: 0 },
      fixedParams: { poolSize: options.defaultConcurrency },
    },
  });
}
