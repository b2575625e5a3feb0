import { ts } from '../../typescript';

/** The name a call is made by: `load()` → `load`, `api.get()` → `get`; undefined for any other callee. */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}
