import { ts } from '../../typescript';
import { skipOuterExpressions } from './values';

/**
 * The name a call is made by: `load()` → `load`, `api.get()` → `get`, and as compilers write them,
 * `(0, api_1.get)()` → `get`, `_got["default"]()` → `default`; undefined for any other callee.
 */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return callee.argumentExpression.text;
  }
  return undefined;
}
