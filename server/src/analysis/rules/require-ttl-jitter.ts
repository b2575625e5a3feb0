import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import { CACHE_MODULE_PATTERN, READ_METHODS, WRITE_CALL_TEXT, WRITE_METHODS, cacheOperation } from '../libraries/cache-clients';
import { keyDisplay, sameEntry, type CacheWrite } from '../libraries/cache-aside';
import { constInitializer, enclosingFunction } from '../scope';
import { ttlVerdict, type TtlVerdict } from '../libraries/cache-ttl';
import { formatMs } from '../libraries/durations';
import { skipOuterExpressions } from '../libraries/values';
import { TTL_JITTER_RATIO, ttlJitterFix } from '../fixes/cache-fixes';

// Many keys written with one constant TTL expire together: keys filled in the same burst (a
// deploy, a cache flush, a warm-up loop) all miss in the same second, and their recomputations
// arrive at the database at once. A random spread per write turns that spike into a trickle.

type ConstantTtl = Extract<TtlVerdict, { kind: 'constant' }>;

/** The scenario assumes this many keys filled together; the panel lets the user vary it. */
const SCENARIO_KEYS = 10_000;
const SCENARIO_READS_PER_SEC = 2_000;
const ITERATING_METHODS = new Set(['forEach', 'map', 'flatMap', 'reduce']);

export default defineRule({
  id: 'require-ttl-jitter',
  meta: {
    family: 'cache',
    severity: 'warning',
    docs: { description: 'Add a random spread to the TTL of keys written with one constant TTL' },
    messages: {
      helperConstantTtl:
        'Every `{{key}}` key is written with the same constant TTL ({{ttl}}): keys filled together — after a deploy, a cache ' +
        'flush or a traffic burst — expire in the same second and their recomputations hit the source at once. Add a ' +
        'random spread to each TTL.',
      loopConstantTtl:
        'This loop writes many keys (`{{key}}`) with one constant TTL ({{ttl}}): they all expire in the same second and ' +
        'miss together. Add a random spread to each TTL.',
    },
    fix: 'safe',
    options: {},
    simulation: 'cache-stampede',
  },
  create(context) {
    if (!WRITE_CALL_TEXT.test(context.text)) return {};
    if (!context.workspace.fileImportsPackage(context.fileName, CACHE_MODULE_PATTERN)) return {};
    const packageMajor = (name: string) => context.workspace.packageMajor(context.fileName, name);
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression) || !WRITE_METHODS.has(call.expression.name.text)) return;
        const operation = cacheOperation(call, context.values, packageMajor);
        if (operation?.kind !== 'write' || isSingleKey(operation.key) || isMarkerBeforeWork(operation)) return;
        const ttl = ttlVerdict(operation.ttl, context.values);
        const summary = `cache write of \`${keyDisplay(operation.key)}\` (many keys): ${describe(ttl)}`;
        if (ttl.kind !== 'constant')
          return context.describe(call, {
            summary,
            facts: { ttlMs: ttl.kind === 'none' ? null : 'dynamic', ttlJittered: ttl.kind === 'jittered' },
          });
        if (refillsSynchronously(operation, context, packageMajor))
          return context.describe(call, {
            summary: `${summary}; a miss is refilled synchronously, in-process (no dependency behind it)`,
            facts: { ttlMs: ttl.ms, ttlJittered: false, refill: 'synchronous' },
          });
        report(context, operation, ttl, summary);
      },
    };
  },
});

function report(context: RuleContext, write: CacheWrite, ttl: ConstantTtl, summary: string): void {
  const fix = ttlJitterFix(write, ttl);
  const jitterMs = ttl.ms * TTL_JITTER_RATIO;
  context.report({
    node: write.call,
    messageId: inLoop(write.call) ? 'loopConstantTtl' : 'helperConstantTtl',
    data: { key: keyDisplay(write.key), ttl: formatMs(ttl.ms) },
    policy: {
      summary,
      facts: { ttlMs: ttl.ms, ttlJittered: false, client: write.client.library, source: write.ttl.kind },
    },
    fixes: fix ? [fix] : [],
    simulation: {
      model: 'cache-stampede',
      params: {
        strategy: 'naive',
        keys: SCENARIO_KEYS,
        readsPerSec: SCENARIO_READS_PER_SEC,
        ttlMs: ttl.ms,
        ttlJitterMs: 0,
      },
      // The fix draws from [TTL, TTL + jitter): the model's TTL ± spread is centred on its middle.
      fixedParams: { ttlMs: ttl.ms + jitterMs / 2, ttlJitterMs: jitterMs / 2 },
    },
  });
}

function describe(ttl: TtlVerdict): string {
  if (ttl.kind === 'constant') return `TTL ${formatMs(ttl.ms)} constant, no jitter`;
  if (ttl.kind === 'jittered') return 'TTL jittered';
  return ttl.kind === 'none' ? 'no TTL' : 'TTL decided at run time';
}

/** A key that is the same on every call (a literal, or a `const` holding one) names one entry, not many. */
function isSingleKey(key: ts.Expression, depth = 0): boolean {
  const expression = skipOuterExpressions(key);
  if (ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression)) return true;
  if (ts.isIdentifier(expression) && depth < 4) {
    const initializer = constInitializer(expression);
    return initializer !== undefined && isSingleKey(initializer, depth + 1);
  }
  if (ts.isTemplateExpression(expression) && depth < 4)
    return expression.templateSpans.every((span) => isSingleKey(span.expression, depth + 1));
  return false;
}

/**
 * `if (seen.get(key)) return; seen.set(key, true); …work`: a flag written before anything is
 * awaited is a throttle or debounce window, not a computed value; its expiry recomputes nothing
 * and its TTL should stay exact, like a lock's.
 */
function isMarkerBeforeWork(write: CacheWrite): boolean {
  const value = skipOuterExpressions(write.value);
  const marker =
    value.kind === ts.SyntaxKind.TrueKeyword ||
    (ts.isNumericLiteral(value) && value.text === '1') ||
    (ts.isStringLiteralLike(value) && value.text.length <= 1);
  if (!marker) return false;
  const fn = enclosingFunction(write.call);
  let awaitedBefore = false;
  const visit = (node: ts.Node): void => {
    if (awaitedBefore || node.pos >= write.call.pos) return;
    if (ts.isAwaitExpression(node) && node.end <= write.call.pos) awaitedBefore = true;
    else if (!ts.isFunctionLike(node) || node === fn) ts.forEachChild(node, visit);
  };
  visit(fn);
  return !awaitedBefore;
}

/**
 * `let page = cache.get(key); if (!page) { page = render(options); cache.set(key, page); }` in a
 * function that awaits nothing: each miss is refilled in-process, synchronously, so keys expiring
 * together reach no dependency (no-cache-stampede leaves such a miss path alone for the same
 * reason). A write with no read before it, or in an async function or a callback (a `.then`, an
 * I/O callback), may be storing what a dependency returned, and stays reported.
 */
function refillsSynchronously(
  write: CacheWrite,
  context: RuleContext,
  packageMajor: (name: string) => number | undefined,
): boolean {
  const fn = enclosingFunction(write.call);
  if (ts.isSourceFile(fn) || !('body' in fn) || !fn.body || isAsyncOrCallback(fn)) return false;
  let readBefore = false;
  let waits = false;
  const visit = (node: ts.Node): void => {
    if (waits || (ts.isFunctionLike(node) && node !== fn)) return;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) waits = true;
    else if (!readBefore && ts.isCallExpression(node) && node.end <= write.call.pos) {
      const read = ts.isPropertyAccessExpression(node.expression) && READ_METHODS.has(node.expression.name.text)
        ? cacheOperation(node, context.values, packageMajor)
        : undefined;
      readBefore = read?.kind === 'read' && read.client.receiverText === write.client.receiverText && sameEntry(read, write);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body as ts.Node);
  return readBefore && !waits;
}

function isAsyncOrCallback(fn: ts.SignatureDeclaration): boolean {
  const modifiers = ts.canHaveModifiers(fn) ? ts.getModifiers(fn) : undefined;
  if (modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return true;
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.asteriskToken)
    return true;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallOrNewExpression(fn.parent);
}

/** Inside a loop statement or an iterating callback, within the same function. */
function inLoop(call: ts.CallExpression): boolean {
  const fn = enclosingFunction(call);
  for (let node: ts.Node = call.parent; node !== fn; node = node.parent) {
    if (ts.isIterationStatement(node, false)) return true;
  }
  if (ts.isSourceFile(fn) || !ts.isCallExpression(fn.parent)) return false;
  const host = fn.parent.expression;
  return ts.isPropertyAccessExpression(host) && ITERATING_METHODS.has(host.name.text);
}
