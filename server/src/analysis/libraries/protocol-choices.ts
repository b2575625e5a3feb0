import { ts } from '../../typescript';
import type { Value } from './values';

// Code that talks to URLs of either scheme picks Node's module by protocol:
// `url.protocol === 'https:' ? https : http`, or `{ 'http:': http, 'https:': https }[protocol]`.
// `http` and `https` have one API — `request`, `get`, `Agent` take the same options and the same
// defaults for everything Goodput asks about (timeouts, agents, listeners) — so such a choice is
// read as its `http` alternative when every alternative is the same member of one of the two (or
// of follow-redirects' `http`/`https`). Any other choice stays unknown.

type ModuleValue = Value & { kind: 'module' };

/** The value a choice between `alternatives` has for analysis, or undefined when they differ. */
export function protocolChoice(
  alternatives: readonly ts.Expression[] | undefined,
  resolve: (expression: ts.Expression) => Value,
): Value | undefined {
  if (!alternatives || alternatives.length === 0) return undefined;
  const modules: ModuleValue[] = [];
  for (const alternative of alternatives) {
    const value = resolve(alternative);
    if (value.kind !== 'module') return undefined; // the common case, settled without the rest
    modules.push(value as ModuleValue);
  }
  const key = name(modules[0]!, true);
  if (!modules.every((value) => name(value, true) === key)) return undefined;
  return modules.find((value) => name(value, false) === key) ?? modules[0];
}

/** The values of an object literal's properties, or undefined when one is a spread, method or accessor. */
export function propertyValues(literal: ts.ObjectLiteralExpression): ts.Expression[] | undefined {
  const values: ts.Expression[] = [];
  for (const property of literal.properties) {
    if (ts.isPropertyAssignment(property)) values.push(property.initializer);
    else if (ts.isShorthandPropertyAssignment(property)) values.push(property.name);
    else return undefined;
  }
  return values;
}

/** The module and path as one name; with `plain`, `https` reads as `http`. */
function name(value: ModuleValue, plain: boolean): string {
  const part = (text: string) => (plain && text === 'https' ? 'http' : text);
  return [part(value.module), ...value.path.map(part)].join('.');
}
