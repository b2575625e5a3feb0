import { ts } from '../../typescript';
import type { ValueResolver } from './values';
import { findBinding } from '../scope';

// Reads a duration option (milliseconds) the way a person would: through named constants and
// simple arithmetic (`5 * 1000`), so that a hover can say "timeout 5000 ms" and a rule can tell
// "0 = disabled" from "set to something we cannot compute".

export type Duration =
  | { kind: 'ms'; ms: number }
  /** Explicitly disabled: `0`, `Infinity` or `null`, which the libraries read as "no timeout". */
  | { kind: 'disabled'; text: string }
  /** Present but computed at run time (a config value, a function call). */
  | { kind: 'dynamic'; text: string };

const MAX_DEPTH = 8;

export function readDuration(expression: ts.Expression, values: ValueResolver): Duration {
  const number = evaluateNumber(expression, values, 0);
  const text = expression.getText();
  if (number === undefined) {
    if (expression.kind === ts.SyntaxKind.NullKeyword) return { kind: 'disabled', text };
    return { kind: 'dynamic', text };
  }
  if (number <= 0 || !Number.isFinite(number)) return { kind: 'disabled', text };
  return { kind: 'ms', ms: number };
}

/** Constant-folds numeric expressions through `const` bindings; undefined when not constant. */
export function evaluateNumber(expression: ts.Expression, values: ValueResolver, depth: number): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipParentheses(expression);
  if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ''));
  if (ts.isPrefixUnaryExpression(node)) {
    const operand = evaluateNumber(node.operand, values, depth + 1);
    if (operand === undefined) return undefined;
    if (node.operator === ts.SyntaxKind.MinusToken) return -operand;
    if (node.operator === ts.SyntaxKind.PlusToken) return operand;
    return undefined;
  }
  if (ts.isBinaryExpression(node)) {
    const left = evaluateNumber(node.left, values, depth + 1);
    const right = evaluateNumber(node.right, values, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken: return left + right;
      case ts.SyntaxKind.MinusToken: return left - right;
      case ts.SyntaxKind.AsteriskToken: return left * right;
      case ts.SyntaxKind.SlashToken: return right === 0 ? undefined : left / right;
      case ts.SyntaxKind.AsteriskAsteriskToken: return left ** right;
      default: return undefined;
    }
  }
  if (ts.isIdentifier(node)) {
    const binding = findBinding(node.text, node);
    if (!binding) return node.text === 'Infinity' ? Infinity : undefined;
    // Only `const`: a `let` may be reassigned (a loop counter is not a constant).
    const isConst = binding.kind === 'variable' && (binding.declaration.parent.flags & ts.NodeFlags.Const) !== 0;
    if (isConst && ts.isVariableDeclaration(binding.node) && binding.declaration.initializer) {
      return evaluateNumber(binding.declaration.initializer, values, depth + 1);
    }
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    // Imported constants and `Number.POSITIVE_INFINITY`.
    const value = values.resolve(node);
    if (value.kind === 'global' && value.name === 'Number' && value.path[0] === 'POSITIVE_INFINITY') return Infinity;
    if (value.kind === 'literal' && value.path.length === 0 && value.node !== node) {
      return evaluateNumber(value.node, values, depth + 1);
    }
  }
  return undefined;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
