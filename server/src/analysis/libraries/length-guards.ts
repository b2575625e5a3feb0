import { ts } from '../../typescript';
import { evaluateNumber } from './durations';
import { exitsUnconditionally } from './retry-control-flow';
import type { ValueResolver } from './values';

// A collection checked against a limit before it is used: `if (ids.length > MAX) throw …` (or
// `return`) earlier in the same function. Past the guard, the collection holds at most MAX items,
// whatever it came from, and so does anything `filter`/`map` make of it. The limit need not be a
// constant (`this.config.segmentsLimit`): someone chose it, so the width is bounded.

/** The guard that caps `expression` where it is used, if one precedes it in its function. */
export function lengthGuard(
  expression: ts.Expression,
  values: ValueResolver,
): { max: number | undefined; why: string } | undefined {
  const target = expression.getText();
  for (let node: ts.Node = expression; node.parent && !ts.isFunctionLike(node); node = node.parent) {
    const container = node.parent;
    const statements = ts.isBlock(container) || ts.isSourceFile(container) ? container.statements : undefined;
    if (!statements) continue;
    for (const statement of statements) {
      if (statement === node) break;
      const limit = guardLimit(statement, target);
      if (limit) {
        const max = evaluateNumber(limit, values, 0);
        return {
          max: max !== undefined && Number.isFinite(max) ? max : undefined,
          why: `\`${target}.length\` is checked against \`${limit.getText()}\``,
        };
      }
    }
  }
  return undefined;
}

/** `if (T.length > E) throw|return`, also `>=`, `E < T.length` and as one of several `||` tests: E. */
function guardLimit(statement: ts.Statement, target: string): ts.Expression | undefined {
  if (!ts.isIfStatement(statement) || !exits(statement.thenStatement)) return undefined;
  for (const test of disjuncts(statement.expression)) {
    if (!ts.isBinaryExpression(test)) continue;
    const operator = test.operatorToken.kind;
    if (operator === ts.SyntaxKind.GreaterThanToken || operator === ts.SyntaxKind.GreaterThanEqualsToken) {
      if (isLengthOf(test.left, target)) return test.right;
    } else if (operator === ts.SyntaxKind.LessThanToken || operator === ts.SyntaxKind.LessThanEqualsToken) {
      if (isLengthOf(test.right, target)) return test.left;
    }
  }
  return undefined;
}

function disjuncts(condition: ts.Expression): ts.Expression[] {
  const node = ts.isParenthesizedExpression(condition) ? condition.expression : condition;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    return [...disjuncts(node.left), ...disjuncts(node.right)];
  }
  return [node];
}

function isLengthOf(node: ts.Expression, target: string): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'length' && node.expression.getText() === target;
}

function exits(statement: ts.Statement): boolean {
  if (ts.isBlock(statement)) return exitsUnconditionally(statement);
  return ts.isThrowStatement(statement) || ts.isReturnStatement(statement);
}
