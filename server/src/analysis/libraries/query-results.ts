import { ts } from '../../typescript';
import { evaluateNumber } from './durations';
import { shorten, type FanOutWidth } from './fan-out-width';
import { propertyNameText } from './object-properties';
import { parseQueryPage } from './parse-query';
import { skipOuterExpressions, type ValueResolver } from './values';

// How many rows an awaited query returns: every matching row, unless the query caps its page
// (`LIMIT 50`, `.limit(50)`, `{ take: 50 }`). Recognised by the method names of the common
// clients, and only when awaited, so `array.find(…)` is never mistaken for a query. A cap
// held in a variable (`LIMIT $2`) is someone's decision we cannot read: the width is unknown.

/** Awaited calls that return rows: node-postgres, mysql2, pg-promise, knex, Prisma, TypeORM, MongoDB, Redis sets. */
const QUERY_METHODS = new Set([
  'query',
  'execute',
  'any',
  'many',
  'manyOrNone',
  'findMany',
  'findAll',
  'find',
  'findBy',
  'select',
  'getMany',
  'toArray',
  'aggregate',
  'scan',
  'all',
  'smembers',
  'sMembers',
  'hgetall',
  'hGetAll',
  'keys',
]);
const LISTING_METHODS = new Set(['readdir', 'glob', 'globby', 'fg']);
/** MongoDB's catalogue listings: as many as the schema has collections or indexes, not rows. */
const CATALOGUE_METHODS = new Set(['listCollections', 'listDatabases', 'listIndexes', 'listSearchIndexes', 'indexes']);
/** Options that cap a page of results. */
const PAGE_CAPS = new Set(['limit', 'take', 'first', 'top', 'pageSize', 'perPage', 'per_page', 'Limit']);
/** Properties of a query result that hold its rows (`rows` for pg, `0` for mysql2's [rows, fields]). */
const ROW_PATHS = new Set(['rows', '0', 'Items', 'recordset', 'documents']);

/** The width of `await call` (with `path` read from its result); unknown when it is neither a query nor a listing. */
export function resultWidth(call: ts.CallExpression, path: readonly string[], values: ValueResolver): FanOutWidth {
  const chain = callChain(call);
  // `Promise.all(…).then(…)` settles promises; it queries nothing.
  if (chain[0]?.target === 'Promise') return { kind: 'unknown' };
  const names = chain.map((link) => link.name);
  if (names.some((name) => CATALOGUE_METHODS.has(name))) return { kind: 'unknown' };
  if (names.some((name) => LISTING_METHODS.has(name)) && path.length === 0) {
    return { kind: 'unbounded', source: 'listing', why: `\`${shorten(call.getText())}\` lists a directory` };
  }
  if (!names.some((name) => QUERY_METHODS.has(name))) return { kind: 'unknown' };
  if (path.length > 1 || (path.length === 1 && !ROW_PATHS.has(path[0]!) && !isPayloadDocs(call, path[0]!)))
    return { kind: 'unknown' };
  const cap = pageCap(chain, values);
  // Payload's `limit: 0` means no limit.
  if (cap === 0 && isPayloadDocs(call, path[0])) return unbounded(call);
  if (cap === 'dynamic') return { kind: 'unknown' };
  if (cap !== undefined) return { kind: 'bounded', max: cap, why: `a page of at most ${cap} rows` };
  const page = parseQueryPage(call, values);
  if (page) return page;
  return unbounded(call);
}

function unbounded(call: ts.CallExpression): FanOutWidth {
  return { kind: 'unbounded', source: 'query', why: `\`${shorten(call.getText())}\` returns every matching row` };
}

/**
 * `(await payload.db.find({ … })).docs`: Payload's database adapter returns every matching
 * document unless given a `limit` (its default is 0, no limit). The local API's `payload.find`
 * pages at 10 by default and is left alone.
 */
function isPayloadDocs(call: ts.CallExpression, path: string | undefined): boolean {
  const callee = call.expression;
  return (
    path === 'docs' &&
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'find' &&
    ts.isPropertyAccessExpression(callee.expression) &&
    callee.expression.name.text === 'db'
  );
}

interface ChainLink {
  name: string;
  call: ts.CallExpression;
  target?: string;
}

/** `knex('t').select('*').limit(5)` → links select, limit (plus the root call). */
function callChain(call: ts.CallExpression): ChainLink[] {
  const links: ChainLink[] = [];
  let current: ts.Expression = call;
  while (ts.isCallExpression(current)) {
    const callee: ts.Expression = current.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const target = ts.isIdentifier(callee.expression) ? callee.expression.text : undefined;
      links.unshift({ name: callee.name.text, call: current, target });
      current = callee.expression;
    } else {
      if (ts.isIdentifier(callee)) links.unshift({ name: callee.text, call: current });
      break;
    }
    while (ts.isPropertyAccessExpression(current)) current = current.expression;
  }
  return links;
}

/** A constant cap on the rows: `.limit(50)`, `{ take: 50 }`, `LIMIT 50` in the SQL; 'dynamic' when capped by a variable. */
function pageCap(chain: ChainLink[], values: ValueResolver): number | 'dynamic' | undefined {
  for (const link of chain) {
    if (PAGE_CAPS.has(link.name) && link.call.arguments[0])
      return evaluateNumber(link.call.arguments[0], values, 0) ?? 'dynamic';
    if (link.name === 'first' || link.name === 'findOne') return 1;
    for (const argument of link.call.arguments) {
      const cap = argumentCap(argument, values);
      if (cap !== undefined) return cap;
    }
  }
  return undefined;
}

function argumentCap(argument: ts.Expression, values: ValueResolver): number | 'dynamic' | undefined {
  const node = skipOuterExpressions(argument);
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
    const match = /\bLIMIT\s+(\d+|\$\{\s*([\w.]+)\s*\}|\$\d+|\?|:\w+)/i.exec(node.getText());
    if (!match) return undefined;
    if (/^\d+$/.test(match[1]!)) return Number(match[1]);
    const span = ts.isTemplateExpression(node)
      ? node.templateSpans.find((s) => s.expression.getText() === match[2])
      : undefined;
    return (span && evaluateNumber(span.expression, values, 0)) ?? 'dynamic';
  }
  if (ts.isObjectLiteralExpression(node)) {
    for (const property of node.properties) {
      const key = property.name && propertyNameText(property.name);
      if (key && PAGE_CAPS.has(key)) {
        return ts.isPropertyAssignment(property)
          ? (evaluateNumber(property.initializer, values, 0) ?? 'dynamic')
          : 'dynamic';
      }
      if (ts.isPropertyAssignment(property) && ts.isObjectLiteralExpression(property.initializer)) {
        const nested = argumentCap(property.initializer, values);
        if (nested !== undefined) return nested;
      }
    }
  }
  return undefined;
}
