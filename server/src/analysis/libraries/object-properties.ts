import { ts } from '../../typescript';
import type { Value, ValueResolver } from './values';
import { isMergeCall, type MergeCall } from './merged-objects';
import { skipOuterExpressions } from './outer-expressions';
import { findBinding, isInside } from '../scope';
import { fieldMemberWrites, isReset, memberWrites } from '../sole-assignment';

// Reading options objects the way the runtime does: the last property wins, spreads merge
// objects defined elsewhere, and anything we cannot see (a spread of a parameter, a computed
// key) makes the answer "unknown" rather than "absent" — so rules stay silent instead of
// crying wolf. A merge call (`Object.assign({}, defaults, { timeout })`, or a spread as compilers
// write it) is read like the literal with spreads it stands for.

/** An object whose own properties syntax can list: a literal, or a merge of several objects. */
export type ObjectSource = ts.ObjectLiteralExpression | MergeCall;

export type PropertyLookup =
  { kind: 'found'; value: ts.Expression; owner: ts.ObjectLiteralExpression } | { kind: 'absent' } | { kind: 'unknown' };

const MAX_SPREAD_DEPTH = 6;

export function lookupProperty(object: ObjectSource, name: string, values: ValueResolver, depth = 0): PropertyLookup {
  if (depth > MAX_SPREAD_DEPTH) return { kind: 'unknown' };
  if (ts.isCallExpression(object)) return lookupInMerge(object, name, values, depth);
  const later = writtenAfter(object, name);
  if (later) return later;
  const properties = object.properties;
  for (let index = properties.length - 1; index >= 0; index--) {
    const property = properties[index]!;
    if (ts.isSpreadAssignment(property)) {
      const inner = lookupInSpread(property.expression, name, values, depth);
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

/** The arguments of a merge, like the spreads of a literal: the last one that has `name` wins. */
function lookupInMerge(call: MergeCall, name: string, values: ValueResolver, depth: number): PropertyLookup {
  const parts = call.arguments;
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index]!;
    if (ts.isSpreadElement(part)) return { kind: 'unknown' }; // `Object.assign({}, ...list)`
    const inner = lookupInSpread(part, name, values, depth);
    if (inner.kind !== 'absent') return inner;
  }
  return { kind: 'absent' };
}

/** `name` in an object spread into another: absent for `null`/`undefined`, unknown if not seen. */
function lookupInSpread(expression: ts.Expression, name: string, values: ValueResolver, depth: number): PropertyLookup {
  const spread = values.resolve(expression);
  if (isObjectValue(spread) && spread.path.length === 0)
    return lookupProperty(spread.node as ObjectSource, name, values, depth + 1);
  return isNullish(spread) ? { kind: 'absent' } : { kind: 'unknown' };
}

/** The object an options argument denotes, `absent` when there is none, else unknown. */
export function optionsObject(
  argument: ts.Expression | undefined,
  values: ValueResolver,
): { kind: 'object'; node: ObjectSource } | { kind: 'absent' } | { kind: 'unknown' } {
  if (!argument) return { kind: 'absent' };
  const value = values.resolve(argument);
  if (isObjectValue(value) && value.path.length === 0) return { kind: 'object', node: value.node as ObjectSource };
  if (isNullish(value)) return { kind: 'absent' };
  return { kind: 'unknown' };
}

/** Whether a value is an object whose properties `lookupProperty` can read: a literal or a merge. */
export function isObjectValue(value: Value): value is Value & { kind: 'object' | 'merged' } {
  return value.kind === 'object' || value.kind === 'merged';
}

/**
 * Where a fix can add a property to `object` so that it takes effect: the literal itself, or the
 * last argument of a merge when that is a literal (what is added there wins over the rest).
 */
export function writableLiteral(object: ObjectSource): ts.ObjectLiteralExpression | undefined {
  if (ts.isObjectLiteralExpression(object)) return object;
  const last = object.arguments[object.arguments.length - 1];
  return last && ts.isObjectLiteralExpression(last) ? last : undefined;
}

/**
 * The literal written at an options argument that a fix can add to: the argument itself, or the
 * last literal of a merge written there (`Object.assign({}, defaults, { json: true })`).
 */
export function writtenLiteral(argument: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const written = skipOuterExpressions(argument);
  if (ts.isObjectLiteralExpression(written)) return written;
  return ts.isCallExpression(written) && isMergeCall(written) ? writableLiteral(written) : undefined;
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
export function optionProperty(
  argument: ts.Expression | undefined,
  name: string,
  values: ValueResolver,
): PropertyLookup {
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
  return (
    value.node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value.node) && value.node.text === 'undefined')
  );
}

/**
 * `var opts = {}; opts.timeout = 5000;`: a property written after the literal is declared in a
 * variable — the one value written (clearing it to `null` aside), or unknown when it is written
 * twice or may be written by `Object.assign(opts, …)` or `opts[key] = …`. Undefined when nothing
 * writes it.
 */
function writtenAfter(literal: ts.ObjectLiteralExpression, name: string): PropertyLookup | undefined {
  let holder: ts.Node = literal.parent;
  while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder))
    holder = holder.parent;
  const written =
    ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)
      ? memberWrites(holder, name)
      : fieldWrites(holder, name);
  if (written === undefined) return undefined;
  if (written === 'any') return { kind: 'unknown' };
  const values = written.filter((value) => !isReset(value)); // cleared on close: not another value
  if (values.length === 0) return undefined;
  return values.length === 1 ? { kind: 'found', value: values[0]!, owner: literal } : { kind: 'unknown' };
}

/** Writes to `name` on a class field's object: `options = {}` or `this.options = {}`, then `this.options.name = …`. */
function fieldWrites(holder: ts.Node, name: string): ts.Expression[] | 'any' | undefined {
  let field: string | undefined;
  if (ts.isPropertyDeclaration(holder) && ts.isIdentifier(holder.name)) field = holder.name.text;
  else if (
    ts.isBinaryExpression(holder) &&
    holder.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(holder.left) &&
    holder.left.expression.kind === ts.SyntaxKind.ThisKeyword
  )
    field = holder.left.name.text;
  if (field === undefined) return undefined;
  let owner: ts.Node | undefined = holder.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  return owner ? fieldMemberWrites(owner, field, name) : undefined;
}

/**
 * `obj.app` where `var obj = {}` and later `obj.app = express()`: the one value a property absent
 * from the literal is given afterwards (the module pattern of much CommonJS code), if any.
 */
export function laterProperty(
  object: ts.Expression,
  literal: ts.ObjectLiteralExpression,
  name: string,
  values: ValueResolver,
): ts.Expression | undefined {
  const variable = skipOuterExpressions(object);
  if (!ts.isIdentifier(variable)) return undefined;
  const binding = findBinding(variable.text, variable);
  if (binding?.kind !== 'variable' || !ts.isVariableDeclaration(binding.node)) return undefined;
  const initializer = binding.declaration.initializer;
  if (!initializer || skipOuterExpressions(initializer) !== literal) return undefined;
  const found = lookupProperty(literal, name, values);
  // Only a value written later: one in the literal itself stays a member of the object value.
  return found.kind === 'found' && !isInside(found.value, literal) ? found.value : undefined;
}
