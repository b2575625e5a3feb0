import { ts } from '../typescript';

/**
 * The expression a function returns, when it has exactly one `return` (not counting nested
 * functions') or is an arrow with an expression body: `() => 1000`, `function () { return m_1.x; }`.
 */
export function returnedExpression(fn: ts.SignatureDeclaration): ts.Expression | undefined {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  const returns: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node)) returns.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returns.length === 1 ? returns[0]!.expression : undefined;
}
