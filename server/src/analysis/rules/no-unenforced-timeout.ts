import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import { awsHandler, requestTimeoutOnlyWarns } from '../libraries/aws-sdk';
import { mongoIgnoresTimeoutMS } from '../libraries/connect-timeouts';
import { readDuration } from '../libraries/durations';
import { ignoredNodeFetchTimeout, isNodeFetch } from '../libraries/node-fetch';
import { GLOBAL_AGENT_TIMEOUT_MS, httpRequestFacts, type HttpRequestFacts } from '../libraries/node-http';
import { listenerEnforces } from '../libraries/http-timeout-listeners';
import { lookupProperty, writableLiteral } from '../libraries/object-properties';
import { opossumBreaker } from '../libraries/opossum-timeout';
import { NODE_HTTP, reachesModule } from '../libraries/outbound-clients';
import { argumentProperty, missingTimeoutScenario, type LibraryContext } from '../libraries/timeout-policy';
import { skipOuterExpressions } from '../libraries/values';
import { addObjectProperty } from '../fixes/text-edits';
import type { Fix, SimulationScenario } from '../types';

// Timeouts that exist on paper only: the option is set, the deadline passes, and the work goes on
// holding its socket (Node's http `timeout`, AWS `requestTimeout` without `throwOnRequestTimeout`,
// opossum without `abortController`, options the installed major ignores).

const PACKAGES = ['@aws-sdk/client-', 'opossum', 'mongodb'];

export default defineRule({
  id: 'no-unenforced-timeout',
  meta: {
    family: 'timeout',
    severity: 'warning',
    docs: { description: 'Require timeouts to abort the work they time' },
    messages: {
      httpTimeoutNotEnforced:
        "{{what}} only emits 'timeout' on `{{call}}`; nothing destroys the request, so a hung dependency still holds it " +
        "and its socket indefinitely. Pass `signal: AbortSignal.timeout(ms)`, or call `req.destroy()` in the 'timeout' listener.",
      awsTimeoutOnlyWarns:
        '`requestTimeout` without `throwOnRequestTimeout: true` only logs a warning (@smithy/node-http-handler ≥ 4.4): ' +
        'a hung AWS call keeps its socket and the request indefinitely. Add `throwOnRequestTimeout: true`.',
      opossumNoAbort:
        "opossum's `timeout` ({{timeout}}) rejects the caller but leaves the action running with its connection: under a slow " +
        'dependency the abandoned work piles up. Pass `abortController` and hand its signal to the call inside the action.',
      ignoredOption:
        '`{{option}}` is ignored by {{library}}: the call has no timeout at all, and a hung dependency holds it indefinitely. {{remedy}}.',
    },
    fix: 'safe',
    options: {},
    simulation: 'missing-timeout',
  },
  create(context) {
    const http = context.workspace.fileImportsPackageDirectly(context.fileName, NODE_HTTP);
    const nodeFetch = reachesModule(context.workspace, context.fileName, 'node-fetch');
    const constructors = reachesModule(context.workspace, context.fileName, PACKAGES);
    if (!http && !nodeFetch && !constructors) return {};
    const library: LibraryContext = context; // a rule's context is a library context
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (!mightBeRequest(call.expression, http, nodeFetch)) return;
        const callee = context.values.resolve(call.expression);
        if (callee.kind !== 'module') return;
        if (isNodeFetch(callee)) return checkNodeFetch(context, library, call);
        const facts = http ? httpRequestFacts(callee, call, library) : undefined;
        if (facts) checkHttpRequest(context, library, facts);
      },
      [ts.SyntaxKind.NewExpression]: (node) => {
        if (!constructors) return;
        const creation = node as ts.NewExpression;
        const callee = context.values.resolve(creation.expression);
        if (callee.kind !== 'module') return;
        checkAws(context, library, creation);
        checkOpossum(context, library, creation);
        checkMongo(context, library, creation);
      },
    };
  },
});

/** Keeps value resolution off calls that cannot be `http.request`/`get` or node-fetch. */
function mightBeRequest(written: ts.Expression, http: boolean, nodeFetch: boolean): boolean {
  const callee = skipOuterExpressions(written); // compiled: `(0, _http.request)(…)`
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined;
  if (name === undefined) return false;
  if (http && (name === 'request' || name === 'get')) return true;
  return nodeFetch && ts.isIdentifier(callee);
}

/** As written the timeout does not end the call (0 = none in the model); fixed it does. */
function scenario(timeoutMs: number | undefined): SimulationScenario {
  return missingTimeoutScenario(timeoutMs ?? 10_000);
}

function msOf(expression: ts.Expression, context: RuleContext): number | undefined {
  const duration = readDuration(expression, context.values);
  return duration.kind === 'ms' ? duration.ms : undefined;
}

function checkHttpRequest(context: RuleContext, library: LibraryContext, facts: HttpRequestFacts): void {
  if (facts.opaque || facts.signal === 'timed' || facts.signal === 'unknown' || facts.softTimeouts.length === 0) return;
  if (facts.listeners.some((listener) => listenerEnforces(listener, library))) return;
  const soft = facts.softTimeouts[0]!;
  const fixes: Fix[] = [];
  if (ts.isPropertyAssignment(soft.node) && !soft.text.startsWith('agent')) {
    // `timeout: ms` → `signal: AbortSignal.timeout(ms)`: a deadline that aborts (it also bounds a slow body).
    const value = soft.node.initializer.getText();
    const sourceFile = soft.node.getSourceFile();
    fixes.push({
      title: `Replace with signal: AbortSignal.timeout(${value})`,
      kind: 'suggestion',
      edits: [
        { start: soft.node.getStart(sourceFile), end: soft.node.end, newText: `signal: AbortSignal.timeout(${value})` },
      ],
    });
  } else if (
    !soft.globalAgent &&
    ts.isCallExpression(soft.node) &&
    soft.node.arguments.length === 1 &&
    ts.isPropertyAccessExpression(soft.node.expression)
  ) {
    const receiver = soft.node.expression.expression.getText();
    const at = soft.node.arguments[0]!.end;
    fixes.push({
      title: `Destroy the request on timeout`,
      kind: 'safe',
      edits: [{ start: at, end: at, newText: `, () => ${receiver}.destroy(new Error('request timed out'))` }],
    });
  }
  const what = soft.globalAgent
    ? "The global agent's 5 s socket timeout (Node ≥ 19)"
    : ts.isCallExpression(soft.node)
    ? '`req.setTimeout`'
    : soft.text.startsWith('agent')
      ? "The agent's `timeout`"
      : 'The `timeout` option';
  const timeoutNode = ts.isPropertyAssignment(soft.node)
    ? soft.node.initializer
    : ts.isCallExpression(soft.node)
      ? soft.node.arguments[0]
      : undefined;
  context.report({
    node: soft.node,
    messageId: 'httpTimeoutNotEnforced',
    data: { what, call: facts.label },
    policy: {
      summary: `${facts.label}: ${soft.text} emits 'timeout' only; no listener destroys the request`,
      facts: { enforced: false },
    },
    fixes,
    simulation: scenario(soft.globalAgent ? GLOBAL_AGENT_TIMEOUT_MS : timeoutNode ? msOf(timeoutNode, context) : undefined),
  });
}

function checkAws(context: RuleContext, library: LibraryContext, creation: ts.NewExpression): void {
  const callee = context.values.resolve(creation.expression);
  const handler = awsHandler(callee, creation, library);
  if (!handler || handler === 'opaque' || !handler.options || handler.options.pos < 0) return;
  if (!requestTimeoutOnlyWarns(library)) return;
  const options = handler.options;
  const timeout = lookupProperty(options, 'requestTimeout', context.values);
  if (timeout.kind !== 'found' || readDuration(timeout.value, context.values).kind === 'disabled') return;
  if (lookupProperty(options, 'socketTimeout', context.values).kind !== 'absent') return; // an enforced idle timeout
  const throws = lookupProperty(options, 'throwOnRequestTimeout', context.values);
  if (throws.kind === 'unknown' || (throws.kind === 'found' && throws.value.kind !== ts.SyntaxKind.FalseKeyword))
    return;
  const sourceFile = options.getSourceFile();
  const literal = writableLiteral(options);
  const edit =
    throws.kind === 'found'
      ? { start: throws.value.getStart(sourceFile), end: throws.value.end, newText: 'true' }
      : literal && addObjectProperty(literal, 'throwOnRequestTimeout: true', sourceFile);
  context.report({
    node: options,
    messageId: 'awsTimeoutOnlyWarns',
    policy: {
      summary: `${handler.subject}: requestTimeout ${timeout.value.getText()} only warns (no throwOnRequestTimeout)`,
      facts: { enforced: false },
    },
    fixes:
      edit && options.getSourceFile() === creation.getSourceFile()
        ? [{ title: 'Set throwOnRequestTimeout: true', kind: 'safe', edits: [edit] }]
        : [],
    simulation: scenario(msOf(timeout.value, context)),
  });
}

function checkOpossum(context: RuleContext, library: LibraryContext, creation: ts.NewExpression): void {
  const breaker = opossumBreaker(context.values.resolve(creation.expression), creation, library);
  if (!breaker || breaker.enforced) return;
  context.report({
    node: creation,
    messageId: 'opossumNoAbort',
    data: { timeout: breaker.timeoutText },
    policy: {
      summary: `opossum breaker: timeout ${breaker.timeoutText} rejects without aborting (no abortController)`,
      facts: { enforced: false },
    },
    simulation: scenario(breaker.timeoutMs),
  });
}

function checkMongo(context: RuleContext, library: LibraryContext, creation: ts.NewExpression): void {
  const callee = context.values.resolve(creation.expression);
  if (callee.kind !== 'module' || callee.module !== 'mongodb' || callee.path.join('.') !== 'MongoClient') return;
  if (!mongoIgnoresTimeoutMS(library)) return;
  const option = argumentProperty(creation, 1, 'timeoutMS', context.values);
  if (option.kind !== 'found' || !ts.isPropertyAssignment(option.value.parent)) return;
  if (argumentProperty(creation, 1, 'socketTimeoutMS', context.values).kind !== 'absent') return; // a socket timeout still applies
  reportIgnored(
    context,
    option.value.parent,
    'timeoutMS',
    `mongodb ${library.workspace.packageMajor(library.fileName, 'mongodb')}`,
    'Set `socketTimeoutMS` (and `waitQueueTimeoutMS`)',
    `socketTimeoutMS: ${option.value.getText()}`,
  );
}

function checkNodeFetch(context: RuleContext, library: LibraryContext, call: ts.CallExpression): void {
  const ignored = ignoredNodeFetchTimeout(call, library);
  if (!ignored || !ts.isPropertyAssignment(ignored.parent)) return;
  reportIgnored(
    context,
    ignored.parent,
    'timeout',
    `node-fetch ${library.workspace.packageMajor(library.fileName, 'node-fetch')}`,
    'Pass `signal: AbortSignal.timeout(ms)` instead',
    `signal: AbortSignal.timeout(${ignored.getText()})`,
  );
}

function reportIgnored(
  context: RuleContext,
  property: ts.PropertyAssignment,
  option: string,
  library: string,
  remedy: string,
  replacement: string,
): void {
  const sourceFile = property.getSourceFile();
  context.report({
    node: property,
    messageId: 'ignoredOption',
    data: { option, library, remedy },
    policy: { summary: `${option} is ignored by ${library}: no timeout applies`, facts: { enforced: false } },
    fixes: [
      {
        title: `Replace with ${replacement}`,
        kind: 'safe',
        edits: [{ start: property.getStart(sourceFile), end: property.end, newText: replacement }],
      },
    ],
    simulation: scenario(msOf(property.initializer, context)),
  });
}
