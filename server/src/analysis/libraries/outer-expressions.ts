import { ts } from '../../typescript';

// What an expression is once the parts that do not change its value are peeled off: parentheses,
// type assertions, and the `(0, fn)` compilers write to call an imported function without a `this`.

export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) ||
        ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) {
      current = current.expression;
    } else if (isIndirection(current)) {
      current = current.right;
    } else {
      return current;
    }
  }
}

/** `(0, fn)`: how compilers call an imported function without a `this`; the value is `fn`. */
function isIndirection(node: ts.Expression): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken && ts.isNumericLiteral(node.left);
}

