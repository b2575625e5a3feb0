import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';

// Reading options objects the way the runtime does: the last property wins, spreads merge
// objects defined elsewhere, and anything we cannot see (a spread of a parameter, a computed
// key) makes the answer "unknown" rather than "absent" — so rules stay silent instead of
// crying wolf.

export type PropertyLookup =
  | { kind: 'found'; value: ts.Expression; owner: ts.ObjectLiteralExpression }
  | { kind: 'absent' }
  | { kind: 'unknown' };

const MAX_SPREAD_DEPTH = 6;

export function lookupProperty(
  object: ts.ObjectLiteralExpression,
  name: string,
  values: ValueResolver,
  depth = 0,
): PropertyLookup {
  if (depth > MAX_SPREAD_DEPTH) return { kind: 'unknown' };
  const properties = object.properties;
  for (let index = properties.length - 1; index >= 0; index--) {
    const property = properties[index]!;
    if (ts.isSpreadAssignment(property)) {
      const spread = values.resolve(property.expression);
      if (spread.kind !== 'object' || spread.path.length > 0) {
        if (isNullish(spread)) continue;
        return { kind: 'unknown' };
      }
      const inner = lookupProperty(spread.node, name, values, depth + 1);
      if (inner.kind !== 'absent') return inner;
      continue;
    }
    const key = property.name && propertyNameText(property.name);
    if (key === undefined) return { kind: 'unknown' }; // a computed key may be `name`
    if (key !== name) continue;
    if (ts.isPropertyAssignment(property)) return { kind: 'found', value: property.initializer, owner: object };
    if (ts.isShorthandPropertyAssignment(property)) return { kind: 'found', value: property.name, owner: object };
    return { kind: 'unknown' }; // a getter or method: its value is computed
  }
  return { kind: 'absent' };
}

/** The object literal an options argument denotes, `absent` when there is none, else unknown. */
export function optionsObject(
  argument: ts.Expression | undefined,
  values: ValueResolver,
): { kind: 'object'; node: ts.ObjectLiteralExpression } | { kind: 'absent' } | { kind: 'unknown' } {
  if (!argument) return { kind: 'absent' };
  const value = values.resolve(argument);
  if (value.kind === 'object' && value.path.length === 0) return { kind: 'object', node: value.node };
  if (isNullish(value)) return { kind: 'absent' };
  return { kind: 'unknown' };
}

/**
 * Where the options of a `(url, options?)` call are, for clients that also take the options
 * alone (got, request): the first argument when it is an options object, else the second.
 */
export function optionsArgumentIndex(call: ts.CallExpression, values: ValueResolver): 0 | 1 {
  const first = call.arguments[0];
  return first && optionsObject(first, values).kind === 'object' ? 0 : 1;
}

/** Looks a property up in an options argument, combining the two steps above. */
export function optionProperty(argument: ts.Expression | undefined, name: string, values: ValueResolver): PropertyLookup {
  const options = optionsObject(argument, values);
  return options.kind === 'object' ? lookupProperty(options.node, name, values) : options;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

function isNullish(value: Value): boolean {
  if (value.kind !== 'literal') return false;
  return value.node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value.node) && value.node.text === 'undefined');
}
