import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { isConcurrencyLimiter } from './p-queue';
import { BUILTIN_GLOBALS, isPureCall } from './builtin-calls';
import { namedFunction } from './named-functions';
import { settlesAtOnce } from './settled-promises';
import { skipOuterExpressions, type Value, type ValueResolver } from './values';

// Where code starts one piece of work per item, all at once: `Promise.all(xs.map(f))` (and
// allSettled/any/race), a promise array filled in a loop and awaited together, and the async
// library's unbounded collection helpers (`async.map`, `async.parallel` … — the `*Limit`
// variants are bounded). How wide each one gets is fan-out-width.ts's question.

export interface FanOutSite {
  /** `Promise.all`, `async.map` … as people write it. */
  label: string;
  call: ts.CallExpression;
  /** The collection whose size is the width. */
  collection: ts.Expression;
  /** The function called per item, when the site maps one over the collection. */
  mapper?: ts.Expression;
  /** The `collection.map(mapper)` call, when written right here as `Promise.X(collection.map(mapper))` (what the quick fix rewrites). */
  inlineMapCall?: ts.CallExpression;
  /** `async.map` → `async.mapLimit`, when the library has a bounded twin and the call is `async.<name>(…)`. */
  asyncLimitName?: string;
  combinator?: 'all' | 'allSettled' | 'any' | 'race';
}

export const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
const ASYNC_MODULES = ['async', 'neo-async'];
/** async's unbounded collection helpers and the name of their bounded twin (none for sortBy). */
const ASYNC_HELPERS: Record<string, string | undefined> = {
  each: 'eachLimit',
  forEach: 'forEachLimit',
  eachOf: 'eachOfLimit',
  forEachOf: 'forEachOfLimit',
  map: 'mapLimit',
  mapValues: 'mapValuesLimit',
  filter: 'filterLimit',
  select: 'selectLimit',
  reject: 'rejectLimit',
  concat: 'concatLimit',
  flatMap: 'flatMapLimit',
  detect: 'detectLimit',
  find: 'findLimit',
  some: 'someLimit',
  any: 'anyLimit',
  every: 'everyLimit',
  all: 'allLimit',
  groupBy: 'groupByLimit',
  parallel: 'parallelLimit',
  sortBy: undefined,
};
export const ASYNC_HELPER_NAMES: ReadonlySet<string> = new Set(Object.keys(ASYNC_HELPERS));

export function fanOutSite(call: ts.CallExpression, callee: Value, values: ValueResolver): FanOutSite | undefined {
  if (
    callee.kind === 'global' &&
    callee.name === 'Promise' &&
    callee.path.length === 1 &&
    PROMISE_COMBINATORS.has(callee.path[0]!)
  ) {
    return promiseSite(call, callee.path[0] as FanOutSite['combinator'], values);
  }
  if (
    callee.kind === 'module' &&
    ASYNC_MODULES.includes(callee.module) &&
    callee.path.length === 1 &&
    callee.path[0]! in ASYNC_HELPERS
  ) {
    const name = callee.path[0]!;
    const collection = call.arguments[0];
    if (!collection) return undefined;
    const written = ts.isPropertyAccessExpression(call.expression);
    return { label: `async.${name}`, call, collection, asyncLimitName: written ? ASYNC_HELPERS[name] : undefined };
  }
  return undefined;
}

function promiseSite(
  call: ts.CallExpression,
  combinator: FanOutSite['combinator'],
  values: ValueResolver,
): FanOutSite | undefined {
  const argument = call.arguments[0];
  if (!argument || call.arguments.length > 1) return undefined;
  const label = `Promise.${combinator}`;
  const inline = mappedCollection(argument);
  if (inline) {
    if (!startsWorkPerItem(inline.mapper, values)) return undefined;
    return {
      label,
      call,
      combinator,
      collection: inline.collection,
      mapper: inline.mapper,
      inlineMapCall: inline.mapCall,
    };
  }
  // `const jobs = xs.map(f); await Promise.all(jobs)` and `jobs.push(f(x))` in a loop.
  const node = skipOuterExpressions(argument);
  if (!ts.isIdentifier(node)) return undefined;
  const binding = findBinding(node.text, node);
  if (
    binding?.kind !== 'variable' ||
    !ts.isIdentifier(binding.node.name as ts.Node) ||
    !binding.declaration.initializer
  )
    return undefined;
  const mapped = mappedCollection(binding.declaration.initializer);
  if (mapped)
    return startsWorkPerItem(mapped.mapper, values)
      ? { label, call, combinator, collection: mapped.collection, mapper: mapped.mapper }
      : undefined;
  const initializer = skipOuterExpressions(binding.declaration.initializer);
  if (
    ts.isArrayLiteralExpression(initializer) &&
    initializer.elements.length === 0 &&
    pushesWork(binding.declaration, node.text)
  ) {
    return { label, call, combinator, collection: node };
  }
  return undefined;
}

/** `xs.map(f)` or `Array.from(xs, f)`. */
export function mappedCollection(
  expression: ts.Expression,
): { collection: ts.Expression; mapper: ts.Expression; mapCall: ts.CallExpression } | undefined {
  const node = skipOuterExpressions(expression);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const { expression: target, name } = node.expression;
  if (name.text === 'map' && node.arguments.length === 1)
    return { collection: target, mapper: node.arguments[0]!, mapCall: node };
  if (name.text === 'from' && ts.isIdentifier(target) && target.text === 'Array' && node.arguments.length === 2) {
    return { collection: node.arguments[0]!, mapper: node.arguments[1]!, mapCall: node };
  }
  return undefined;
}

/** Names of a limiter or semaphore whose origin we cannot see: trust that they bound the work. */
const LIMITER_NAMES = /^(limit\w*|\w*Limit(er)?|\w*limiter|throttle\w*|\w*[sS]emaphore|sema|mutex|\w*Mutex)$/;
const LIMITER_METHODS = new Set(['acquire', 'runExclusive', 'schedule', 'waitForUnlock']);

/**
 * Whether the mapper starts work (I/O) for each item — an async function, a function that calls
 * something — and is not already throttled by a limiter (`limit(() => …)`, a semaphore). One
 * whose result is ready at once (settled-promises.ts: it waits on nothing and returns values or
 * what such functions return) starts none.
 */
export function startsWorkPerItem(mapper: ts.Expression, values: ValueResolver): boolean {
  const node = skipOuterExpressions(mapper);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    let calls = false;
    let limited = false;
    const visit = (child: ts.Node): void => {
      if (limited) return;
      if (ts.isCallExpression(child) || ts.isNewExpression(child)) {
        if (isLimiterCall(child, values)) limited = true;
        // `Promise.all` inside the mapper is nested fan-out, judged at its own call.
        else if (!isPureCall(child)) calls = true;
      } else if (ts.isTaggedTemplateExpression(child) && !isStringRaw(child.tag)) {
        calls = true; // ``sql`…` ``, ``prisma.$queryRaw`…` ``: a query per item
      }
      ts.forEachChild(child, visit);
    };
    visit(node.body);
    if (limited || settlesAtOnce(node, values)) return false;
    const isAsync = node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
    return calls || (isAsync && ts.isBlock(node.body) && containsAwait(node.body));
  }
  if (ts.isIdentifier(node) && BUILTIN_GLOBALS.has(node.text) && !findBinding(node.text, node)) return false;
  const value = values.resolve(node);
  if (isConcurrencyLimiter(value) || (value.kind === 'call' && isConcurrencyLimiter(value.callee))) return false;
  // `rows.map(toEntity)`, `rows.map(this.toEntity)`: a function of the workspace that waits on nothing.
  const named = namedFunction(node, values);
  if (named && settlesAtOnce(named, values)) return false;
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node);
}

function isLimiterCall(call: ts.CallExpression | ts.NewExpression, values: ValueResolver): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined;
  if (name && (LIMITER_NAMES.test(name) || LIMITER_METHODS.has(name))) return true;
  if (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    LIMITER_NAMES.test(callee.expression.text)
  )
    return true;
  return isConcurrencyLimiter(values.resolve(callee));
}

function isStringRaw(tag: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(tag) && ts.isIdentifier(tag.expression) && tag.expression.text === 'String' && tag.name.text === 'raw';
}

function containsAwait(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found || ts.isFunctionLike(child)) return;
    if (ts.isAwaitExpression(child)) found = true;
    else ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

/** `jobs.push(call(…))` somewhere after `const jobs = []`. */
function pushesWork(declaration: ts.VariableDeclaration, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'push' &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === name &&
      node.arguments.some((a) => ts.isCallExpression(skipOuterExpressions(a)))
    ) {
      found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.parent.parent.parent);
  return found;
}
