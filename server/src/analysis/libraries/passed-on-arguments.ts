import { ts } from '../../typescript';
import { constInitializer, findBinding } from '../scope';
import { propertyNameText } from './object-properties';
import { skipOuterExpressions } from './outer-expressions';

// A retry that calls itself again hands its parameters a new value each time: `retry(fn, delay * 2)`
// doubles `delay` from attempt to attempt, and `retry(fn, { ...options, sleep: sleep * 2 })` doubles
// `options.sleep`. Each such argument is an update of the parameter, replayed once per attempt
// (delay-expressions.ts), as `delay = delay * 2` would be in a loop. A parameter passed on as it is
// keeps its value; anything we cannot follow leaves the wait untold.

/** Parameters of `fn` mapped to what the self-call passes for them, where that is not the parameter itself. */
export function passedOnArguments(
  fn: ts.SignatureDeclaration,
  selfCall: ts.CallExpression,
  counter?: ts.Node,
): Map<ts.Node, ts.Expression> {
  const passed = new Map<ts.Node, ts.Expression>();
  // `retry(...args)`: which argument lands in which parameter is not written down.
  if (selfCall.arguments.some(ts.isSpreadElement)) return passed;
  fn.parameters.forEach((parameter, index) => {
    const argument = selfCall.arguments[index];
    if (parameter === counter || !argument || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) return;
    if (!isSameParameter(argument, parameter)) passed.set(parameter, argument);
  });
  return passed;
}

/** The new value of `options.sleep` at each attempt, when `options` is passed on changed. */
export type PassedOnProperty =
  /** Passed on unchanged (`{ ...options, retryCount: n + 1 }` for `options.sleep`). */
  | undefined
  /** The property written in the argument: `key` stands for it, `update` computes it. */
  | { key: ts.Node; update: ts.Expression }
  /** Changed in a way we do not follow. */
  | 'untold';

export function passedOnProperty(
  access: ts.PropertyAccessExpression,
  passedOn: ReadonlyMap<ts.Node, ts.Expression> | undefined,
): PassedOnProperty {
  const base = skipOuterExpressions(access.expression);
  if (!passedOn || !ts.isIdentifier(base)) return undefined;
  const binding = findBinding(base.text, base);
  const argument = binding?.kind === 'parameter' ? passedOn.get(binding.declaration) : undefined;
  if (!argument || binding?.kind !== 'parameter') return undefined;
  const literal = objectLiteral(argument);
  if (!literal) return 'untold';
  const name = access.name.text;
  // The last write wins, as in the literal itself.
  for (const property of [...literal.properties].reverse()) {
    if (ts.isSpreadAssignment(property))
      return isSameParameter(property.expression, binding.declaration) ? undefined : 'untold';
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name)
      return { key: property, update: property.name };
    if (property.name && propertyNameText(property.name) === name)
      return ts.isPropertyAssignment(property) ? { key: property, update: property.initializer } : 'untold';
  }
  return 'untold'; // dropped: the next attempt reads undefined
}

/** The literal an argument is, directly or through a `const` declared with one. */
function objectLiteral(argument: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const node = skipOuterExpressions(argument);
  const initializer = ts.isIdentifier(node) ? constInitializer(node) : node;
  const literal = initializer && skipOuterExpressions(initializer);
  return literal && ts.isObjectLiteralExpression(literal) ? literal : undefined;
}

/** `delay` passed as `delay`: the same parameter, unchanged. */
function isSameParameter(expression: ts.Expression, parameter: ts.ParameterDeclaration): boolean {
  const node = skipOuterExpressions(expression);
  if (!ts.isIdentifier(node)) return false;
  const binding = findBinding(node.text, node);
  return binding?.kind === 'parameter' && binding.declaration === parameter;
}
