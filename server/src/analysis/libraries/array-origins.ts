import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { evaluateNumber } from './durations';
import { sum, type FanOutWidth } from './fan-out-width';
import { skipOuterExpressions, type ValueResolver } from './values';

// Where an array variable's items come from when its initializer does not say: the loop that
// fills it with `push`, the `chunk(xs, N)` a `for … of` walks, a `let` reassigned later.

type WidthOf = (expression: ts.Expression) => FanOutWidth;

const UNKNOWN: FanOutWidth = { kind: 'unknown' };

/** `for (const batch of chunk(xs, 50))`: each element is a batch of at most 50. */
export function forOfElementWidth(loop: ts.ForOfStatement, values: ValueResolver): FanOutWidth {
  const source = skipOuterExpressions(loop.expression);
  if (!ts.isCallExpression(source) || source.arguments.length < 2) return UNKNOWN;
  const name = ts.isIdentifier(source.expression)
    ? source.expression.text
    : ts.isPropertyAccessExpression(source.expression)
      ? source.expression.name.text
      : '';
  if (!/^(chunk|chunks|batch|batches|chunkArray|splitEvery)$/i.test(name)) return UNKNOWN;
  const size = evaluateNumber(source.arguments[name === 'splitEvery' ? 0 : 1]!, values, 0);
  return size === undefined ? UNKNOWN : { kind: 'bounded', max: size, why: `a chunk of ${size}` };
}

/**
 * An array filled by `push` after it is declared (`const jobs = []; for (const x of xs) jobs.push(f(x))`)
 * is as wide as the loops that fill it. Undefined when the variable is never pushed to.
 */
export function builtArray(
  declaration: ts.VariableDeclaration,
  name: string,
  widthOf: WidthOf,
): FanOutWidth | undefined {
  const scope = declaration.parent.parent.parent;
  let total: FanOutWidth | undefined;
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === name &&
      /^(push|unshift)$/.test(node.expression.name.text)
    ) {
      const binding = findBinding(name, node.expression.expression);
      if (binding?.kind === 'variable' && binding.declaration === declaration) {
        const each = node.arguments.some(ts.isSpreadElement) ? UNKNOWN : loopWidth(node, scope, widthOf);
        total = sum(
          total ?? { kind: 'bounded', max: 0, why: '' },
          each === 'once' ? { kind: 'bounded', max: node.arguments.length, why: '' } : each,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return total;
}

/** How many times `node` runs per run of `scope`: once, the width of the loop around it, or unknown. */
function loopWidth(node: ts.Node, scope: ts.Node, widthOf: WidthOf): FanOutWidth | 'once' {
  for (let current = node.parent; current && current !== scope; current = current.parent) {
    if (ts.isForOfStatement(current) || ts.isForInStatement(current)) return widthOf(current.expression);
    if (ts.isForStatement(current)) {
      const condition = current.condition;
      if (
        condition &&
        ts.isBinaryExpression(condition) &&
        ts.isPropertyAccessExpression(condition.right) &&
        condition.right.name.text === 'length'
      ) {
        return widthOf(condition.right.expression);
      }
      return UNKNOWN;
    }
    if (ts.isWhileStatement(current) || ts.isDoStatement(current)) return UNKNOWN;
    if (ts.isFunctionLike(current)) {
      const call = current.parent;
      if (
        ts.isCallExpression(call) &&
        ts.isPropertyAccessExpression(call.expression) &&
        /^(forEach|map)$/.test(call.expression.name.text)
      ) {
        return widthOf(call.expression.expression);
      }
      return UNKNOWN;
    }
  }
  return 'once';
}

export function isReassigned(declaration: ts.VariableDeclaration, name: string): boolean {
  if (declaration.parent.flags & ts.NodeFlags.Const) return false;
  const scope = declaration.parent.parent.parent;
  let assigned = false;
  const visit = (node: ts.Node): void => {
    if (assigned) return;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(node.left) &&
      node.left.text === name
    ) {
      assigned = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return assigned;
}
