import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import { describePool, poolScenarioParams, writtenValue, type PoolBounds } from '../libraries/pool-options';
import { nodeAgentBounds, nodeAgentLabel } from '../libraries/node-agent';
import { perCallAgent, type PerCallAgent } from '../libraries/per-call-agents';
import { undiciPoolBounds, undiciPoolClass } from '../libraries/undici-pool';
import { isOpossumBreaker, opossumBounds } from '../libraries/opossum';
import { poolOptionsFix, type OptionSetting } from '../fixes/pool-fixes';
import type { Value } from '../libraries/values';

// Agents and pools with no bound on their connections. When a dependency slows down, every
// waiting request opens another socket: the dependency gets more concurrency exactly when it
// can serve less, and the process runs out of file descriptors and memory.

type Options = { defaultMaxConnections: number };

/** Module specifiers whose presence makes the rule worth running on a file. */
const MODULES = /^(?:https?|undici|opossum|agentkeepalive)$/;

interface Recognised {
  bounds: PoolBounds;
  /** The option that bounds the count, and the constant a fix names. */
  option: string;
  constant: string;
  noun: string;
}

export default defineRule<Options>({
  id: 'no-unbounded-pool',
  meta: {
    family: 'pool',
    severity: 'warning',
    docs: { description: 'Require a bound on the connections of every agent and pool' },
    messages: {
      agentUnbounded:
        '{{label}} {{setting}}: when the dependency slows down, every waiting request ' +
        'opens another socket, piling concurrency onto a service that is already struggling. Set `maxSockets`.',
      undiciUnbounded:
        '{{label}} {{setting}}: a slow origin gets a new ' + 'connection for every queued request. Set `connections`.',
      agentPerCall:
        '{{label}} is created for every call of `{{request}}`: each request gets an agent of its own, so ' +
        '`{{option}}` bounds nothing and no connection is reused — concurrent requests open as many sockets as there ' +
        'are requests, each with a new handshake. Create one agent where it is shared (module scope, or the client), ' +
        'set `{{option}}` on it, and pass that one to every request.',
      breakerUnbounded:
        '{{label}} {{setting}}: a slow action piles up concurrent ' +
        'calls instead of rejecting the excess. Set `capacity` to shed load early.',
    },
    fix: 'safe',
    options: {
      defaultMaxConnections: {
        type: 'number',
        default: 50,
        unit: 'count',
        minimum: 1,
        description: 'Value of the named constant a quick fix inserts for `maxSockets`, `connections` or `capacity`.',
      },
    },
    simulation: 'pool-exhaustion',
  },
  create(context, options) {
    if (!context.workspace.fileImportsPackageDirectly(context.fileName, MODULES)) return {};
    return {
      [ts.SyntaxKind.NewExpression]: (node) => {
        const expression = node as ts.NewExpression;
        if (!ts.isIdentifier(expression.expression) && !ts.isPropertyAccessExpression(expression.expression)) return;
        const recognised = recognise(context, expression, context.values.resolve(expression.expression));
        if (recognised) check(context, recognised, options);
      },
    };
  },
});

function recognise(context: RuleContext, node: ts.NewExpression, callee: Value): Recognised | undefined {
  if (callee.kind !== 'module') return undefined;
  const agent = nodeAgentLabel(callee);
  if (agent) {
    const bounds = nodeAgentBounds(node, agent, context.values);
    return bounds && { bounds, option: 'maxSockets', constant: 'MAX_SOCKETS_PER_ORIGIN', noun: 'sockets per origin' };
  }
  const undici = undiciPoolClass(callee);
  if (undici) {
    const bounds = undiciPoolBounds(node, undici.name, undici.optionsIndex, context.values);
    return (
      bounds && {
        bounds,
        option: 'connections',
        constant: 'MAX_CONNECTIONS_PER_ORIGIN',
        noun: 'connections per origin',
      }
    );
  }
  if (isOpossumBreaker(callee)) {
    const bounds = opossumBounds(node, context.values);
    return bounds && { bounds, option: 'capacity', constant: 'BREAKER_CAPACITY', noun: 'concurrent calls' };
  }
  return undefined;
}

const MESSAGE_BY_OPTION: Record<string, string> = {
  maxSockets: 'agentUnbounded',
  connections: 'undiciUnbounded',
  capacity: 'breakerUnbounded',
};
const DEFAULT_BY_OPTION: Record<string, string> = {
  maxSockets: 'Node default: Infinity',
  connections: 'undici default: unlimited per origin',
  capacity: 'opossum default: Number.MAX_SAFE_INTEGER',
};

function check(context: RuleContext, recognised: Recognised, options: Options): void {
  const { bounds, option, constant, noun } = recognised;
  const perCall =
    option !== 'capacity' && ts.isNewExpression(bounds.node) ? perCallAgent(bounds.node, context.values) : undefined;
  if (perCall) return reportPerCall(context, recognised, perCall, options);
  const summary = describePool(bounds, noun);
  const facts = { library: bounds.label, ...poolScenarioParams(bounds) };
  if (bounds.connections.kind !== 'none') return context.describe(bounds.node, { summary, facts });
  const existing = writtenValue(bounds.options, option, context.values);
  const setting: OptionSetting = {
    option,
    constant,
    value: options.defaultMaxConnections,
    existing,
    comment: [
      `Most ${noun} this ${bounds.label} opens. Size it from what the dependency serves at once divided`,
      'by the number of instances; excess requests wait instead (see docs/rules/no-unbounded-pool.md).',
    ],
  };
  const fix = poolOptionsFix(bounds, [setting], `Set ${option}: ${constant}`);
  context.report({
    node: bounds.node,
    messageId: MESSAGE_BY_OPTION[option]!,
    data: {
      label: bounds.label,
      setting: existing
        ? `sets \`${option}: ${existing.getText()}\` (no limit)`
        : `has no \`${option}\` (${DEFAULT_BY_OPTION[option]})`,
    },
    policy: { summary, facts },
    fixes: fix ? [fix] : [],
    simulation: {
      model: 'pool-exhaustion',
      params: { poolSize: 0 },
      fixedParams: { poolSize: options.defaultMaxConnections },
    },
  });
}

/** An agent made per request: no option on it helps; sharing one does (no automatic fix). */
function reportPerCall(context: RuleContext, recognised: Recognised, perCall: PerCallAgent, options: Options): void {
  const { bounds, option } = recognised;
  const summary = `${bounds.label} created for every call of ${perCall.requestName}: one per request, nothing reused; ${option} bounds nothing`;
  context.report({
    node: bounds.node,
    messageId: 'agentPerCall',
    data: { label: bounds.label, request: perCall.requestName, option },
    policy: { summary, facts: { library: bounds.label, perCall: true, poolSize: null } },
    fixes: [],
    simulation: {
      model: 'pool-exhaustion',
      params: { poolSize: 0 },
      fixedParams: { poolSize: options.defaultMaxConnections },
    },
  });
}
