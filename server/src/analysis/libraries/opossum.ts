import type { ts } from '../../typescript';
import { countBound, isModuleMember, readNumericOption, readOptionsArgument, type PoolBounds } from './pool-options';
import type { Value, ValueResolver } from './values';

// opossum `new CircuitBreaker(action, options)`: `capacity` defaults to Number.MAX_SAFE_INTEGER
// (lib/circuit.js), so the breaker lets any number of concurrent calls through to the action.

export function isOpossumBreaker(callee: Value): boolean {
  return isModuleMember(callee, ['opossum'], []) || isModuleMember(callee, ['opossum'], ['CircuitBreaker']);
}

export function opossumBounds(node: ts.NewExpression, values: ValueResolver): PoolBounds | undefined {
  const options = readOptionsArgument(node, 1, values);
  if (!options) return undefined;
  const capacity = readNumericOption(options, 'capacity', values);
  if (!capacity) return undefined;
  return {
    label: 'opossum CircuitBreaker',
    node,
    optionsIndex: 1,
    options,
    connections: countBound(capacity, { kind: 'none' }, (n) => n >= Number.MAX_SAFE_INTEGER),
  };
}
