import type { ts } from '../../typescript';
import { countBound, isModuleMember, readOptionsArgument, readNumericOption, type PoolBounds } from './pool-options';
import { lookupProperty } from './object-properties';
import type { Value, ValueResolver } from './values';

// undici's Pool, BalancedPool and Agent (an Agent keeps one Pool per origin). `connections`
// defaults to null, which means no limit per origin (lib/dispatcher/pool.js): under a slow
// origin every queued request opens another connection.

const CLASSES: Array<[string, number]> = [
  ['Pool', 1],
  ['BalancedPool', 1],
  ['Agent', 0],
];

export function undiciPoolClass(callee: Value): { name: string; optionsIndex: number } | undefined {
  const found = CLASSES.find(([name]) => isModuleMember(callee, ['undici'], [name]));
  return found && { name: found[0], optionsIndex: found[1] };
}

export function undiciPoolBounds(
  node: ts.NewExpression,
  name: string,
  optionsIndex: number,
  values: ValueResolver,
): PoolBounds | undefined {
  const options = readOptionsArgument(node, optionsIndex, values);
  if (!options) return undefined;
  // A custom `factory` decides the pools itself.
  if (options.kind === 'object' && lookupProperty(options.node, 'factory', values).kind !== 'absent') return undefined;
  const connections = readNumericOption(options, 'connections', values);
  if (!connections) return undefined;
  return {
    label: `undici ${name}`,
    node,
    optionsIndex,
    options,
    connections: countBound(connections, { kind: 'none' }, (n) => n <= 0),
  };
}
