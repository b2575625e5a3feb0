import { ts } from '../../typescript';
import { enclosingFunction, variableReferences } from '../scope';
import { classifySignal } from './fetch';
import { readDuration } from './durations';
import { lookupProperty, optionsObject, type ObjectSource } from './object-properties';
import { describeDuration, objectArgumentSlot, type ClientTimeout, type LibraryContext, type OptionsSlot } from './timeout-policy';
import type { Value } from './values';

// Node's `http`/`https` `request` and `get`. No timeout by default; and even a `timeout` option,
// `req.setTimeout(ms)` or an Agent's `timeout` only emits `'timeout'` — the request is not
// aborted unless a handler destroys it (nodejs.org/api/http.html#event-timeout). A `signal`
// (`AbortSignal.timeout(ms)`) does abort it.

const HTTP_MODULES = new Set(['http', 'https']);
const METHODS = new Set(['request', 'get']);

// follow-redirects' `http`/`https` are drop-ins for Node's, with the same defaults (no timeout)
// and options (a `timeout` only emits 'timeout'; a `signal` reaches each native request). One
// difference: its `req.setTimeout(ms)` also destroys the socket after `ms` idle, so it does end
// a hung request (follow-redirects 1.15 `index.js`, `RedirectableRequest.prototype.setTimeout`).
export const FOLLOW_REDIRECTS_MODULE = 'follow-redirects';
/** ClientRequest methods that return the request itself, so a chain keeps talking about it. */
const CHAINABLE = new Set([
  'on',
  'once',
  'setTimeout',
  'setNoDelay',
  'setSocketKeepAlive',
  'setHeader',
  'end',
  'write',
]);

/**
 * Node ≥ 19 creates the global agent with `keepAlive: true, timeout: 5000` (lib/_http_agent.js):
 * a request through it emits 'timeout' after 5 s of socket inactivity — to whatever listens.
 */
export const GLOBAL_AGENT_TIMEOUT_MS = 5000;

/** A timeout that only emits 'timeout': the option, `req.setTimeout(ms)`, or the agent's `timeout`. */
export interface SoftTimeout {
  node: ts.Node;
  text: string;
  /** The global agent's socket timeout, which the request's own 'timeout' listeners hear. */
  globalAgent?: boolean;
  /** `req.setTimeout(ms, callback)`: the callback is a 'timeout' listener. */
  listener?: ts.Expression;
}

export interface HttpRequestFacts {
  call: ts.CallExpression;
  label: string;
  /** Where `signal` would go; undefined when the options cannot be edited. */
  slot?: OptionsSlot;
  signal: 'timed' | 'untimed' | 'unknown' | 'absent';
  softTimeouts: SoftTimeout[];
  /** follow-redirects' `req.setTimeout(ms)`: the socket is destroyed after `ms` idle. */
  idleTimeout?: string;
  /** The package whose defaults apply. */
  library: 'Node' | 'follow-redirects';
  /** Whether the options name an agent (or may: options we cannot read); else the global agent serves it. */
  ownAgent: boolean;
  /** 'timeout' listeners (and setTimeout callbacks) attached to the request. */
  listeners: ts.Expression[];
  /** Options or the request object go where we cannot see (a parameter, returned, passed on). */
  opaque: boolean;
}

export function isHttpRequestCallee(callee: Value): boolean {
  return httpMethodPath(callee) !== undefined;
}

/** `['https', 'request']` for `https.request` or follow-redirects' `https.request`. */
function httpMethodPath(callee: Value): readonly [string, string] | undefined {
  if (callee.kind !== 'module') return undefined;
  const [first, second] = callee.path;
  if (HTTP_MODULES.has(callee.module) && callee.path.length === 1 && METHODS.has(first!)) return [callee.module, first!];
  if (callee.module === FOLLOW_REDIRECTS_MODULE && callee.path.length === 2 && HTTP_MODULES.has(first!) && METHODS.has(second!))
    return [first!, second!];
  return undefined;
}

export function httpRequestFacts(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): HttpRequestFacts | undefined {
  const method = httpMethodPath(callee);
  if (!method || callee.kind !== 'module') return undefined;
  const library = callee.module === FOLLOW_REDIRECTS_MODULE ? 'follow-redirects' : 'Node';
  const label = method.join('.');
  const facts: HttpRequestFacts = {
    call,
    label,
    library,
    ownAgent: false,
    signal: 'absent',
    softTimeouts: [],
    listeners: [],
    opaque: false,
  };
  const [first, second] = call.arguments;
  const firstOptions = optionsObject(first, context.values);
  let options: ObjectSource | undefined;
  if (firstOptions.kind === 'object') {
    options = firstOptions.node;
    facts.slot = objectArgumentSlot(first!);
  } else if (!isUrlLike(first, context)) {
    facts.opaque = true;
  } else if (second && !isFunction(second, context)) {
    const secondOptions = optionsObject(second, context.values);
    if (secondOptions.kind !== 'object') facts.opaque = true;
    else {
      options = secondOptions.node;
      facts.slot = objectArgumentSlot(second);
    }
  } else {
    facts.slot = { kind: 'argument', call, index: 1, before: second };
  }
  if (options) readOptions(options, facts, context);
  followRequest(call, facts, context);
  // 'timeout' listeners and no timeout of its own: they hear the global agent's.
  if (facts.softTimeouts.length === 0 && facts.listeners.length > 0 && !facts.ownAgent && library === 'Node')
    facts.softTimeouts.push({ node: call, text: "the global agent's 5 s socket timeout (Node ≥ 19)", globalAgent: true });
  return facts;
}

function readOptions(options: ObjectSource, facts: HttpRequestFacts, context: LibraryContext): void {
  const signal = lookupProperty(options, 'signal', context.values);
  if (signal.kind === 'unknown') facts.opaque = true;
  if (signal.kind === 'found') {
    const verdict = classifySignal(signal.value, context.values);
    facts.signal = verdict.kind;
  }
  const timeout = lookupProperty(options, 'timeout', context.values);
  if (timeout.kind === 'unknown') facts.opaque = true;
  if (timeout.kind === 'found')
    addSoft(
      facts,
      timeout.value.parent,
      `timeout ${describeDuration(readDuration(timeout.value, context.values))}`,
      timeout.value,
      context,
    );
  const agent = lookupProperty(options, 'agent', context.values);
  facts.ownAgent = agent.kind !== 'absent';
  if (agent.kind === 'found') {
    const value = context.values.resolve(agent.value);
    if (
      value.kind === 'new' &&
      value.path.length === 0 &&
      value.callee.kind === 'module' &&
      HTTP_MODULES.has(value.callee.module) &&
      value.callee.path[0] === 'Agent'
    ) {
      const agentTimeout = optionsObject(value.node.arguments?.[0], context.values);
      const found =
        agentTimeout.kind === 'object' ? lookupProperty(agentTimeout.node, 'timeout', context.values) : agentTimeout;
      if (found.kind === 'found')
        addSoft(
          facts,
          found.value.parent,
          `agent timeout ${describeDuration(readDuration(found.value, context.values))}`,
          found.value,
          context,
        );
    }
  }
}

function addSoft(
  facts: HttpRequestFacts,
  node: ts.Node,
  text: string,
  value: ts.Expression,
  context: LibraryContext,
): void {
  if (readDuration(value, context.values).kind === 'disabled') return;
  facts.softTimeouts.push({ node, text });
}

/** Follows what happens to the returned request: chained calls, or uses of the variable holding it. */
function followRequest(call: ts.CallExpression, facts: HttpRequestFacts, context: LibraryContext): void {
  let current: ts.Expression = call;
  for (;;) {
    const parent = current.parent;
    if (
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === current &&
      ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent
    ) {
      recordMethod(parent.name.text, parent.parent, facts, context);
      if (!CHAINABLE.has(parent.name.text)) return;
      current = parent.parent;
      continue;
    }
    if (ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent)) return;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return followVariable(parent, facts, context);
    if (ts.isExpressionStatement(parent)) return;
    facts.opaque = true; // returned, passed, stored: someone else may set a timeout
    return;
  }
}

function followVariable(declaration: ts.VariableDeclaration, facts: HttpRequestFacts, context: LibraryContext): void {
  for (const reference of variableReferences(declaration, enclosingFunction(declaration))) {
    const parent = reference.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === reference) {
      if (ts.isCallExpression(parent.parent) && parent.parent.expression === parent)
        recordMethod(parent.name.text, parent.parent, facts, context);
    } else {
      facts.opaque = true;
    }
  }
}

function recordMethod(method: string, call: ts.CallExpression, facts: HttpRequestFacts, context: LibraryContext): void {
  if (method === 'setTimeout' && call.arguments[0]) {
    const duration = readDuration(call.arguments[0], context.values);
    if (duration.kind !== 'disabled' && facts.library === 'follow-redirects')
      facts.idleTimeout = `req.setTimeout(${describeDuration(duration)})`;
    else if (duration.kind !== 'disabled')
      facts.softTimeouts.push({
        node: call,
        text: `req.setTimeout(${describeDuration(duration)})`,
        listener: call.arguments[1],
      });
    if (call.arguments[1]) facts.listeners.push(call.arguments[1]);
  } else if ((method === 'on' || method === 'once' || method === 'addListener') && call.arguments.length === 2) {
    const event = call.arguments[0]!;
    if (ts.isStringLiteralLike(event) && event.text === 'timeout') facts.listeners.push(call.arguments[1]!);
    else if (!ts.isStringLiteralLike(event)) facts.opaque = true;
  }
}

/** The require-timeout view: is there any timeout at all? */
export function httpRequestTimeout(facts: HttpRequestFacts): ClientTimeout {
  const label = `\`${facts.label}\``;
  if (facts.signal === 'timed') return { kind: 'bounded', summary: `${facts.label}: signal aborts it` };
  if (facts.idleTimeout)
    return { kind: 'bounded', summary: `${facts.label}: ${facts.idleTimeout} (follow-redirects destroys the idle socket)` };
  if (facts.softTimeouts.length > 0) {
    const text = facts.softTimeouts.map((t) => t.text).join(', ');
    return {
      kind: 'bounded',
      summary: `${facts.label}: ${text} (emits 'timeout'; aborts only if a listener destroys the request)`,
    };
  }
  if (facts.opaque || facts.signal === 'unknown')
    return { kind: 'unknown', summary: `${facts.label}: options or request handled elsewhere` };
  return {
    kind: 'missing',
    summary: `${facts.label}: no timeout (${facts.library} default: none)`,
    missing: {
      subject: facts.library === 'Node' ? label : `follow-redirects' ${label}`,
      libraryDefault: `${facts.library} default: none`,
      consequence: 'a hung dependency holds the request and its socket indefinitely',
      remedy:
        'Pass `signal: AbortSignal.timeout(ms)`, which aborts the request (a `timeout` option alone only emits an event)',
    },
    fix: facts.slot && {
      kind: 'option',
      addition: {
        slot: facts.slot,
        text: (c) => `signal: AbortSignal.timeout(${c('http')})`,
        title: 'Add a timeout: signal: AbortSignal.timeout({http})',
      },
    },
  };
}

function isUrlLike(node: ts.Expression | undefined, context: LibraryContext): boolean {
  if (!node) return false;
  if (
    ts.isStringLiteralLike(node) ||
    ts.isTemplateExpression(node) ||
    ts.isBinaryExpression(node) ||
    ts.isNewExpression(node)
  )
    return true;
  const value = context.values.resolve(node);
  if (value.kind === 'parameter') {
    const type = value.node.type;
    if (
      type &&
      (type.kind === ts.SyntaxKind.StringKeyword || /^(URL|string \| URL|URL \| string)$/.test(type.getText()))
    )
      return true;
  }
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : '';
  if (/(url|uri|href|endpoint)$/i.test(name)) return true;
  return (
    (value.kind === 'literal' && ts.isStringLiteralLike(value.node)) ||
    (value.kind === 'new' && value.callee.kind === 'global') ||
    (value.kind === 'new' && value.callee.kind === 'unknown' && ts.isNewExpression(value.node))
  );
}

function isFunction(node: ts.Expression, context: LibraryContext): boolean {
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return true;
  return context.values.resolve(node).kind === 'function';
}

