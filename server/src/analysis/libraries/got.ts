import { ts } from '../../typescript';
import { classifySignal } from './fetch';
import { readDuration } from './durations';
import { lookupProperty, optionsArgumentIndex, optionsObject, type PropertyLookup } from './object-properties';
import {
  describeDuration,
  optionsSlot,
  subjectName,
  type ClientTimeout,
  type LibraryContext,
  type OptionsSlot,
} from './timeout-policy';
import type { Value } from './values';

// got: every `timeout.*` is undefined by default, so a request waits as long as the server keeps
// the socket open (dist/source/core/options.js). `timeout.request` bounds the whole request;
// `response` and `socket` bound a hang too; `lookup`/`connect`/`secureConnect`/`send` alone do
// not. `got.extend(options)` makes an instance whose options merge into every call through it
// (and into instances extended from it). got ≤11 also took `timeout: <ms>`.

export const GOT_MODULE = 'got';

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream', 'paginate']);
/** Timeouts that end a request whose server stopped answering. */
const BOUNDING_KEYS = ['request', 'response', 'socket'];

export type GotClient = { kind: 'default' } | { kind: 'instance'; creation: ts.CallExpression; parent: GotClient };

export function gotClientOf(value: Value): GotClient | undefined {
  // got 12 also exports itself by name: `import { got } from 'got'`, `require('got-cjs').got`.
  if (value.kind === 'module' && value.module === GOT_MODULE && (value.path.length === 0 || (value.path.length === 1 && value.path[0] === 'got')))
    return { kind: 'default' };
  if (value.kind !== 'call' || value.path.length > 0) return undefined;
  const callee = value.callee;
  if (callee.path[callee.path.length - 1] !== 'extend') return undefined;
  const parent = gotClientOf({ ...callee, path: callee.path.slice(0, -1) } as Value);
  return parent && { kind: 'instance', creation: value.node, parent };
}

type OptionsTimeout =
  { kind: 'bounded'; text: string } | { kind: 'partial'; slot: OptionsSlot } | { kind: 'absent' } | { kind: 'unknown' };

/** The timeout an options expression sets: `timeout: { request }`, a timed `signal`, or `timeout: ms` (got ≤11). */
function optionsTimeout(options: ts.Expression | undefined, context: LibraryContext): OptionsTimeout {
  const object = optionsObject(options, context.values);
  if (object.kind !== 'object') return object.kind === 'absent' ? { kind: 'absent' } : { kind: 'unknown' };
  const signal = lookupProperty(object.node, 'signal', context.values);
  if (signal.kind === 'unknown') return { kind: 'unknown' };
  if (signal.kind === 'found') {
    const verdict = classifySignal(signal.value, context.values);
    if (verdict.kind === 'timed') return { kind: 'bounded', text: `signal (${verdict.how})` };
    if (verdict.kind === 'unknown') return { kind: 'unknown' };
  }
  const timeout = lookupProperty(object.node, 'timeout', context.values);
  if (timeout.kind !== 'found') return timeout.kind === 'unknown' ? { kind: 'unknown' } : { kind: 'absent' };
  const nested = optionsObject(timeout.value, context.values);
  if (nested.kind === 'unknown') {
    const duration = readDuration(timeout.value, context.values);
    return duration.kind === 'disabled'
      ? { kind: 'absent' }
      : { kind: 'bounded', text: `timeout ${describeDuration(duration)}` };
  }
  if (nested.kind === 'absent') return { kind: 'absent' };
  for (const key of BOUNDING_KEYS) {
    const found: PropertyLookup = lookupProperty(nested.node, key, context.values);
    if (found.kind === 'unknown') return { kind: 'unknown' };
    if (found.kind === 'found') {
      const duration = readDuration(found.value, context.values);
      if (duration.kind !== 'disabled')
        return { kind: 'bounded', text: `timeout.${key} ${describeDuration(duration)}` };
    }
  }
  return ts.isObjectLiteralExpression(timeout.value)
    ? { kind: 'partial', slot: { kind: 'literal', node: timeout.value } }
    : { kind: 'absent' };
}

/** The first instance up the chain whose options set a timeout, or why we cannot tell. */
function instanceTimeout(client: GotClient, context: LibraryContext): OptionsTimeout {
  for (let current = client; current.kind === 'instance'; current = current.parent) {
    for (const argument of current.creation.arguments) {
      const found = optionsTimeout(argument, context);
      if (found.kind === 'bounded' || found.kind === 'unknown') return found;
    }
  }
  return { kind: 'absent' };
}

function clientName(client: GotClient, context: LibraryContext): string {
  if (client.kind === 'default') return 'got';
  const line = client.creation.getSourceFile().getLineAndCharacterOfPosition(client.creation.getStart()).line + 1;
  return `${subjectName(client.creation, 'got instance')} (${context.workspace.displayPath(client.creation.getSourceFile().fileName)}:${line})`;
}

const MISSING = (subject: string) => ({
  subject,
  libraryDefault: 'got default: none',
  consequence: 'a hung dependency holds the request and its socket indefinitely',
  remedy: 'Set `timeout: { request: ms }`',
});

const TIMEOUT_TITLE = 'Set timeout: { request: {http} }';

/** A request through got or a got instance, or `got.extend(…)` itself. */
export function gotTimeout(callee: Value, call: ts.CallExpression, context: LibraryContext): ClientTimeout | undefined {
  const created = gotClientOf({ kind: 'call', callee, node: call, path: [] });
  if (created?.kind === 'instance') return gotInstanceTimeout(created, context);
  let client = gotClientOf(callee);
  let method = 'request';
  if (!client && callee.path.length > 0 && METHODS.has(callee.path[callee.path.length - 1]!)) {
    client = gotClientOf({ ...callee, path: callee.path.slice(0, -1) } as Value);
    method = callee.path[callee.path.length - 1]!;
  }
  if (!client) return undefined;
  const index = optionsArgumentIndex(call, context.values);
  const name = clientName(client, context);
  const own = optionsTimeout(call.arguments[index], context);
  if (own.kind === 'bounded') return { kind: 'bounded', summary: `${name}: ${own.text}, set on the call` };
  if (own.kind === 'unknown') return { kind: 'unknown', summary: `${name}: options decided elsewhere` };
  const inherited = instanceTimeout(client, context);
  if (inherited.kind === 'bounded')
    return { kind: 'bounded', summary: `${name}: ${inherited.text}, set on the instance` };
  if (inherited.kind === 'unknown') return { kind: 'unknown', summary: `${name}: options decided elsewhere` };
  const summary = `${name}: no timeout (got default: none)`;
  if (client.kind === 'instance') return { kind: 'elsewhere', summary };
  const slot = own.kind === 'partial' ? own.slot : optionsSlot(call, index, context.values);
  const text =
    own.kind === 'partial'
      ? (c: (k: 'http') => string) => `request: ${c('http')}`
      : (c: (k: 'http') => string) => `timeout: { request: ${c('http')} }`;
  return {
    kind: 'missing',
    summary,
    missing: MISSING(method === 'request' ? '`got`' : `\`got.${method}\``),
    fix: slot && { kind: 'option', addition: { slot, text, title: TIMEOUT_TITLE } },
  };
}

function gotInstanceTimeout(client: Extract<GotClient, { kind: 'instance' }>, context: LibraryContext): ClientTimeout {
  const name = clientName(client, context);
  const found = instanceTimeout(client, context);
  if (found.kind === 'bounded') return { kind: 'bounded', summary: `${name}: ${found.text}` };
  if (found.kind === 'unknown') return { kind: 'unknown', summary: `${name}: options decided elsewhere` };
  const summary = `${name}: no timeout (got default: none)`;
  // An instance extended from a timeout-less instance is covered by the finding on its parent.
  if (client.parent.kind === 'instance') return { kind: 'elsewhere', summary };
  const creation = client.creation;
  const partial = creation.arguments
    .map((argument) => optionsTimeout(argument, context))
    .find((t) => t.kind === 'partial');
  const slot =
    partial?.kind === 'partial'
      ? partial.slot
      : creation.arguments.length <= 1
        ? optionsSlot(creation, 0, context.values)
        : undefined;
  const text = partial
    ? (c: (k: 'http') => string) => `request: ${c('http')}`
    : (c: (k: 'http') => string) => `timeout: { request: ${c('http')} }`;
  return {
    kind: 'missing',
    summary,
    missing: {
      ...MISSING(subjectName(creation, 'got instance')),
      remedy: 'Set `timeout: { request: ms }` in `got.extend`; every call through the instance inherits it',
    },
    fix: slot && { kind: 'option', addition: { slot, text, title: TIMEOUT_TITLE } },
  };
}
