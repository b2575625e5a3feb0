import { ts } from '../../typescript';
import type { RuleContext } from '../rule';
import type { AxiosRequestCall } from '../libraries/axios';
import {
  axiosCallTimeout,
  clientTimeout,
  describeClient,
  describeTimeout,
  isMissing,
  type EffectiveTimeout,
} from '../libraries/axios-policy';
import { missingTimeoutScenario } from '../libraries/timeout-policy';
import { writtenLiteral } from '../libraries/object-properties';
import { axiosTimeoutFix, replaceTimeoutValueFix } from '../fixes/timeout-fixes';

// require-timeout's axios checks: a request through the default instance or with its own config,
// and an instance created without a timeout (reported once, where it is created).

type Options = { defaultTimeoutMs: number };

export function checkAxiosRequest(
  context: RuleContext,
  call: ts.CallExpression,
  request: AxiosRequestCall,
  options: Options,
): void {
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
  const literal = config && writtenLiteral(config);
  const canFix = literal !== undefined || config === undefined;
  context.report({
    node: call,
    messageId: 'axiosNoTimeout',
    data: { client: clientPhrase },
    policy,
    fixes: canFix ? [axiosTimeoutFix(call, request.configIndex, literal, options.defaultTimeoutMs, 'call')] : [],
    simulation: missingTimeoutScenario(options.defaultTimeoutMs),
  });
}

export function checkAxiosInstance(context: RuleContext, call: ts.CallExpression, options: Options): void {
  const client = { kind: 'instance' as const, creation: call };
  const timeout = clientTimeout(client, context);
  const summary = `${describeClient(client, context.workspace)}: ${describeTimeout(timeout, context.workspace)}`;
  const policy = { summary, facts: policyFacts(timeout) };
  if (!isMissing(timeout)) return context.describe(call, policy);
  if (timeout.kind === 'set') return reportDisabled(context, call, timeout, policy, options);
  const config = call.arguments[0];
  const literal = config && writtenLiteral(config);
  const canFix = literal !== undefined || config === undefined;
  const name =
    ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name) ? call.parent.name.text : 'instance';
  context.report({
    node: call,
    messageId: 'axiosInstanceNoTimeout',
    data: { name },
    policy,
    fixes: canFix ? [axiosTimeoutFix(call, 0, literal, options.defaultTimeoutMs, 'instance')] : [],
    simulation: missingTimeoutScenario(options.defaultTimeoutMs),
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
    simulation: missingTimeoutScenario(options.defaultTimeoutMs),
  });
}

function policyFacts(timeout: EffectiveTimeout): Record<string, unknown> {
  if (timeout.kind !== 'set')
    return { client: 'axios', timeoutMs: timeout.kind === 'none' ? null : 'unknown', source: timeout.source };
  const ms =
    timeout.duration.kind === 'ms' ? timeout.duration.ms : timeout.duration.kind === 'disabled' ? null : 'dynamic';
  return { client: 'axios', timeoutMs: ms, source: timeout.source };
}
