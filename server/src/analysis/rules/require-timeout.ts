import { ts } from '../../typescript';
import { runsInBrowser } from '../libraries/browser-code';
import { runsAsCommand } from '../libraries/command-scripts';
import { inReactBrowserCallback, REACT_PACKAGES, type BrowserVerdicts } from '../libraries/react-client-callbacks';
import { defineRule, type RuleContext } from '../rule';
import { AXIOS_MEMBER_NAMES, axiosRequestCall, isAxiosCreateCall } from '../libraries/axios';
import { FETCH_WORD, isGlobalFetch, mayNameGlobalFetch } from '../libraries/fetch';
import { fetchForwarder, MAY_FORWARD_FETCH } from '../libraries/fetch-forwarders';
import {
  CLIENT_PACKAGES,
  NODE_HTTP,
  outboundCallTimeout,
  outboundClientTimeout,
  reachesModule,
} from '../libraries/outbound-clients';
import {
  missingTimeoutScenario,
  type ClientTimeout,
  type LibraryContext,
  type TimeoutConstantKind,
} from '../libraries/timeout-policy';
import { isInside } from '../scope';
import { isUndiciMember } from '../libraries/undici';
import { skipOuterExpressions, type Value } from '../libraries/values';
import {
  remedyFix,
  replaceTimeoutValueFix,
  type ConstantValues,
} from '../fixes/timeout-fixes';
import { checkAxiosInstance, checkAxiosRequest } from './require-timeout-axios';
import { checkFetch } from './require-timeout-fetch';
import { calleeName } from '../libraries/callee-name';
import { GRPC_MODULES } from '../libraries/grpc';
import { hasBuiltinMethodName, isPureCall } from '../libraries/builtin-calls';
import { isRequireCall } from '../facts/source-facts';

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
        "`fetch` has no deadline (Node's fetch waits up to 300 s for the response headers, and as long as the body keeps " +
        'coming): a slow or hung dependency holds this request for minutes after its caller gave up, and in-flight work ' +
        'piles up during an incident. Pass `signal: AbortSignal.timeout(ms)`.',
      forwardedFetchNoTimeout:
        '`{{wrapper}}` hands its `{{parameter}}` to `fetch` as the request options, and this call passes no signal: ' +
        "the request has no deadline (Node's fetch waits up to 300 s for the response headers), so a hung dependency " +
        'holds it for minutes. Pass `signal: AbortSignal.timeout(ms)`.',
      fetchSignalUntimed:
        "The signal passed to `fetch` comes from an {{how}}: nothing aborts the call on time (Node's fetch itself waits " +
        'up to 300 s for the response headers). ' +
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
          'Value of the named constant a quick fix inserts when the module has none (HTTP, SQL statement, gRPC deadline, database socket, an LDAP operation).',
      },
      connectTimeoutMs: {
        type: 'number',
        default: 3_000,
        unit: 'ms',
        minimum: 1,
        description:
          'Value of the connect-timeout constant a quick fix inserts (pg connectionTimeoutMillis, AWS connectionTimeout, amqplib, ldapjs connectTimeout, ws handshakeTimeout).',
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
      reachesModule(context.workspace, context.fileName, CLIENT_PACKAGES);
    // A cheap look first: most files never mention fetch, and the patterns below cannot skip ahead.
    const mentionsFetch = context.text.includes('fetch');
    // A thin wrapper of fetch, here or in a module this file imports (see fetch-forwarders.ts).
    const forwarders =
      (mentionsFetch && MAY_FORWARD_FETCH.test(context.text)) ||
      context.workspace.fileImportsModuleMatching(context.fileName, MAY_FORWARD_FETCH);
    // Global fetch goes by its name where it is used, or where an imported module takes it
    // (`export const fetchFn = globalThis.fetch`): `prefetch` or `fetchRows` alone is neither.
    const namesFetch =
      mentionsFetch &&
      (mayNameGlobalFetch(context.text) || context.workspace.fileImportsModuleMatching(context.fileName, FETCH_WORD));
    if (!axiosReachable && !clientsReachable && !forwarders && !namesFetch) return {};
    // A gRPC client's methods are named after the service's, and a wrapper may have any name.
    const anyMethodName = forwarders || reachesModule(context.workspace, context.fileName, GRPC_MODULES);
    // A browser's request holds no server resource (see browser-code.ts).
    if (runsInBrowser(context)) return {};
    // Nor does a command's: it holds one process, not a server's resources (see command-scripts.ts).
    if (runsAsCommand(context)) return {};
    // In a package that also runs on a server, React's event handlers and effects still run only in the browser.
    const react = context.workspace.fileImportsPackageDirectly(context.fileName, REACT_PACKAGES);
    const browserVerdicts: BrowserVerdicts = new Map();
    const library: LibraryContext = context; // a rule's context is a library context
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (!mightBeOutboundCall(call, axiosReachable, clientsReachable || forwarders, anyMethodName)) return;
        if (react && inReactBrowserCallback(call, browserVerdicts)) return;
        const callee = context.values.resolve(call.expression);
        if (callee.kind === 'unknown' || callee.kind === 'parameter') return;
        if (isGlobalFetch(callee) || isUndiciMember(callee, 'fetch'))
          return checkFetch(context, library, call, options);
        if (callee.kind === 'function' && callee.path.length === 0) {
          const forwarder = forwarders ? fetchForwarder(callee.node, context.values) : undefined;
          if (forwarder) return checkFetch(context, library, call, options, { forwarder, wrapper: calleeName(call) ?? 'the wrapper' });
          if (!axiosReachable && !clientsReachable) return;
        }
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

/** `axios` and its subpaths, as an import specifier. */
const AXIOS_PACKAGE = /^axios(\/|$)/;

/**
 * A syntactic pre-check that keeps value resolution off the vast majority of calls: only a plain
 * name (`fetch`, `axios`, an alias) or a member named like a request method can be one, and
 * axios only where the package is reachable from this file at all. Where a client package is
 * reachable, any call may be one, save JavaScript's own (`Object.assign`, `rows.push`); with
 * `anyMethodName`, even a method named like those may be a gRPC call or a fetch wrapper.
 */
function mightBeOutboundCall(
  call: ts.CallExpression,
  axiosReachable: boolean,
  clientsReachable: boolean,
  anyMethodName: boolean,
): boolean {
  // Loading a module sends no request (the most frequent call of CommonJS code).
  if (isRequireCall(call)) return false;
  const callee = skipOuterExpressions(call.expression);
  // `require('request')(url, …)`: the module called where it is required.
  if (ts.isCallExpression(callee) && isRequireCall(callee)) return axiosReachable || clientsReachable;
  const name = calleeName(call);
  if (name === undefined) return false;
  if (name === 'fetch') return true;
  if (clientsReachable) return !isPureCall(call) && (anyMethodName || !hasBuiltinMethodName(call));
  // `const fetchFn = fetch` (a test seam, a polyfill): an alias named after what it holds.
  if (ts.isIdentifier(callee) && /fetch/i.test(name)) return true;
  // A plain name, or a compiled import's `default` (`(0, axios_1.default)(…)`), may be axios itself.
  const plain = ts.isIdentifier(callee) || name === 'default';
  return axiosReachable && (plain || AXIOS_MEMBER_NAMES.has(name));
}

function constantValues(options: Options): ConstantValues {
  const ms = options.defaultTimeoutMs;
  return {
    http: ms,
    statement: ms,
    deadline: ms,
    socket: ms,
    operation: ms,
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
