import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import { describeDuration, type LibraryContext } from '../libraries/timeout-policy';
import { readDuration, type Duration } from '../libraries/durations';
import { calleeName } from '../libraries/callee-name';
import {
  SERVER_TIMEOUTS,
  defaultTimeoutMs,
  optionTimeouts,
  serverCreation,
  timeoutWrite,
  type ServerCreation,
  type ServerTimeout,
  type SetTimeout,
} from '../libraries/node-server';
import { SERVER_PACKAGES } from '../libraries/server-makers';
import { writableLiteral } from '../libraries/object-properties';
import { keepAliveFix, restoreTimeoutFix, type KeepAliveSlot } from '../fixes/server-timeout-fixes';

// The inbound side: a server whose timeouts are switched off lets slow or stalled clients hold
// sockets and memory without limit, and a keep-alive shorter than the load balancer's idle
// timeout makes the balancer reuse connections the server is closing (sporadic 502s under load).

const TIMEOUT_WORDS = /requestTimeout|headersTimeout|keepAliveTimeout|connectionTimeout|\.timeout\b|\.setTimeout\(/;
const CREATION_WORDS = /createServer|\.listen\(|fastify|Server\(/;
const CREATION_NAMES = new Set(['createServer', 'listen', 'fastify', 'Fastify', 'default']);

interface ServerState {
  creation: ServerCreation;
  writes: SetTimeout[];
}

export default defineRule({
  id: 'require-server-timeouts',
  meta: {
    family: 'timeout',
    severity: 'warning',
    docs: { description: "Require an HTTP server's timeouts to stay on and consistent" },
    messages: {
      disabled:
        '{{server}}: `{{name}}` is set to {{value}}, which disables it: {{consequence}}. ' +
        'Set a finite value (Node defaults: requestTimeout 300000 ms).',
      headersAfterRequest:
        '{{server}}: `headersTimeout` ({{headers}}) exceeds `requestTimeout` ({{request}}): the request deadline fires ' +
        'first, so the headers timeout never applies (and in `createServer` options Node throws at start-up). ' +
        'Make headersTimeout at most requestTimeout.',
      keepAliveShort:
        "{{server}}: `keepAliveTimeout` ({{keepAlive}}) is not above the load balancer's idle timeout ({{lb}} ms): the " +
        'server closes idle connections the balancer may still send requests on, which fail as 502s under load. ' +
        'Set keepAliveTimeout above {{lb}} ms.',
    },
    fix: 'safe',
    options: {
      loadBalancerIdleTimeoutMs: {
        type: 'number',
        default: 0,
        unit: 'ms',
        minimum: 0,
        description:
          'Idle timeout of the load balancer in front of the servers (AWS ALB: 60000). 0 turns the keepAliveTimeout check off.',
      },
    },
    simulation: 'missing-timeout',
  },
  create(context, options) {
    const loadBalancerMs = Number(options.loadBalancerIdleTimeoutMs) || 0;
    if (!context.workspace.fileImportsPackage(context.fileName, SERVER_PACKAGES)) return {};
    // Every timeout word has `imeout`: a fast `includes` turns most files away before the pattern.
    const mayWrite = loadBalancerMs > 0 || context.text.includes('imeout');
    if (!mayWrite || !(loadBalancerMs > 0 ? CREATION_WORDS : TIMEOUT_WORDS).test(context.text)) return {};
    const library: LibraryContext = context;
    const servers = new Map<ts.Node, ServerState>();
    const stateOf = (creation: ServerCreation): ServerState => {
      let state = servers.get(creation.node);
      if (!state) servers.set(creation.node, (state = { creation, writes: [] }));
      return state;
    };
    const onWrite = (node: ts.Node) => {
      const write = timeoutWrite(node);
      if (!write) return;
      const creation = serverCreation(context.values.resolve(write.receiver), library);
      if (!creation || creation.framework !== 'node') return;
      const duration = readDuration(write.value, context.values);
      stateOf(creation).writes.push({ name: write.name, value: write.value, duration });
    };
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (CREATION_NAMES.has(calleeName(call) ?? '')) {
          const creation = serverCreation(context.values.resolve(call), library);
          if (creation && creation.node === call) stateOf(creation);
        }
        onWrite(call);
      },
      [ts.SyntaxKind.NewExpression]: (node) => {
        const creation = (node as ts.NewExpression).expression;
        if (!ts.isPropertyAccessExpression(creation) || creation.name.text !== 'Server') return;
        const server = serverCreation(context.values.resolve(node as ts.Expression), library);
        if (server && server.node === node) stateOf(server);
      },
      [ts.SyntaxKind.BinaryExpression]: onWrite,
      fileEnd: () => {
        for (const state of servers.values()) checkServer(context, state, loadBalancerMs);
      },
    };
  },
});

function checkServer(context: RuleContext, state: ServerState, loadBalancerMs: number): void {
  const { creation } = state;
  const fromOptions = creation.opaque ? undefined : optionTimeouts(creation, context);
  if (!fromOptions) return; // options we cannot read: the effective values are unknown
  const sets = [...fromOptions, ...state.writes.sort((a, b) => a.value.pos - b.value.pos)];
  const last = (name: ServerTimeout) => sets.filter((set) => set.name === name).pop();
  const requestSet = last('requestTimeout');
  const requestMs = msOr(requestSet?.duration, defaultTimeoutMs(creation.framework, 'requestTimeout', 0));
  const effective = new Map<ServerTimeout, number | undefined>();
  for (const name of SERVER_TIMEOUTS) {
    effective.set(name, msOr(last(name)?.duration, defaultTimeoutMs(creation.framework, name, requestMs ?? 0)));
  }
  const summary = `${creation.label}: ${SERVER_TIMEOUTS.map((name) => `${name} ${policyText(effective.get(name), !last(name))}`).join(', ')}`;
  const policy = { summary, facts: Object.fromEntries([...effective].map(([k, v]) => [`${k}Ms`, v ?? 'dynamic'])) };
  const server = `\`${creation.label}\``;

  for (const name of ['timeout', 'requestTimeout'] as const) {
    const set = last(name);
    if (!set || set.duration.kind !== 'disabled') continue;
    const fix = set.value.getSourceFile() === context.sourceFile ? restoreTimeoutFix(set.value, name) : undefined;
    context.report({
      node: set.value,
      messageId: 'disabled',
      data: { server, name: optionName(creation, name), value: set.value.getText(), consequence: CONSEQUENCES[name] },
      policy,
      fixes: fix ? [fix] : [],
      simulation: {
        model: 'missing-timeout',
        params: { timeoutMs: 0 },
        fixedParams: { timeoutMs: name === 'timeout' ? 120_000 : 300_000 },
      },
    });
  }

  const headers = last('headersTimeout');
  if (headers?.duration.kind === 'ms' && requestMs !== undefined && requestMs > 0 && headers.duration.ms > requestMs) {
    context.report({
      node: headers.value,
      messageId: 'headersAfterRequest',
      data: { server, headers: `${headers.duration.ms} ms`, request: `${requestMs} ms` },
      policy,
    });
  }

  const keepAliveMs = effective.get('keepAliveTimeout');
  if (loadBalancerMs <= 0 || keepAliveMs === undefined || keepAliveMs === 0 || keepAliveMs > loadBalancerMs) return;
  const keepAlive = last('keepAliveTimeout');
  const slot = keepAliveSlot(creation, keepAlive);
  context.report({
    node: keepAlive ? keepAlive.value : creation.node,
    messageId: 'keepAliveShort',
    data: { server, keepAlive: policyText(keepAliveMs, !keepAlive), lb: String(loadBalancerMs) },
    policy,
    fixes: slot && slot.node.getSourceFile() === context.sourceFile ? [keepAliveFix(slot.fix, loadBalancerMs)] : [],
  });
}

const CONSEQUENCES: Record<'timeout' | 'requestTimeout', string> = {
  timeout: 'a client that stops reading or sending keeps its socket open indefinitely',
  requestTimeout:
    'a client that sends a request slowly (or never finishes it) holds a socket and its memory indefinitely',
};

function optionName(creation: ServerCreation, name: ServerTimeout): string {
  return creation.framework === 'fastify' && name === 'timeout' ? 'connectionTimeout' : name;
}

function keepAliveSlot(
  creation: ServerCreation,
  set: SetTimeout | undefined,
): { node: ts.Node; fix: KeepAliveSlot } | undefined {
  if (set) return { node: set.value, fix: { kind: 'value', node: set.value } };
  if (creation.options) {
    const literal = writableLiteral(creation.options);
    return literal && literal.parent === creation.node
      ? { node: creation.node, fix: { kind: 'options', node: literal } }
      : undefined;
  }
  const isFactory = creation.framework === 'fastify' || /createServer|Server$/.test(creation.label);
  return isFactory ? { node: creation.node, fix: { kind: 'first-argument', call: creation.node } } : undefined;
}

function msOr(duration: Duration | undefined, fallbackMs: number): number | undefined {
  if (!duration) return fallbackMs;
  if (duration.kind === 'ms') return duration.ms;
  return duration.kind === 'disabled' ? 0 : undefined;
}

function policyText(ms: number | undefined, isDefault: boolean): string {
  const text = ms === undefined ? 'dynamic' : ms === 0 ? 'off' : describeDuration({ kind: 'ms', ms });
  return isDefault ? `${text} (default)` : text;
}
