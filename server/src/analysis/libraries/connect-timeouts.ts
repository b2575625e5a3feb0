import { ts } from '../../typescript';
import { readDuration } from './durations';
import { lookupProperty, optionsObject } from './object-properties';
import {
  describeDuration,
  optionsSlot,
  subjectName,
  type ClientTimeout,
  type LibraryContext,
  type MissingTimeout,
  type OptionsSlot,
} from './timeout-policy';
import type { Value } from './values';

// Clients configured once at connect time: MongoDB (driver and mongoose) and AMQP (amqplib).
// mongodb: `socketTimeoutMS` and `waitQueueTimeoutMS` default to 0 = none
// (lib/connection_string.js); `timeoutMS` (client-side operation timeout) works up to driver 6 and
// is deprecated and ignored in 7. Both can also be set in the connection string. amqplib's
// `connect(url, { timeout })` has no connect timeout by default (lib/connect.js).

const MONGO_KEYS = ['socketTimeoutMS', 'timeoutMS'];

/** Whether this workspace runs a MongoDB driver that ignores `timeoutMS` (7 and later). */
export function mongoIgnoresTimeoutMS(context: LibraryContext): boolean {
  const major = context.workspace.packageMajor(context.fileName, 'mongodb');
  return major !== undefined && major >= 7;
}

/** `new MongoClient(uri, options)` */
export function mongoClientTimeout(
  callee: Value,
  node: ts.NewExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (callee.kind !== 'module' || callee.module !== 'mongodb' || callee.path.join('.') !== 'MongoClient')
    return undefined;
  return mongoTimeout(node, subjectName(node, 'MongoClient'), context);
}

/** `MongoClient.connect(uri, options)`, `mongoose.connect|createConnection(uri, options)` */
export function mongoCallTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (callee.kind !== 'module') return undefined;
  const path = callee.path.join('.');
  if (callee.module === 'mongodb' && path === 'MongoClient.connect')
    return mongoTimeout(call, '`MongoClient.connect`', context);
  if (
    callee.module === 'mongoose' &&
    (path === 'connect' || path === 'createConnection') &&
    call.arguments.length > 0
  ) {
    return mongoTimeout(call, `\`mongoose.${path}\``, context);
  }
  return undefined;
}

function mongoTimeout(
  node: ts.CallExpression | ts.NewExpression,
  subject: string,
  context: LibraryContext,
): ClientTimeout {
  const [uri, second] = node.arguments ?? [];
  const ignoresTimeoutMS = mongoIgnoresTimeoutMS(context);
  const uriText = uri ? stringText(uri, context) : undefined;
  if (uriText !== undefined && /[?&](socketTimeoutMS|timeoutMS)=[1-9]/.test(uriText))
    return { kind: 'bounded', summary: `${subject}: timeout in the connection string` };
  const options = optionsObject(second, context.values);
  if (options.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  for (const key of MONGO_KEYS) {
    if (key === 'timeoutMS' && ignoresTimeoutMS) continue;
    const found =
      options.kind === 'object' ? lookupProperty(options.node, key, context.values) : { kind: 'absent' as const };
    if (found.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
    if (found.kind === 'found') {
      const duration = readDuration(found.value, context.values);
      if (duration.kind !== 'disabled')
        return { kind: 'bounded', summary: `${subject}: ${key} ${describeDuration(duration)}` };
    }
  }
  const slot = optionsSlot(node, 1, context.values);
  return missing(
    `${subject}: no socket or operation timeout (driver default: none)`,
    {
      subject,
      libraryDefault: 'mongodb default: socketTimeoutMS 0 = none',
      consequence: 'an operation on a stalled server holds its connection and the waiting request indefinitely',
      remedy: 'Set `socketTimeoutMS`',
      constant: 'socket',
    },
    slot,
    (c) => `socketTimeoutMS: ${c('socket')}`,
    'Set socketTimeoutMS: {socket}',
  );
}

/** `amqp.connect(url, socketOptions)` from amqplib (promise or callback API). */
export function amqpConnectTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (
    callee.kind !== 'module' ||
    !/^amqplib(\/callback_api)?$/.test(callee.module) ||
    callee.path.join('.') !== 'connect'
  )
    return undefined;
  const second = call.arguments[1];
  const isCallback = second && (ts.isArrowFunction(second) || ts.isFunctionExpression(second));
  const options = isCallback ? { kind: 'absent' as const } : optionsObject(second, context.values);
  if (options.kind === 'unknown')
    return { kind: 'unknown', summary: 'amqplib.connect: socket options decided elsewhere' };
  const timeout =
    options.kind === 'object' ? lookupProperty(options.node, 'timeout', context.values) : { kind: 'absent' as const };
  if (timeout.kind === 'unknown')
    return { kind: 'unknown', summary: 'amqplib.connect: socket options decided elsewhere' };
  if (timeout.kind === 'found')
    return {
      kind: 'bounded',
      summary: `amqplib.connect: timeout ${describeDuration(readDuration(timeout.value, context.values))}`,
    };
  const slot: OptionsSlot | undefined = isCallback
    ? { kind: 'argument', call, index: 1, before: second }
    : call.arguments.length === 0
      ? undefined
      : optionsSlot(call, 1, context.values);
  return missing(
    'amqplib.connect: no connect timeout (default: none)',
    {
      subject: '`amqplib.connect`',
      libraryDefault: 'amqplib default: none',
      consequence: 'connecting to an unreachable broker hangs until the operating system gives up, minutes later',
      remedy: 'Pass `{ timeout: ms }` as socket options',
      constant: 'connect',
    },
    slot,
    (c) => `timeout: ${c('connect')}`,
    'Set timeout: {connect}',
  );
}

function missing(
  summary: string,
  what: MissingTimeout,
  slot: OptionsSlot | undefined,
  text: (c: (kind: 'socket' | 'connect') => string) => string,
  title: string,
): ClientTimeout {
  return { kind: 'missing', summary, missing: what, fix: slot && { kind: 'option', addition: { slot, text, title } } };
}

function stringText(node: ts.Expression, context: LibraryContext): string | undefined {
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return node.getText();
  const value = context.values.resolve(node);
  return value.kind === 'literal' && ts.isStringLiteralLike(value.node) ? value.node.text : undefined;
}
