import { ts } from '../../typescript';
import { readDuration } from './durations';
import {
  isObjectValue,
  lookupProperty,
  optionsObject,
  writableLiteral,
  type ObjectSource,
  type PropertyLookup,
} from './object-properties';
import {
  describeDuration,
  optionsSlot,
  subjectName,
  type ClientTimeout,
  type LibraryContext,
  type OptionsSlot,
} from './timeout-policy';
import type { Value } from './values';

// AWS SDK v3 clients (`new S3Client(config)` from `@aws-sdk/client-*`) send requests through
// @smithy/node-http-handler, whose `connectionTimeout`, `requestTimeout` and `socketTimeout`
// all default to 0 = none. Since node-http-handler 4.4, `requestTimeout` alone only logs a
// warning when exceeded; `throwOnRequestTimeout: true` makes it destroy the request
// (dist-cjs/index.js `setRequestTimeout`). `socketTimeout` (idle socket) is enforced. Before 4.4,
// `requestTimeout` was the socket idle timeout and was enforced.

const HANDLER_MODULES = new Set(['@smithy/node-http-handler', '@aws-sdk/node-http-handler']);

export interface AwsHandler {
  client: ts.NewExpression;
  subject: string;
  /** The handler's options object, or undefined when the client has no `requestHandler`. */
  options?: ObjectSource;
  /** Where options for a new handler go (`requestHandler: {…}` into the client config). */
  configSlot?: OptionsSlot;
}

export function isAwsClientConstructor(callee: Value): boolean {
  return (
    callee.kind === 'module' &&
    callee.module.startsWith('@aws-sdk/client-') &&
    callee.path.length === 1 &&
    /Client$/.test(callee.path[0]!)
  );
}

/** The client's handler options, `undefined` when something we cannot see decides them. */
export function awsHandler(
  callee: Value,
  node: ts.NewExpression,
  context: LibraryContext,
): AwsHandler | 'opaque' | undefined {
  if (!isAwsClientConstructor(callee)) return undefined;
  const subject = subjectName(node, `AWS ${callee.path[0]}`);
  const config = optionsObject(node.arguments?.[0], context.values);
  if (config.kind === 'unknown') return 'opaque';
  const handler: PropertyLookup =
    config.kind === 'object' ? lookupProperty(config.node, 'requestHandler', context.values) : { kind: 'absent' };
  if (handler.kind === 'unknown') return 'opaque';
  if (handler.kind === 'absent') return { client: node, subject, configSlot: optionsSlot(node, 0, context.values) };
  const options = handlerOptions(handler.value, context);
  return options ? { client: node, subject, options } : 'opaque';
}

/** `{ requestTimeout }`, `new NodeHttpHandler({…})` or `NodeHttpHandler.create({…})` → the options literal. */
function handlerOptions(expression: ts.Expression, context: LibraryContext): ObjectSource | undefined {
  const value = context.values.resolve(expression);
  if (isObjectValue(value) && value.path.length === 0) return value.node as ObjectSource;
  const isHandler = (callee: Value, path: string[]) =>
    callee.kind === 'module' &&
    HANDLER_MODULES.has(callee.module) &&
    callee.path.length === path.length &&
    callee.path.every((part, index) => part === path[index]);
  let argument: ts.Expression | undefined;
  if (value.kind === 'new' && value.path.length === 0 && isHandler(value.callee, ['NodeHttpHandler']))
    argument = value.node.arguments?.[0];
  else if (value.kind === 'call' && value.path.length === 0 && isHandler(value.callee, ['NodeHttpHandler', 'create']))
    argument = value.node.arguments[0];
  else return undefined;
  if (!argument) return ts.factory.createObjectLiteralExpression(); // no options: all defaults
  const options = optionsObject(argument, context.values);
  return options.kind === 'object' ? options.node : undefined;
}

/** Whether `throwOnRequestTimeout` exists and matters: node-http-handler ≥ 4.4 (assumed when unknown). */
export function requestTimeoutOnlyWarns(context: LibraryContext): boolean {
  const major =
    context.workspace.packageMajor(context.fileName, '@smithy/node-http-handler') ??
    context.workspace.packageMajor(context.fileName, '@aws-sdk/node-http-handler');
  return major === undefined || major >= 4;
}

export function awsTimeout(callee: Value, node: ts.NewExpression, context: LibraryContext): ClientTimeout | undefined {
  const handler = awsHandler(callee, node, context);
  if (!handler) return undefined;
  if (handler === 'opaque') return { kind: 'unknown', summary: 'AWS client: request handler decided elsewhere' };
  const options = handler.options;
  for (const key of ['requestTimeout', 'socketTimeout']) {
    const found = options ? lookupProperty(options, key, context.values) : { kind: 'absent' as const };
    if (found.kind === 'unknown')
      return { kind: 'unknown', summary: `${handler.subject}: handler options decided elsewhere` };
    if (found.kind === 'found') {
      const duration = readDuration(found.value, context.values);
      if (duration.kind !== 'disabled')
        return { kind: 'bounded', summary: `${handler.subject}: ${key} ${describeDuration(duration)}` };
    }
  }
  const throws = requestTimeoutOnlyWarns(context) ? ', throwOnRequestTimeout: true' : '';
  const literal = options && writableLiteral(options);
  const inline =
    literal && literal.pos >= node.pos && literal.end <= node.end && literal.getSourceFile() === node.getSourceFile();
  const slot: OptionsSlot | undefined = options
    ? literal && inline && literal.pos >= 0
      ? { kind: 'literal', node: literal }
      : undefined
    : handler.configSlot;
  const text = options
    ? (c: (k: 'http') => string) => `requestTimeout: ${c('http')}${throws}`
    : (c: (k: 'http' | 'connect') => string) =>
        `requestHandler: { connectionTimeout: ${c('connect')}, requestTimeout: ${c('http')}${throws} }`;
  return {
    kind: 'missing',
    summary: `${handler.subject}: no request timeout (node-http-handler default: 0 = none)`,
    missing: {
      subject: handler.subject,
      libraryDefault: 'node-http-handler default: 0 = none',
      consequence: "a hung AWS endpoint holds the request and one of the handler's 50 sockets indefinitely",
      remedy: 'Set `requestHandler: { connectionTimeout, requestTimeout, throwOnRequestTimeout: true }`',
    },
    fix: slot && { kind: 'option', addition: { slot, text, title: 'Set request handler timeouts' } },
  };
}
