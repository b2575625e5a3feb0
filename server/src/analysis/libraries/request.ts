import { ts } from '../../typescript';
import { readDuration } from './durations';
import { lookupProperty, optionsArgumentIndex, optionsObject } from './object-properties';
import {
  describeDuration,
  optionsSlot,
  subjectName,
  type ClientTimeout,
  type LibraryContext,
  type OptionsSlot,
} from './timeout-policy';
import type { Value } from './values';

// request (deprecated since 2020, still in many servers) and the packages that expose its API:
// request-promise, request-promise-native, requestretry. `timeout` (ms) bounds the wait for the
// response headers and then every silence between body chunks (request.js, the timer set on
// 'socket' and `req.setTimeout`); there is none by default, and 0 means none. A call is
// `request(uri, options?, callback?)`, where `uri` may itself be the options, or a verb
// (`request.get`). `request.defaults(options)` makes a client whose options sit under every
// call's, and can be extended again with `.defaults`.

export const REQUEST_MODULES = ['request', 'request-promise', 'request-promise-native', 'requestretry'];

/** Methods of request (and of the packages with its API) that make a request with that verb. */
export const REQUEST_VERBS = new Set(['get', 'head', 'post', 'put', 'patch', 'del', 'delete']);

type RequestClient =
  | { kind: 'module'; module: string }
  | { kind: 'instance'; creation: ts.CallExpression; parent: RequestClient };

function requestClientOf(value: Value): RequestClient | undefined {
  if (value.kind === 'module' && value.path.length === 0 && REQUEST_MODULES.includes(value.module)) {
    return { kind: 'module', module: value.module };
  }
  if (value.kind !== 'call' || value.path.length > 0) return undefined;
  const callee = value.callee;
  if (callee.path[callee.path.length - 1] !== 'defaults') return undefined;
  const parent = requestClientOf({ ...callee, path: callee.path.slice(0, -1) } as Value);
  return parent && { kind: 'instance', creation: value.node, parent };
}

type OptionsTimeout = { kind: 'bounded'; text: string } | { kind: 'absent' } | { kind: 'unknown' };

function optionsTimeout(options: ts.Expression | undefined, context: LibraryContext): OptionsTimeout {
  const object = optionsObject(options, context.values);
  if (object.kind !== 'object') return object.kind === 'absent' ? { kind: 'absent' } : { kind: 'unknown' };
  const timeout = lookupProperty(object.node, 'timeout', context.values);
  if (timeout.kind !== 'found') return timeout.kind === 'unknown' ? { kind: 'unknown' } : { kind: 'absent' };
  const duration = readDuration(timeout.value, context.values);
  return duration.kind === 'disabled' ? { kind: 'absent' } : { kind: 'bounded', text: `timeout ${describeDuration(duration)}` };
}

/** The first client up the chain whose `defaults` set a timeout, or why we cannot tell. */
function inheritedTimeout(client: RequestClient, context: LibraryContext): OptionsTimeout {
  for (let current = client; current.kind === 'instance'; current = current.parent) {
    const found = optionsTimeout(current.creation.arguments[0], context);
    if (found.kind !== 'absent') return found;
  }
  return { kind: 'absent' };
}

function libraryOf(client: RequestClient): string {
  return client.kind === 'module' ? client.module : libraryOf(client.parent);
}

function clientName(client: RequestClient, context: LibraryContext): string {
  if (client.kind === 'module') return client.module;
  const creation = client.creation;
  const line = creation.getSourceFile().getLineAndCharacterOfPosition(creation.getStart()).line + 1;
  const where = `${context.workspace.displayPath(creation.getSourceFile().fileName)}:${line}`;
  return `${subjectName(creation, `${libraryOf(client)} client`)} (${where})`;
}

const missing = (subject: string, library: string) => ({
  subject,
  libraryDefault: `${library} default: none`,
  consequence: 'a hung dependency holds the request and its socket indefinitely',
  remedy: 'Set `timeout: ms` (it bounds the wait for the headers and each silence in the body)',
});

const TIMEOUT_TEXT = (c: (k: 'http') => string) => `timeout: ${c('http')}`;
const TIMEOUT_TITLE = 'Set timeout: {http}';

/** A request made with request or a client of it, or `request.defaults(…)` itself. */
export function requestTimeout(callee: Value, call: ts.CallExpression, context: LibraryContext): ClientTimeout | undefined {
  const created = requestClientOf({ kind: 'call', callee, node: call, path: [] });
  if (created?.kind === 'instance') return instanceTimeout(created, context);
  const verb = callee.path[callee.path.length - 1];
  const viaVerb = callee.path.length > 0 && verb !== undefined && REQUEST_VERBS.has(verb);
  const client = viaVerb ? requestClientOf({ ...callee, path: callee.path.slice(0, -1) } as Value) : requestClientOf(callee);
  if (!client) return undefined;
  const [first, second] = call.arguments;
  const name = clientName(client, context);
  if (first && isForwardedOptions(first, context)) return { kind: 'unknown', summary: `${name}: options passed in by the caller` };
  const optionsIndex = optionsArgumentIndex(call, context.values);
  const options = call.arguments[optionsIndex];
  const isCallback = options !== undefined && optionsIndex === 1 && context.values.resolve(options).kind === 'function';
  const own = isCallback ? { kind: 'absent' as const } : optionsTimeout(options, context);
  if (own.kind === 'bounded') return { kind: 'bounded', summary: `${name}: ${own.text}, set on the call` };
  if (own.kind === 'unknown') return { kind: 'unknown', summary: `${name}: options decided elsewhere` };
  const inherited = inheritedTimeout(client, context);
  if (inherited.kind === 'bounded') return { kind: 'bounded', summary: `${name}: ${inherited.text}, set with defaults()` };
  if (inherited.kind === 'unknown') return { kind: 'unknown', summary: `${name}: options decided elsewhere` };
  const summary = `${name}: no timeout (${libraryOf(client)} default: none)`;
  if (client.kind === 'instance') return { kind: 'elsewhere', summary };
  const slot: OptionsSlot | undefined = isCallback
    ? { kind: 'argument', call, index: 1, before: second }
    : optionsSlot(call, optionsIndex, context.values);
  const subject = viaVerb ? `\`${client.module}.${verb}\`` : `\`${client.module}\``;
  return {
    kind: 'missing',
    summary,
    missing: missing(subject, client.module),
    fix: slot && { kind: 'option', addition: { slot, text: TIMEOUT_TEXT, title: TIMEOUT_TITLE } },
  };
}

/** `request.defaults(options)`: reported here when neither it nor a parent sets a timeout. */
function instanceTimeout(client: Extract<RequestClient, { kind: 'instance' }>, context: LibraryContext): ClientTimeout {
  const name = clientName(client, context);
  const found = inheritedTimeout(client, context);
  if (found.kind === 'bounded') return { kind: 'bounded', summary: `${name}: ${found.text}, set with defaults()` };
  if (found.kind === 'unknown') return { kind: 'unknown', summary: `${name}: options decided elsewhere` };
  const library = libraryOf(client);
  const summary = `${name}: no timeout (${library} default: none)`;
  // A client made from a timeout-less client is covered by the finding on its parent.
  if (client.parent.kind === 'instance') return { kind: 'elsewhere', summary };
  const slot = optionsSlot(client.creation, 0, context.values);
  return {
    kind: 'missing',
    summary,
    missing: missing(subjectName(client.creation, `${library} client`), library),
    fix: slot && { kind: 'option', addition: { slot, text: TIMEOUT_TEXT, title: TIMEOUT_TITLE } },
  };
}

/** Option names of request that a function reads from an options object, not from a URL string. */
const OPTION_KEYS = new Set(['url', 'uri', 'baseUrl', 'method', 'headers', 'qs', 'json', 'body', 'form', 'timeout', 'auth']);

/**
 * `function call(options) { options.headers = …; return request(options); }`: the first argument
 * is the caller's options, not a URL, when it is a parameter handed over whole and the function
 * reads request options from it. Its callers decide the timeout, as with a fetch forwarder.
 */
function isForwardedOptions(expression: ts.Expression, context: LibraryContext): boolean {
  const value = context.values.resolve(expression);
  if (value.kind !== 'parameter' || value.path.length > 0) return false;
  const parameter = value.node;
  if (!ts.isIdentifier(parameter.name)) return true; // destructured: an object
  const name = parameter.name.text;
  const body = parameter.parent;
  let reads = false;
  const visit = (node: ts.Node): void => {
    if (reads) return;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) {
      reads = OPTION_KEYS.has(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return reads;
}
