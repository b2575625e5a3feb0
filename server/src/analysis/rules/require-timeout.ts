import { ts } from 'ts-morph';
import { defineRule, type RuleContext } from '../rule';
import { AXIOS_MEMBER_NAMES, AXIOS_MODULE, axiosRequestCall, isAxiosCreateCall, type AxiosRequestCall } from '../libraries/axios';
import {
  axiosCallTimeout, clientTimeout, describeClient, describeTimeout, isMissing, type EffectiveTimeout,
} from '../libraries/axios-policy';
import { classifySignal, isGlobalFetch } from '../libraries/fetch';
import { formatMs } from '../libraries/durations';
import { optionsObject, lookupProperty } from '../libraries/object-properties';
import type { Value } from '../libraries/values';
import { axiosTimeoutFix, combineSignalFix, fetchSignalFix, replaceTimeoutValueFix } from '../fixes/timeout-fixes';
import type { SimulationScenario } from '../types';

// Outbound calls with no effective timeout. A call that can wait forever turns a slow
// dependency into a pile-up: requests, sockets and memory are held for answers nobody awaits.

type Options = { defaultTimeoutMs: number };

export default defineRule<Options>({
  id: 'require-timeout',
  meta: {
    family: 'timeout',
    severity: 'warning',
    docs: { description: 'Require an effective timeout on every outbound call' },
    messages: {
      fetchNoTimeout:
        '`fetch` has no timeout (Node sets none): a slow or hung dependency holds this request open indefinitely, ' +
        'and in-flight work piles up during an incident. Pass `signal: AbortSignal.timeout(ms)`.',
      fetchSignalUntimed:
        'The signal passed to `fetch` comes from an {{how}}: the call can still hang indefinitely. ' +
        'Combine it with a deadline: `AbortSignal.any([signal, AbortSignal.timeout(ms)])`.',
      axiosNoTimeout:
        'This request through {{client}} has no timeout (axios default 0 = none): a hung dependency holds the request and its ' +
        'socket indefinitely. Set `timeout` on the instance or the request.',
      axiosInstanceNoTimeout:
        'axios instance `{{name}}` is created without a timeout (axios default 0 = none): every request through it can ' +
        'hang indefinitely. Set `timeout` in `axios.create`.',
      timeoutDisabled:
        '`timeout: {{value}}` disables axios\' timeout: a hung dependency holds this request indefinitely. ' +
        'Use a finite timeout derived from the dependency\'s latency.',
    },
    fix: 'safe',
    options: {
      defaultTimeoutMs: {
        type: 'number',
        default: 10_000,
        unit: 'ms',
        minimum: 1,
        description: 'Value of the named constant a quick fix inserts when the module has none.',
      },
    },
    simulation: 'missing-timeout',
  },
  create(context, options) {
    const axiosReachable = context.workspace.fileReaches(context.fileName, AXIOS_MODULE);
    if (!axiosReachable && !context.text.includes('fetch')) return {};
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (!mightBeOutboundCall(call, axiosReachable)) return;
        const callee = context.values.resolve(call.expression);
        if (callee.kind === 'unknown' || callee.kind === 'parameter') return;
        if (isGlobalFetch(callee)) return checkFetch(context, call, options);
        const creation: Value = { kind: 'call', callee, node: call, path: [] };
        if (isAxiosCreateCall(creation)) return checkAxiosInstance(context, call, options);
        const request = axiosRequestCall(callee, call, (expression) => context.values.resolve(expression));
        if (request) checkAxiosRequest(context, call, request, options);
      },
    };
  },
});

/**
 * A syntactic pre-check that keeps value resolution off the vast majority of calls: only a plain
 * name (`fetch`, `axios`, an alias) or a member named like a request method can be one, and
 * axios only where the package is reachable from this file at all.
 */
function mightBeOutboundCall(call: ts.CallExpression, axiosReachable: boolean): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'fetch' || axiosReachable;
  if (ts.isPropertyAccessExpression(callee)) {
    return callee.name.text === 'fetch' || (axiosReachable && AXIOS_MEMBER_NAMES.has(callee.name.text));
  }
  return false;
}

/** As written: no per-call timeout (0 in the model). Fixed: the timeout the quick fix inserts. */
function scenario(fixTimeoutMs: number): SimulationScenario {
  return { model: 'missing-timeout', params: { timeoutMs: 0 }, fixedParams: { timeoutMs: fixTimeoutMs } };
}

function checkFetch(context: RuleContext, call: ts.CallExpression, options: Options): void {
  const initArgument = call.arguments[1];
  const init = optionsObject(initArgument, context.values);
  if (init.kind === 'unknown') return;
  const signal = init.kind === 'object' ? lookupProperty(init.node, 'signal', context.values) : init;
  if (signal.kind === 'unknown') return;
  if (signal.kind === 'absent') {
    const fixTarget = init.kind === 'absent' ? { kind: 'absent' as const }
      : initArgument && ts.isObjectLiteralExpression(initArgument) ? { kind: 'literal' as const, node: initArgument }
      : { kind: 'reference' as const, node: initArgument! };
    context.report({
      node: call,
      messageId: 'fetchNoTimeout',
      policy: { summary: 'fetch: no timeout (Node default: none)', facts: { client: 'fetch', timeoutMs: null } },
      fixes: [fetchSignalFix(call, fixTarget, options.defaultTimeoutMs)],
      simulation: scenario(options.defaultTimeoutMs),
    });
    return;
  }
  const verdict = classifySignal(signal.value, context.values);
  if (verdict.kind === 'timed') {
    const limit = verdict.ms === undefined ? 'timeout' : `timeout ${formatMs(verdict.ms)}`;
    context.describe(call, { summary: `fetch: ${limit} (${verdict.how})`, facts: { client: 'fetch', timeoutMs: verdict.ms ?? 'dynamic' } });
  } else if (verdict.kind === 'untimed') {
    const insideCall = signal.value.pos >= call.pos && signal.value.end <= call.end;
    context.report({
      node: call,
      messageId: 'fetchSignalUntimed',
      data: { how: verdict.how },
      policy: { summary: `fetch: no timeout (signal from an ${verdict.how})`, facts: { client: 'fetch', timeoutMs: null } },
      fixes: insideCall ? [combineSignalFix(signal.value, options.defaultTimeoutMs)] : [],
      simulation: scenario(options.defaultTimeoutMs),
    });
  } else {
    context.describe(call, { summary: 'fetch: timeout decided by the signal the caller passes', facts: { client: 'fetch' } });
  }
}

function checkAxiosRequest(context: RuleContext, call: ts.CallExpression, request: AxiosRequestCall, options: Options): void {
  const timeout = axiosCallTimeout(call, request, context);
  const client = describeClient(request.client, context.workspace);
  const summary = `${client}: ${describeTimeout(timeout, context.workspace)}`;
  const clientPhrase = request.client.kind === 'default' ? 'the default axios instance' : client;
  const policy = { summary, facts: policyFacts(timeout) };
  if (!isMissing(timeout)) return context.describe(call, policy);
  if (timeout.kind === 'set') return reportDisabled(context, call, timeout, policy, options);
  // Requests through an instance without a timeout are reported once, at `axios.create`.
  if (request.client.kind === 'instance') return context.describe(call, policy);
  const config = call.arguments[request.configIndex];
  const literal = config && ts.isObjectLiteralExpression(config) ? config : undefined;
  const canFix = literal !== undefined || config === undefined;
  context.report({
    node: call,
    messageId: 'axiosNoTimeout',
    data: { client: clientPhrase },
    policy,
    fixes: canFix ? [axiosTimeoutFix(call, request.configIndex, literal, options.defaultTimeoutMs, 'call')] : [],
    simulation: scenario(options.defaultTimeoutMs),
  });
}

function checkAxiosInstance(context: RuleContext, call: ts.CallExpression, options: Options): void {
  const client = { kind: 'instance' as const, creation: call };
  const timeout = clientTimeout(client, context);
  const summary = `${describeClient(client, context.workspace)}: ${describeTimeout(timeout, context.workspace)}`;
  const policy = { summary, facts: policyFacts(timeout) };
  if (!isMissing(timeout)) return context.describe(call, policy);
  if (timeout.kind === 'set') return reportDisabled(context, call, timeout, policy, options);
  const config = call.arguments[0];
  const literal = config && ts.isObjectLiteralExpression(config) ? config : undefined;
  const canFix = literal !== undefined || config === undefined;
  const name = ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name) ? call.parent.name.text : 'instance';
  context.report({
    node: call,
    messageId: 'axiosInstanceNoTimeout',
    data: { name },
    policy,
    fixes: canFix ? [axiosTimeoutFix(call, 0, literal, options.defaultTimeoutMs, 'instance')] : [],
    simulation: scenario(options.defaultTimeoutMs),
  });
}

function reportDisabled(
  context: RuleContext,
  call: ts.CallExpression,
  timeout: Extract<EffectiveTimeout, { kind: 'set' }>,
  policy: { summary: string; facts: Record<string, unknown> },
  options: Options,
): void {
  const value = timeout.node as ts.Expression;
  // Only fix a value written inside this call: a shared constant is someone else's decision.
  const editable = value.pos >= call.pos && value.end <= call.end && ts.isPropertyAssignment(value.parent);
  context.report({
    node: call,
    messageId: 'timeoutDisabled',
    data: { value: value.getText() },
    policy,
    fixes: editable ? [replaceTimeoutValueFix(value, options.defaultTimeoutMs)] : [],
    simulation: scenario(options.defaultTimeoutMs),
  });
}

function policyFacts(timeout: EffectiveTimeout): Record<string, unknown> {
  if (timeout.kind !== 'set') return { client: 'axios', timeoutMs: timeout.kind === 'none' ? null : 'unknown', source: timeout.source };
  const ms = timeout.duration.kind === 'ms' ? timeout.duration.ms : timeout.duration.kind === 'disabled' ? null : 'dynamic';
  return { client: 'axios', timeoutMs: ms, source: timeout.source };
}
