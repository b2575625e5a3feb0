import { ts } from '../../typescript';
import { findBinding } from '../scope';
import type { TtlSource } from './cache-clients';
import { containsMathRandom } from './cache-guards';
import { evaluateNumber, formatMs } from './durations';
import type { ValueResolver } from './values';

// The effective expiry of a cache write: a constant (which keys written together share), a
// jittered one (a random spread, here or in a helper that computes it), none, or decided at
// run time (then the rules stay silent).

export type TtlVerdict =
  | { kind: 'constant'; ms: number; expression: ts.Expression | undefined; unit: 's' | 'ms' }
  | { kind: 'jittered' }
  | { kind: 'none' }
  | { kind: 'dynamic' };

const MAX_DEPTH = 4;

export function ttlVerdict(source: TtlSource, values: ValueResolver): TtlVerdict {
  if (source.kind === 'none') return { kind: 'none' };
  if (source.kind === 'unknown') return { kind: 'dynamic' };
  const expression = source.expression;
  if (!expression) return { kind: 'none' }; // no default TTL configured: entries never expire
  if (isRandomized(expression, values, 0)) return { kind: 'jittered' };
  const value = evaluateNumber(expression, values, 0);
  if (value === undefined) return { kind: 'dynamic' };
  if (value <= 0 || !Number.isFinite(value)) return { kind: 'none' };
  return {
    kind: 'constant',
    ms: source.unit === 's' ? value * 1000 : value,
    expression: source.kind === 'argument' ? expression : undefined,
    unit: source.unit,
  };
}

/** `Math.random()` in the expression, in the `const`s it reads, or in a local function it calls. */
function isRandomized(node: ts.Node, values: ValueResolver, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (containsMathRandom(node, values)) return true;
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(child)) {
      if (ts.isPropertyAccessExpression(child.parent) && child.parent.name === child) return;
      const binding = findBinding(child.text, child);
      if (binding?.kind === 'variable' && binding.declaration.initializer)
        found = isRandomized(binding.declaration.initializer, values, depth + 1);
      else if (binding?.kind === 'function' && binding.declaration.body)
        found = isRandomized(binding.declaration.body, values, depth + 1);
      return;
    }
    if (ts.isCallExpression(child)) {
      const callee = values.resolve(child.expression);
      if (callee.kind === 'function' && callee.path.length === 0 && 'body' in callee.node && callee.node.body) {
        found = isRandomized(callee.node.body as ts.Node, values, depth + 1);
        if (found) return;
      }
    }
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  if (!found && ts.isIdentifier(node)) visit(node);
  return found;
}

export function describeTtl(verdict: TtlVerdict): string {
  switch (verdict.kind) {
    case 'constant':
      return `TTL ${formatMs(verdict.ms)} constant`;
    case 'jittered':
      return 'TTL jittered';
    case 'none':
      return 'no TTL (never expires: misses come on first fill and after restarts or evictions)';
    case 'dynamic':
      return 'TTL decided at run time';
  }
}
