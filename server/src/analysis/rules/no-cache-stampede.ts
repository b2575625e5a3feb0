import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import {
  CACHE_MODULE_PATTERN,
  READ_CALL_TEXT,
  READ_METHODS,
  WRITE_CALL_TEXT,
  WRITE_METHODS,
  cacheOperation,
  type CacheOperation,
} from '../libraries/cache-clients';
import {
  describeSource,
  findCacheAside,
  keyDisplay,
  type CacheAside,
} from '../libraries/cache-aside';
import { enclosingFunction } from '../scope';
import { guardOf, type Guard } from '../libraries/cache-guards';
import { describeTtl, ttlVerdict, type TtlVerdict } from '../libraries/cache-ttl';
import { checksEntryExpiry } from '../libraries/cache-entry-expiry';
import { evaluateNumber } from '../libraries/durations';
import { interceptorAsProvider, interceptorInDecorator, type NestCacheInterceptorUse } from '../libraries/nest-cache';
import { singleFlightFix } from '../fixes/cache-fixes';
import { xfetchFix } from '../fixes/xfetch-fix';
import type { SimulationScenario } from '../types';

// Cache-aside without single-flight. When a hot key expires, every request that misses before
// the first one has written the value recomputes it: about λ·Δ identical queries (reads per
// second of that key × seconds to recompute) hit the database at the moment it is least needed.

export default defineRule({
  id: 'no-cache-stampede',
  meta: {
    family: 'cache',
    severity: 'warning',
    docs: { description: 'Share one recomputation per key when a cached value is missing' },
    messages: {
      stampede:
        'Cache-aside on key `{{key}}` has no single-flight: when the key expires or is first filled, every concurrent miss ' +
        'awaits `{{source}}` at once (about λ·Δ recomputations per expiry). Share one load per key (single-flight), ' +
        'take a lock and re-check the cache, or refresh early.',
      lockWithoutRecheck:
        'The lock (`{{lock}}`) serialises recomputing `{{key}}` but the cache is not read again after acquiring it: each ' +
        'waiter then awaits `{{source}}` in turn. Re-read the key after acquiring the lock and return it when present.',
      nestInterceptor:
        'NestJS `CacheInterceptor` runs get → route handler → set with no coalescing: when a cached response expires, ' +
        'every concurrent request runs the handler against its data source. Cache inside the handler with a single-flight ' +
        '(cache-manager `wrap()` coalesces in-process), or refresh early.',
    },
    fix: 'safe',
    options: {},
    simulation: 'cache-stampede',
  },
  create(context) {
    const text = context.text;
    const nest = text.includes('CacheInterceptor');
    // Cheap checks first: a file that awaits nothing, or reads or writes no cache, is never parsed for this rule.
    // The import graph and `includes` answer faster than the call patterns scan: they go first.
    const mayCache =
      text.includes('await') &&
      (text.includes('new Map') || context.workspace.fileImportsPackage(context.fileName, CACHE_MODULE_PATTERN)) &&
      WRITE_CALL_TEXT.test(text) &&
      READ_CALL_TEXT.test(text);
    if (!nest && !mayCache) return {};
    const packageMajor = (name: string) => context.workspace.packageMajor(context.fileName, name);
    const byFunction = new Map<ts.SignatureDeclaration, CacheOperation[]>();
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (nest) {
          const use = interceptorInDecorator(call, context.values);
          if (use) return reportInterceptor(context, use, packageMajor);
        }
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        if (!READ_METHODS.has(method) && !WRITE_METHODS.has(method)) return;
        const fn = enclosingFunction(call);
        if (ts.isSourceFile(fn)) return;
        const operation = cacheOperation(call, context.values, packageMajor);
        if (!operation) return;
        const list = byFunction.get(fn) ?? [];
        list.push(operation);
        byFunction.set(fn, list);
      },
      [ts.SyntaxKind.PropertyAssignment]: (node) => {
        if (!nest) return;
        const use = interceptorAsProvider(node as ts.PropertyAssignment, context.values);
        if (use) reportInterceptor(context, use, packageMajor);
      },
      fileEnd: () => {
        for (const [fn, operations] of byFunction) {
          if (!operations.some((op) => op.kind === 'read') || !operations.some((op) => op.kind === 'write')) continue;
          for (const aside of findCacheAside(fn, operations)) {
            const guard = guardOf(aside, operations, context.values);
            if (guard.kind === 'none' || (guard.kind === 'lock' && !guard.rechecked)) {
              reportAside(context, aside, guard);
              break; // one finding per function: its fix covers the function's miss path
            }
          }
        }
      },
    };
  },
});

function reportAside(context: RuleContext, aside: CacheAside, guard: Guard): void {
  const key = aside.read.field
    ? `${keyDisplay(aside.read.key)}[${keyDisplay(aside.read.field)}]`
    : keyDisplay(aside.read.key);
  const source = describeSource(aside.source);
  const written = ttlVerdict(aside.write.ttl, context.values);
  // A Map entry that keeps its own expiry time expires when the code says (cache-entry-expiry.ts).
  const ttl: TtlVerdict = written.kind === 'none' && checksEntryExpiry(aside) ? { kind: 'dynamic' } : written;
  const lock = guard.kind === 'lock' ? guard.how : undefined;
  const shared = aside.write.client.shared;
  const summary =
    `cache-aside on key \`${key}\`; miss path awaits \`${source}\`; ${lock ? `lock ${lock} without a re-check` : 'no single-flight'}; ` +
    `${describeTtl(ttl)}` +
    (shared ? '. Shared cache: single-flight in one process still lets each instance recompute once per expiry' : '');
  const policy = {
    summary,
    facts: {
      key,
      source,
      client: aside.write.client.library,
      sharedAcrossInstances: shared,
      guard: guard.kind,
      ...ttlFacts(ttl),
    },
  };
  context.describe(aside.read.call, policy);
  const fixes = lock ? [] : [singleFlightFix(aside, context.values), xfetchFix(aside, ttl)];
  context.report({
    node: aside.fn,
    messageId: lock ? 'lockWithoutRecheck' : 'stampede',
    data: { key, source, lock: lock ?? '' },
    policy,
    fixes: fixes.filter((fix) => fix !== undefined),
    related: [
      { file: context.fileName, span: spanIn(context, aside.read.call), message: 'cache read' },
      { file: context.fileName, span: spanIn(context, aside.source), message: 'the miss path awaits this' },
      { file: context.fileName, span: spanIn(context, aside.write.call), message: 'write of the same key' },
    ],
    simulation: scenario(ttl),
  });
}

function reportInterceptor(
  context: RuleContext,
  use: NestCacheInterceptorUse,
  packageMajor: (name: string) => number | undefined,
): void {
  // @nestjs/cache-manager 2+ (cache-manager 5+) reads @CacheTTL in milliseconds; earlier versions in seconds.
  const major = packageMajor('cache-manager');
  const value = use.ttl ? evaluateNumber(use.ttl, context.values, 0) : undefined;
  const ttl: TtlVerdict =
    value === undefined || value <= 0
      ? { kind: use.ttl ? 'dynamic' : 'none' }
      : {
          kind: 'constant',
          ms: major !== undefined && major < 5 ? value * 1000 : value,
          expression: use.ttl,
          unit: 'ms',
        };
  const key = use.key ?? 'the request URL';
  const ttlText = use.ttl ? describeTtl(ttl) : 'TTL from CacheModule';
  const policy = {
    summary: `cache-aside by NestJS CacheInterceptor on key \`${key}\`; miss path runs the route handler; no single-flight; ${ttlText}`,
    facts: { key, source: 'route handler', client: 'nestjs-cache-interceptor', guard: 'none', ...ttlFacts(ttl) },
  };
  context.report({
    node: use.reference,
    messageId: 'nestInterceptor',
    policy,
    simulation: scenario(use.ttl ? ttl : { kind: 'dynamic' }),
  });
}

function ttlFacts(ttl: TtlVerdict): Record<string, unknown> {
  if (ttl.kind === 'constant') return { ttlMs: ttl.ms, ttlJittered: false };
  if (ttl.kind === 'jittered') return { ttlMs: 'dynamic', ttlJittered: true };
  if (ttl.kind === 'none') return { ttlMs: null };
  return { ttlMs: 'dynamic' };
}

/** As written: every miss recomputes. Fixed: one recomputation per key per process. */
function scenario(ttl: TtlVerdict): SimulationScenario {
  const params: SimulationScenario['params'] = { strategy: 'naive' };
  if (ttl.kind === 'constant') Object.assign(params, { ttlMs: ttl.ms, ttlJitterMs: 0 });
  // Entries that never expire stampede when first filled: after a deploy, a restart, an eviction.
  if (ttl.kind === 'none') Object.assign(params, { coldStart: true, ttlMs: 1e10 });
  return { model: 'cache-stampede', params, fixedParams: { strategy: 'single-flight' } };
}

function spanIn(context: RuleContext, node: ts.Node) {
  const sourceFile = context.sourceFile;
  const start = node.getStart(sourceFile);
  const at = (offset: number) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
    return { line: line + 1, column: character + 1 };
  };
  return { start, end: node.end, startPos: at(start), endPos: at(node.end) };
}
