import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { skipOuterExpressions } from './outer-expressions';

// Objects merged by a call rather than written as one literal. `{ ...defaults, timeout: 5000 }`
// is a literal with spreads, read as such; the same object built by `Object.assign({}, defaults,
// { timeout: 5000 })`, or by what compilers turn the spread into, is a call. Babel writes
// `_objectSpread(_objectSpread({}, defaults), {}, { timeout: 5000 })`, TypeScript
// `__assign(__assign({}, defaults), { timeout: 5000 })`, SWC `_object_spread(…)`, esbuild
// `__spreadValues(…)`. Every one copies its arguments' own properties left to right into the
// first and returns it: the later argument wins, as the later spread does. Without this, options
// in compiled packages (most of what npm ships) read as "computed at run time" and every
// missing timeout in them went unseen.

/** A call that returns the merge of its arguments' own properties, later ones winning. */
export type MergeCall = ts.CallExpression;

/** Compiler helpers, by the name they are emitted or imported under. */
const MERGE_HELPERS = /^(?:_objectSpread\d*|_objectSpreadProps|_extends|__assign|_object_spread(?:_props)?|__spreadValues|__spreadProps)$/;

export function isMergeCall(call: ts.CallExpression): boolean {
  if (call.arguments.length === 0) return false;
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && isGlobalObject(callee.expression)) return true;
  const name = helperName(callee);
  return name !== undefined && MERGE_HELPERS.test(name);
}

/**
 * The helper's name: `_objectSpread(…)`, `tslib.__assign(…)`, or the binding of an imported
 * helper module (`(0, _objectSpread2.default)(…)` from Babel's runtime, `_object_spread._(…)` from
 * SWC's helpers), whose member is only `default` or `_`.
 */
function helperName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  const member = ts.isPropertyAccessExpression(callee)
    ? callee.name.text
    : ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)
      ? callee.argumentExpression.text
      : undefined;
  if (member === undefined) return undefined;
  if (member !== 'default' && member !== '_') return member;
  const owner = (callee as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
  return ts.isIdentifier(owner) ? owner.text : undefined;
}

/** `Object`, unless the program declares a variable of that name. */
function isGlobalObject(expression: ts.Expression): boolean {
  return ts.isIdentifier(expression) && expression.text === 'Object' && !findBinding('Object', expression);
}
