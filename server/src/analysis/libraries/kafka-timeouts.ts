import { ts } from '../../typescript';
import { evaluateNumber, formatMs } from './durations';
import { lookupProperty, optionsObject, type PropertyLookup } from './object-properties';
import { optionsSlot, subjectName, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// kafkajs (2.x) bounds both phases by default: `connectionTimeout` 1000 ms and `requestTimeout`
// 30000 ms, enforced because `enforceRequestTimeout` defaults to true (src/network/connection.js).
// kafkajs 1.x (1.16.0: src/index.js, src/network/connection.js) defaults `enforceRequestTimeout`
// to false: the request queue never checks `requestTimeout`, so a request waits for as long as
// the broker's socket stays open. Without a known version the 2.x defaults apply.
// What actually switches the request timeout off: `enforceRequestTimeout: false`, or
// `requestTimeout: Infinity` (the request queue checks `elapsed > requestTimeout`,
// src/network/requestQueue/index.js). `requestTimeout: 0` or `connectionTimeout: 0` do the
// opposite — every request or connect fails at once — which is a misconfiguration, not a missing
// timeout, so it is not this rule's finding; the hover shows it.

const DEFAULT_CONNECTION_TIMEOUT_MS = 1000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** `new Kafka({ … })` from kafkajs. */
export function kafkaClientTimeout(
  callee: Value,
  node: ts.NewExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (callee.kind !== 'module' || callee.module !== 'kafkajs' || callee.path.join('.') !== 'Kafka') return undefined;
  const subject = subjectName(node, 'kafkajs client');
  const options = optionsObject(node.arguments?.[0], context.values);
  if (options.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: config decided elsewhere` };
  const read = (name: string): PropertyLookup =>
    options.kind === 'object' ? lookupProperty(options.node, name, context.values) : { kind: 'absent' };
  const connection = read('connectionTimeout');
  const request = read('requestTimeout');
  const enforce = read('enforceRequestTimeout');
  if (connection.kind === 'unknown' || request.kind === 'unknown' || enforce.kind === 'unknown')
    return { kind: 'unknown', summary: `${subject}: config decided elsewhere` };
  const connect = `connect ${describe(connection, DEFAULT_CONNECTION_TIMEOUT_MS, context)}`;
  const v1 = context.workspace.packageMajor(context.fileName, 'kafkajs') === 1;

  if (enforce.kind === 'found' && isBoolean(enforce.value, false, context)) {
    const value = enforce.value;
    const written = value.pos >= node.pos && value.end <= node.end && ts.isPropertyAssignment(value.parent);
    const remedy = v1
      ? 'Set it to `true`: kafkajs 1.x does not enforce `requestTimeout` by default (kafkajs 2 does)'
      : 'Remove it: the kafkajs default enforces a 30 s `requestTimeout`';
    return disabled(subject, connect, '`enforceRequestTimeout: false`', remedy, value, written);
  }
  if (request.kind === 'found' && evaluateNumber(request.value, context.values, 0) === Infinity) {
    const remedy = v1
      ? 'Set a finite `requestTimeout` and `enforceRequestTimeout: true`: kafkajs 1.x enforces no request timeout by default'
      : 'Remove it: the kafkajs default enforces a 30 s `requestTimeout`';
    return disabled(subject, connect, `\`requestTimeout: ${request.value.getText()}\``, remedy, request.value, false);
  }
  if (v1 && enforce.kind === 'absent') return notEnforcedByDefault(subject, connect, node, context);
  // On 1.x only a literal `true` turns enforcement on; anything computed is decided at run time.
  if (v1 && enforce.kind === 'found' && !isBoolean(enforce.value, true, context)) return { kind: 'unknown', summary: `${subject}: config decided elsewhere` };
  const requests = `requests ${describe(request, DEFAULT_REQUEST_TIMEOUT_MS, context)}`;
  return { kind: 'bounded', summary: `${subject}: ${connect}, ${requests}` };
}

function disabled(
  subject: string,
  connect: string,
  written: string,
  remedy: string,
  value: ts.Expression,
  replaceWithTrue: boolean,
): ClientTimeout {
  return {
    kind: 'disabled',
    summary: `${subject}: ${connect}, requests: no limit (${written})`,
    missing: {
      subject,
      libraryDefault: `${written} turns off kafkajs' 30 s request timeout`,
      consequence: 'a request to a stalled broker waits indefinitely, and the producer or consumer behind it stops',
      remedy,
      // No constant is inserted; the simulation's "fixed" run uses the database-socket value (10 s).
      constant: 'socket',
    },
    value,
    // `enforceRequestTimeout: false` → `true` restores the default; `Infinity` is best deleted by hand.
    fix: replaceWithTrue
      ? { kind: 'replace', addition: { value, text: () => 'true', title: 'Enforce the request timeout' } }
      : undefined,
  };
}

/** kafkajs 1.x: `requestTimeout` is only a number until `enforceRequestTimeout: true` (the 2.x default). */
function notEnforcedByDefault(subject: string, connect: string, node: ts.NewExpression, context: LibraryContext): ClientTimeout {
  const slot = optionsSlot(node, 0, context.values);
  return {
    kind: 'missing',
    summary: `${subject}: ${connect}, requests: no limit (kafkajs 1.x default: \`enforceRequestTimeout: false\`)`,
    missing: {
      subject,
      libraryDefault: 'kafkajs 1.x default: `enforceRequestTimeout: false`, so `requestTimeout` is never enforced',
      consequence: 'a request to a stalled broker waits indefinitely while the producer or consumer behind it stalls',
      remedy: 'Set `enforceRequestTimeout: true` (the default from kafkajs 2), or upgrade to kafkajs 2',
      constant: 'socket',
    },
    fix: slot && {
      kind: 'option',
      addition: { slot, text: () => 'enforceRequestTimeout: true', title: 'Enforce the request timeout' },
    },
  };
}

function describe(lookup: PropertyLookup, defaultMs: number, context: LibraryContext): string {
  if (lookup.kind !== 'found') return `${formatMs(defaultMs)} (default)`;
  const ms = evaluateNumber(lookup.value, context.values, 0);
  if (ms === 0) return 'fails at once (`0`)';
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? formatMs(ms) : `\`${lookup.value.getText()}\``;
}

function isBoolean(expression: ts.Expression, expected: boolean, context: LibraryContext): boolean {
  const value = context.values.resolve(expression);
  const keyword = expected ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword;
  return value.kind === 'literal' && value.node.kind === keyword;
}
