import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import { AXIOS_MEMBER_NAMES, axiosRequestCall, isAxiosCreateCall } from '../libraries/axios';
import { classifySignal, isGlobalFetch } from '../libraries/fetch';
import { formatMs } from '../libraries/durations';
import { optionsObject, lookupProperty } from '../libraries/object-properties';
import {
  CLIENT_PACKAGES,
  NODE_HTTP,
  outboundCallTimeout,
  outboundClientTimeout,
  reachesModule,
} from '../libraries/outbound-clients';
import {
  isInside,
  missingTimeoutScenario,
  type ClientTimeout,
  type LibraryContext,
  type TimeoutConstantKind,
} from '../libraries/timeout-policy';
import { dispatcherBound, isUndiciMember } from '../libraries/undici';
import type { Value } from '../libraries/values';
import {
  combineSignalFix,
  fetchSignalFix,
  remedyFix,
  replaceTimeoutValueFix,
  type ConstantValues,
} from '../fixes/timeout-fixes';
import { checkAxiosInstance, checkAxiosRequest } from './require-timeout-axios';

// Outbound calls with no effective timeout. A call that can wait forever turns a slow
// dependency into a pile-up: requests, sockets and memory are held for answers nobody awaits.

type Options = { defaultTimeoutMs: number; connectTimeoutMs: number; commandTimeoutMs: number };

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
        "`timeout: {{value}}` disables axios' timeout: a hung dependency holds this request indefinitely. " +
        "Use a finite timeout derived from the dependency's latency.",
      clientNoTimeout:
        '{{subject}} has no timeout ({{libraryDefault}}): {{consequence}}, and in-flight work piles up during an incident. {{remedy}}.',
      clientTimeoutDisabled: '{{subject}} has its timeout disabled ({{libraryDefault}}): {{consequence}}. {{remedy}}.',
    },
    fix: 'safe',
    options: {
      defaultTimeoutMs: {
        type: 'number',
        default: 10_000,
        unit: 'ms',
        minimum: 1,
        description:
          'Value of the named constant a quick fix inserts when the module has none (HTTP, SQL statement, gRPC deadline, database socket).',
      },
      connectTimeoutMs: {
        type: 'number',
        default: 3_000,
        unit: 'ms',
        minimum: 1,
        description:
          'Value of the connect-timeout constant a quick fix inserts (pg connectionTimeoutMillis, AWS connectionTimeout, amqplib).',
      },
      commandTimeoutMs: {
        type: 'number',
        default: 1_000,
        unit: 'ms',
        minimum: 1,
        description: 'Value of the Redis command-timeout constant a quick fix inserts (ioredis commandTimeout).',
      },
    },
    simulation: 'missing-timeout',
  },
  create(context, options) {
    const axiosReachable = context.workspace.fileImportsPackage(context.fileName, AXIOS_PACKAGE);
    const clientsReachable =
      context.workspace.fileImportsPackageDirectly(context.fileName, NODE_HTTP) ||
      CLIENT_PACKAGES.some((name) => reachesModule(context.workspace, context.fileName, name));
    if (!axiosReachable && !clientsReachable && !context.text.includes('fetch')) return {};
    const library: LibraryContext = context; // a rule's context is a library context
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (!mightBeOutboundCall(call, axiosReachable, clientsReachable)) return;
        const callee = context.values.resolve(call.expression);
        if (callee.kind === 'unknown' || callee.kind === 'parameter') return;
        if (isGlobalFetch(callee) || isUndiciMember(callee, 'fetch'))
          return checkFetch(context, library, call, options);
        const creation: Value = { kind: 'call', callee, node: call, path: [] };
        if (isAxiosCreateCall(creation)) return checkAxiosInstance(context, call, options);
        const request = axiosRequestCall(callee, call, (expression) => context.values.resolve(expression));
        if (request) return checkAxiosRequest(context, call, request, options);
        if (clientsReachable) {
          const client = outboundCallTimeout(callee, call, library);
          if (client) reportClient(context, call, client, options);
        }
      },
      [ts.SyntaxKind.NewExpression]: (node) => {
        if (!clientsReachable) return;
        const creation = node as ts.NewExpression;
        const callee = context.values.resolve(creation.expression);
        if (callee.kind !== 'module') return;
        const client = outboundClientTimeout(callee, creation, library);
        if (client) reportClient(context, creation, client, options);
      },
    };
  },
});

/**
 * A syntactic pre-check that keeps value resolution off the vast majority of calls: only a plain
 * name (`fetch`, `axios`, an alias) or a member named like a request method can be one, and
 * axios only where the package is reachable from this file at all.
 */
/** `axios` and its subpaths, as an import specifier. */
const AXIOS_PACKAGE = /^axios(\/|$)/;

function mightBeOutboundCall(call: ts.CallExpression, axiosReachable: boolean, clientsReachable: boolean): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'fetch' || axiosReachable || clientsReachable;
  if (ts.isPropertyAccessExpression(callee)) {
    return (
      callee.name.text === 'fetch' || clientsReachable || (axiosReachable && AXIOS_MEMBER_NAMES.has(callee.name.text))
    );
  }
  return false;
}

function constantValues(options: Options): ConstantValues {
  const ms = options.defaultTimeoutMs;
  return {
    http: ms,
    statement: ms,
    deadline: ms,
    socket: ms,
    connect: options.connectTimeoutMs,
    command: options.commandTimeoutMs,
  };
}

/** Any other client: a hover note when bounded or undecidable, a finding with the client's own fix otherwise. */
function reportClient(
  context: RuleContext,
  node: ts.CallExpression | ts.NewExpression,
  client: ClientTimeout,
  options: Options,
): void {
  if (client.kind === 'bounded' || client.kind === 'unknown' || client.kind === 'elsewhere') {
    context.describe(node, {
      summary: client.summary,
      facts: {
        timeoutMs:
          client.kind === 'bounded' ? (client.timeoutMs ?? 'set') : client.kind === 'unknown' ? 'unknown' : null,
      },
    });
    return;
  }
  const values = constantValues(options);
  const kind: TimeoutConstantKind = client.missing.constant ?? 'http';
  const fixes = client.fix
    ? [remedyFix(client.fix, values)]
    : // The in-place replacement names an HTTP constant: only for HTTP clients.
      client.kind === 'disabled' &&
        kind === 'http' &&
        isInside(client.value, node) &&
        ts.isPropertyAssignment(client.value.parent)
      ? [replaceTimeoutValueFix(client.value, options.defaultTimeoutMs)]
      : [];
  const { subject, libraryDefault, consequence, remedy } = client.missing;
  context.report({
    node,
    messageId: client.kind === 'disabled' ? 'clientTimeoutDisabled' : 'clientNoTimeout',
    data: { subject, libraryDefault, consequence, remedy },
    policy: { summary: client.summary, facts: { timeoutMs: null } },
    fixes,
    simulation: missingTimeoutScenario(values[kind]),
  });
}


function checkFetch(context: RuleContext, library: LibraryContext, call: ts.CallExpression, options: Options): void {
  const initArgument = call.arguments[1];
  const init = optionsObject(initArgument, context.values);
  if (init.kind === 'unknown') return;
  const signal = init.kind === 'object' ? lookupProperty(init.node, 'signal', context.values) : init;
  if (signal.kind === 'unknown') return;
  if (signal.kind === 'absent') {
    // A dispatcher with an explicit headersTimeout (per call or global) bounds the wait for an answer.
    const dispatcher = dispatcherBound(init.kind === 'object' ? init.node : undefined, library);
    if (dispatcher.kind === 'unknown') return;
    if (dispatcher.kind === 'set' && dispatcher.duration.kind !== 'disabled') {
      const limit =
        dispatcher.duration.kind === 'ms' ? formatMs(dispatcher.duration.ms) : `\`${dispatcher.duration.text}\``;
      return context.describe(call, {
        summary: `fetch: headers timeout ${limit} (${dispatcher.where})`,
        facts: { client: 'fetch' },
      });
    }
    const fixTarget =
      init.kind === 'absent'
        ? { kind: 'absent' as const }
        : initArgument && ts.isObjectLiteralExpression(initArgument)
          ? { kind: 'literal' as const, node: initArgument }
          : { kind: 'reference' as const, node: initArgument! };
    context.report({
      node: call,
      messageId: 'fetchNoTimeout',
      policy: { summary: 'fetch: no timeout (Node default: none)', facts: { client: 'fetch', timeoutMs: null } },
      fixes: [fetchSignalFix(call, fixTarget, options.defaultTimeoutMs)],
      simulation: missingTimeoutScenario(options.defaultTimeoutMs),
    });
    return;
  }
  const verdict = classifySignal(signal.value, context.values);
  if (verdict.kind === 'timed') {
    const limit = verdict.ms === undefined ? 'timeout' : `timeout ${formatMs(verdict.ms)}`;
    context.describe(call, {
      summary: `fetch: ${limit} (${verdict.how})`,
      facts: { client: 'fetch', timeoutMs: verdict.ms ?? 'dynamic' },
    });
  } else if (verdict.kind === 'untimed') {
    const insideCall = signal.value.pos >= call.pos && signal.value.end <= call.end;
    context.report({
      node: call,
      messageId: 'fetchSignalUntimed',
      data: { how: verdict.how },
      policy: {
        summary: `fetch: no timeout (signal from an ${verdict.how})`,
        facts: { client: 'fetch', timeoutMs: null },
      },
      fixes: insideCall ? [combineSignalFix(signal.value, options.defaultTimeoutMs)] : [],
      simulation: missingTimeoutScenario(options.defaultTimeoutMs),
    });
  } else {
    context.describe(call, {
      summary: 'fetch: timeout decided by the signal the caller passes',
      facts: { client: 'fetch' },
    });
  }
}
