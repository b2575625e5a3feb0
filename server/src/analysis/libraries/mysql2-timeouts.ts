import { ts } from '../../typescript';
import { evaluateNumber, formatMs } from './durations';
import { lookupProperty, optionsObject, type PropertyLookup } from './object-properties';
import { subjectName, type ClientTimeout, type LibraryContext, type MissingTimeout } from './timeout-policy';
import type { Value } from './values';

// mysql2's timeouts (3.x, callback and promise APIs). Connecting is bounded: `connectTimeout`
// defaults to 10 s (lib/connection_config.js) and only `0` or `null` switch it off
// (lib/base/connection.js arms the timer `if (config.connectTimeout)`). Queries are not: a query
// waits forever unless it carries its own `timeout` (`query({ sql, timeout })`, same falsy test in
// lib/commands/query.js), and there is no pool- or connection-wide query timeout to set instead.
// So a query without `timeout` is mysql2's normal state; reporting each one would flood every
// `pool.query()` in a codebase with a finding it has no single place to fix. We report only what
// someone wrote on purpose — `connectTimeout: 0`, a query's `timeout: 0` — and state the effective
// policy ("connect 10 s; queries: no limit") in the hover of every pool and connection.
// Waiting for a pool connection (`queueLimit`) is libraries/mysql2-pool.ts' concern.

const MODULE = /^mysql2(\/promise)?$/;
const FACTORIES: Record<string, string> = { createPool: 'mysql2 pool', createConnection: 'mysql2 connection' };
const QUERY_METHODS = new Set(['query', 'execute']);
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const QUERIES_UNBOUNDED = 'queries: no limit (mysql2 default: none; set `timeout` per query)';

/** `mysql.createPool(…)` / `mysql.createConnection(…)` from mysql2 or mysql2/promise: what it creates. */
function factoryKind(callee: Value): string | undefined {
  if (callee.kind !== 'module' || !MODULE.test(callee.module) || callee.path.length !== 1) return undefined;
  return FACTORIES[callee.path[0]!];
}

/** Both mysql2 recognisers: the factories and queries on what they return. */
export function mysql2Timeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  const kind = factoryKind(callee);
  if (kind) return connectTimeout(call, kind, context);
  if (callee.kind === 'call' && callee.path.length === 1 && QUERY_METHODS.has(callee.path[0]!)) {
    const receiver = callee.callee;
    if (receiver.kind === 'module' && factoryKind(receiver)) return queryTimeout(call, context);
  }
  return undefined;
}

function connectTimeout(call: ts.CallExpression, kind: string, context: LibraryContext): ClientTimeout {
  // `const db = await mysql.createConnection(…)`: the name sits on the await's parent.
  const subject = subjectName(ts.isAwaitExpression(call.parent) ? call.parent : call, kind);
  const first = call.arguments[0];
  const uri = first ? uriText(first, context) : undefined;
  if (uri !== undefined) {
    // mysql2 reads URI parameters as JSON: `?connectTimeout=0` is the number 0.
    if (/[?&]connectTimeout=(0|null)(&|$)/.test(uri))
      return disabledConnect(subject, `\`connectTimeout=0\` in the connection URI`, first!);
    const inUri = /[?&]connectTimeout=(\d+)(&|$)/.exec(uri);
    return bounded(subject, inUri ? `connect ${formatMs(Number(inUri[1]))} (in the URI)` : defaultConnect());
  }
  const options = optionsObject(first, context.values);
  if (options.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  const found: PropertyLookup =
    options.kind === 'object' ? lookupProperty(options.node, 'connectTimeout', context.values) : options;
  if (found.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: options decided elsewhere` };
  if (found.kind === 'absent') return bounded(subject, defaultConnect());
  const value = found.value;
  if (switchesOff(value, context))
    return disabledConnect(subject, `\`connectTimeout: ${value.getText()}\``, value, call);
  const ms = evaluateNumber(value, context.values, 0);
  return bounded(subject, `connect ${ms !== undefined && ms > 0 ? formatMs(ms) : `\`${value.getText()}\``}`);
}

function queryTimeout(call: ts.CallExpression, context: LibraryContext): ClientTimeout | undefined {
  const first = call.arguments[0];
  if (!first || !ts.isObjectLiteralExpression(first)) return undefined;
  const found = lookupProperty(first, 'timeout', context.values);
  if (found.kind !== 'found') return undefined;
  const value = found.value;
  if (!switchesOff(value, context)) {
    const ms = evaluateNumber(value, context.values, 0);
    return { kind: 'bounded', summary: `mysql2 query: timeout ${ms ? formatMs(ms) : `\`${value.getText()}\``}` };
  }
  const missing: MissingTimeout = {
    subject: 'This mysql2 query',
    libraryDefault: `\`timeout: ${value.getText()}\` means none`,
    consequence:
      'a query on a locked row or a stalled server holds its connection and the waiting request indefinitely',
    remedy: 'Give the query a finite `timeout`',
    constant: 'statement',
  };
  return {
    kind: 'disabled',
    summary: `mysql2 query: timeout disabled (\`${value.getText()}\`)`,
    missing,
    value,
    fix: replaceable(value, call)
      ? {
          kind: 'replace',
          addition: { value, text: (c) => c('statement'), title: 'Set the query timeout to {statement}' },
        }
      : undefined,
  };
}

function disabledConnect(
  subject: string,
  written: string,
  value: ts.Expression,
  call?: ts.CallExpression,
): ClientTimeout {
  return {
    kind: 'disabled',
    summary: `${subject}: connect timeout disabled (${written}); ${QUERIES_UNBOUNDED}`,
    missing: {
      subject,
      libraryDefault: `${written} turns off mysql2's 10 s default`,
      consequence: 'connecting to an unreachable server hangs until the operating system gives up, minutes later',
      remedy: 'Use a finite `connectTimeout`',
      constant: 'connect',
    },
    value,
    fix:
      call && replaceable(value, call)
        ? {
            kind: 'replace',
            addition: { value, text: (c) => c('connect'), title: 'Set connectTimeout: {connect}' },
          }
        : undefined,
  };
}

function bounded(subject: string, connect: string): ClientTimeout {
  return { kind: 'bounded', summary: `${subject}: ${connect}; ${QUERIES_UNBOUNDED}` };
}

function defaultConnect(): string {
  return `connect ${formatMs(DEFAULT_CONNECT_TIMEOUT_MS)} (default)`;
}

/** `0` or `null`: mysql2 tests these timeouts for truthiness. (`Infinity` makes Node fire at once.) */
function switchesOff(value: ts.Expression, context: LibraryContext): boolean {
  if (value.kind === ts.SyntaxKind.NullKeyword) return true;
  return evaluateNumber(value, context.values, 0) === 0;
}

/** Only a value written in this call is ours to edit: a shared constant is someone else's decision. */
function replaceable(value: ts.Expression, call: ts.CallExpression): boolean {
  return value.pos >= call.pos && value.end <= call.end && ts.isPropertyAssignment(value.parent);
}

function uriText(node: ts.Expression, context: LibraryContext): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.getText();
  const value = context.values.resolve(node);
  return value.kind === 'literal' && ts.isStringLiteralLike(value.node) ? value.node.text : undefined;
}
