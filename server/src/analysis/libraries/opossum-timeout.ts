import { ts } from '../../typescript';
import { readDuration } from './durations';
import { lookupProperty, optionsObject } from './object-properties';
import type { LibraryContext } from './timeout-policy';
import type { Value } from './values';

// opossum (`new CircuitBreaker(action, options)`): `timeout` defaults to 10 000 ms, but when it
// fires the breaker only rejects the caller's promise — the action keeps running, holding its
// connection — unless `abortController` is passed and the action honours its signal
// (lib/circuit.js). `timeout: false` turns the timeout off (then there is nothing to enforce).

const OPOSSUM_MODULE = 'opossum';
const DEFAULT_TIMEOUT_MS = 10_000;

export interface OpossumBreaker {
  timeoutText: string;
  timeoutMs?: number;
  enforced: boolean;
}

export function opossumBreaker(
  callee: Value,
  creation: ts.NewExpression,
  context: LibraryContext,
): OpossumBreaker | undefined {
  if (callee.kind !== 'module' || callee.module !== OPOSSUM_MODULE || callee.path.length > 1) return undefined;
  if (callee.path.length === 1 && callee.path[0] !== 'CircuitBreaker') return undefined;
  const options = optionsObject(creation.arguments?.[1], context.values);
  if (options.kind === 'unknown') return undefined;
  const literal = options.kind === 'object' ? options.node : undefined;
  const abort = literal ? lookupProperty(literal, 'abortController', context.values) : { kind: 'absent' as const };
  const timeout = literal ? lookupProperty(literal, 'timeout', context.values) : { kind: 'absent' as const };
  if (abort.kind === 'unknown' || timeout.kind === 'unknown') return undefined;
  if (timeout.kind === 'found') {
    if (timeout.value.kind === ts.SyntaxKind.FalseKeyword) return undefined;
    const duration = readDuration(timeout.value, context.values);
    if (duration.kind === 'disabled') return undefined;
    return {
      timeoutText: timeout.value.getText(),
      timeoutMs: duration.kind === 'ms' ? duration.ms : undefined,
      enforced: abort.kind === 'found',
    };
  }
  return { timeoutText: '10 s by default', timeoutMs: DEFAULT_TIMEOUT_MS, enforced: abort.kind === 'found' };
}
