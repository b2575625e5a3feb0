import { ts } from '../../typescript';
import { readDuration } from './durations';
import { lookupProperty, optionsObject, type ObjectSource } from './object-properties';
import { describeDuration, optionsSlot, subjectName, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// pg's query timeouts (pg@8: lib/defaults.js): `statement_timeout` (enforced by the server) and
// `query_timeout` (enforced by the client) are both off by default, so a query on a locked row or
// a stalled server waits forever. Either one, in the config or in the connection string
// (`?statement_timeout=5000`, `options=-c statement_timeout=5s`), bounds it. Waiting for a pool
// connection (`connectionTimeoutMillis`) is the pool family's concern (libraries/pg-pool.ts).

export const PG_MODULE = 'pg';

const QUERY_TIMEOUT_KEYS = ['statement_timeout', 'query_timeout'];

/** `new Pool(…)` / `new Client(…)` from pg (also `pg.Pool`, `pg.native.Pool`). */
export function pgConstructor(callee: Value): 'Pool' | 'Client' | undefined {
  if (callee.kind !== 'module' || callee.module !== PG_MODULE) return undefined;
  const path = callee.path[0] === 'native' ? callee.path.slice(1) : callee.path;
  return path.length === 1 && (path[0] === 'Pool' || path[0] === 'Client') ? path[0] : undefined;
}

/** What a connection string says about query timeouts: a value, nothing, or "we cannot read it". */
function connectionStringTimeout(expression: ts.Expression, context: LibraryContext): 'set' | 'absent' | 'invisible' {
  const value = context.values.resolve(expression);
  const text =
    value.kind === 'literal' && ts.isStringLiteralLike(value.node)
      ? value.node.text
      : ts.isTemplateExpression(expression) || ts.isNoSubstitutionTemplateLiteral(expression)
        ? expression.getText()
        : undefined;
  if (text === undefined) return 'invisible';
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // keep the raw text
  }
  return /(statement_timeout|query_timeout)\s*=\s*[1-9]/.test(decoded) ? 'set' : 'absent';
}

export function pgTimeout(callee: Value, node: ts.NewExpression, context: LibraryContext): ClientTimeout | undefined {
  const kind = pgConstructor(callee);
  if (!kind) return undefined;
  const subject = subjectName(node, `pg ${kind}`);
  const argument = node.arguments?.[0];
  let connectionString: ts.Expression | undefined;
  let config: ObjectSource | undefined;
  if (argument && isStringish(argument, context)) connectionString = argument;
  else {
    const options = optionsObject(argument, context.values);
    if (options.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: config decided elsewhere` };
    if (options.kind === 'object') config = options.node;
  }
  if (config) {
    for (const key of QUERY_TIMEOUT_KEYS) {
      const found = lookupProperty(config, key, context.values);
      if (found.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: config decided elsewhere` };
      if (found.kind !== 'found') continue;
      const duration = readDuration(found.value, context.values);
      if (duration.kind !== 'disabled')
        return { kind: 'bounded', summary: `${subject}: ${key} ${describeDuration(duration)}` };
    }
    const fromString = lookupProperty(config, 'connectionString', context.values);
    if (fromString.kind === 'unknown') return { kind: 'unknown', summary: `${subject}: config decided elsewhere` };
    if (fromString.kind === 'found') connectionString = fromString.value;
  }
  const inString = connectionString ? connectionStringTimeout(connectionString, context) : 'absent';
  if (inString === 'set') return { kind: 'bounded', summary: `${subject}: query timeout set in the connection string` };
  const caveat =
    inString === 'invisible'
      ? ` unless \`${connectionString!.getText()}\` carries one`
      : argument
        ? ''
        : ' unless PGOPTIONS sets one';
  const summary = `${subject}: no statement or query timeout (pg default: none${caveat})`;
  const slot = connectionString && !config ? undefined : optionsSlot(node, 0, context.values);
  const needsConnect = !config || lookupProperty(config, 'connectionTimeoutMillis', context.values).kind === 'absent';
  return {
    kind: 'missing',
    summary,
    missing: {
      subject,
      libraryDefault: `pg default: none${caveat}`,
      consequence:
        'a query on a locked row or a stalled server holds its connection and the waiting request indefinitely',
      remedy: 'Set `statement_timeout` (and `connectionTimeoutMillis` to bound the connect)',
      constant: 'statement',
    },
    fix: slot && {
      kind: 'option',
      addition: {
        slot,
        text: (c) =>
          `statement_timeout: ${c('statement')}` + (needsConnect ? `, connectionTimeoutMillis: ${c('connect')}` : ''),
        title: needsConnect
          ? 'Set statement_timeout and connectionTimeoutMillis'
          : 'Set statement_timeout: {statement}',
      },
    },
  };
}

function isStringish(node: ts.Expression, context: LibraryContext): boolean {
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return true;
  const value = context.values.resolve(node);
  if (value.kind === 'literal' && ts.isStringLiteralLike(value.node)) return true;
  // `new Client(process.env.DATABASE_URL)`
  return (
    ts.isPropertyAccessExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.getText() === 'process.env'
  );
}
