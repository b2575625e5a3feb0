import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { evaluateNumber } from './durations';
import type { ValueResolver } from './values';
import { collectNodes, exitsUnconditionally, failurePathStops, isDeadlineCondition, isExit, referencesAny } from './retry-control-flow';

// How many times a hand-rolled retry loop tries: its counters (the for-loop variable, variables
// incremented once a pass), and the bound on them — the loop's condition (`attempt < 5`) or a
// guard in the catch clause (`if (attempt >= maxAttempts) throw error`).

export interface Counter {
  name: string;
  declaration: ts.VariableDeclaration;
  initial: number;
  increments: ts.ExpressionStatement[];
  incrementBefore(node: ts.Node): boolean;
}

/** The for-loop variable and variables incremented once per attempt (`attempt++`, `tries += 1`). */
export function loopCounters(loop: ts.ForStatement | ts.WhileStatement | ts.DoStatement, values: ValueResolver): Counter[] {
  const counters: Counter[] = [];
  const add = (identifier: ts.Identifier, increment?: ts.ExpressionStatement): void => {
    const binding = findBinding(identifier.text, identifier);
    if (binding?.kind !== 'variable' || !ts.isIdentifier(binding.declaration.name)) return;
    const existing = counters.find((counter) => counter.declaration === binding.declaration);
    if (existing) {
      if (increment) existing.increments.push(increment);
      return;
    }
    const initializer = binding.declaration.initializer;
    const initial = initializer ? evaluateNumber(initializer, values, 0) : undefined;
    if (initial === undefined) return;
    const increments = increment ? [increment] : [];
    counters.push({
      name: identifier.text,
      declaration: binding.declaration,
      initial,
      increments,
      incrementBefore: (node) => increments.some((statement) => statement.end <= node.getStart()),
    });
  };
  if (ts.isForStatement(loop) && loop.incrementor) {
    const target = incrementedIdentifier(loop.incrementor);
    if (target) add(target);
  }
  for (const statement of collectNodes(loop.statement, ts.isExpressionStatement) as ts.ExpressionStatement[]) {
    const target = incrementedIdentifier(statement.expression);
    if (target) add(target, statement);
  }
  return counters;
}

/** `x++`, `++x`, `x += 1` → x. Decrements count down to a limit and are not attempt numbers. */
export function incrementedIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  if (
    (ts.isPostfixUnaryExpression(expression) || ts.isPrefixUnaryExpression(expression)) &&
    expression.operator === ts.SyntaxKind.PlusPlusToken &&
    ts.isIdentifier(expression.operand)
  ) {
    return expression.operand;
  }
  if (
    ts.isBinaryExpression(expression) &&
    expression.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken &&
    ts.isIdentifier(expression.left) &&
    ts.isNumericLiteral(expression.right) &&
    expression.right.text === '1'
  ) {
    return expression.left;
  }
  return undefined;
}

export function loopBounds(
  condition: ts.Expression | undefined,
  successFlags: ReadonlySet<string>,
  failurePath: readonly ts.Node[],
  catchClause: ts.CatchClause,
  counters: readonly Counter[],
  values: ValueResolver,
): { attempts: number | undefined; deadline: boolean } {
  const trivial =
    condition === undefined ||
    condition.kind === ts.SyntaxKind.TrueKeyword ||
    (referencesAny(condition, successFlags) && !referencesAny(condition, new Set(counters.map((c) => c.name))));
  if (!trivial) {
    return { attempts: conditionCount(condition!, counters, values), deadline: isDeadlineCondition(condition!) };
  }
  const stop = failurePathStops(failurePath, catchClause);
  if (stop === 'cap') return { attempts: guardCount(catchClause, counters, values), deadline: false };
  if (stop) return { attempts: undefined, deadline: true };
  return { attempts: Infinity, deadline: false };
}

/**
 * The tries a guard in the catch clause allows: `if (attempt >= maxAttempts) throw error` with a
 * counter the loop increments once per pass. The guard sees the counter's initial value on the
 * first failure, one more when the increment comes before it.
 */
function guardCount(catchClause: ts.CatchClause, counters: readonly Counter[], values: ValueResolver): number | undefined {
  for (const guard of catchClause.block.statements) {
    if (!ts.isIfStatement(guard) || guard.elseStatement) continue;
    const then = guard.thenStatement;
    if (!(ts.isBlock(then) ? exitsUnconditionally(then) : isExit(then))) continue;
    // `if (fatal(error) || attempt === max) throw error`: the other disjuncts can only stop earlier.
    const comparison = disjuncts(guard.expression)
      .map((part) => counterComparison(part, counters, values))
      .find((found) => found !== undefined);
    if (!comparison) continue;
    const { counter, operator, limit } = comparison;
    const seenFirst = counter.initial + (counter.incrementBefore(guard) ? 1 : 0);
    // The pass on which the guard first holds is the last try.
    let lastPass: number | undefined;
    if (operator === ts.SyntaxKind.GreaterThanEqualsToken || operator === ts.SyntaxKind.EqualsEqualsEqualsToken)
      lastPass = limit - seenFirst;
    else if (operator === ts.SyntaxKind.GreaterThanToken) lastPass = limit - seenFirst + 1;
    if (lastPass !== undefined) return Math.max(1, lastPass + 1);
  }
  return undefined;
}

/** The operands of an `||` chain (parentheses looked through); the expression itself otherwise. */
function disjuncts(expression: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(expression)) return disjuncts(expression.expression);
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    return [...disjuncts(expression.left), ...disjuncts(expression.right)];
  }
  return [expression];
}

/** `i < N` / `i <= N` / `N > i` with a counter starting at a constant: the number of tries. */
function conditionCount(
  condition: ts.Expression,
  counters: readonly Counter[],
  values: ValueResolver,
): number | undefined {
  if (!ts.isBinaryExpression(condition)) return undefined;
  // `attempt < 3 && !closing`: the count comes from the comparison, the rest can only stop earlier.
  if (condition.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return conditionCount(condition.left, counters, values) ?? conditionCount(condition.right, counters, values);
  }
  const comparison = counterComparison(condition, counters, values);
  if (!comparison) return undefined;
  const { counter, operator, limit } = comparison;
  if (operator === ts.SyntaxKind.LessThanToken) return Math.max(0, limit - counter.initial);
  if (operator === ts.SyntaxKind.LessThanEqualsToken) return Math.max(0, limit - counter.initial + 1);
  return undefined;
}

/** The operator seen from the other side: `N > i` is `i < N`. */
const MIRRORED: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
  [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken,
  [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.LessThanToken,
  [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
  [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.LessThanEqualsToken,
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: ts.SyntaxKind.EqualsEqualsEqualsToken,
};

/**
 * A comparison of one of the loop's counters with a finite constant, written with the counter on
 * the left (`attempt < 5`, `3 <= tries` → `tries >= 3`); undefined for anything else.
 */
function counterComparison(
  condition: ts.Expression,
  counters: readonly Counter[],
  values: ValueResolver,
): { counter: Counter; operator: ts.SyntaxKind | undefined; limit: number } | undefined {
  if (!ts.isBinaryExpression(condition)) return undefined;
  const written = condition.operatorToken.kind;
  const [counterSide, limitSide, operator] = ts.isIdentifier(condition.left)
    ? [condition.left, condition.right, written]
    : [condition.right, condition.left, MIRRORED[written]];
  if (!ts.isIdentifier(counterSide)) return undefined;
  const counter = counters.find((candidate) => candidate.name === counterSide.text);
  const limit = evaluateNumber(limitSide, values, 0) ?? parameterDefault(limitSide, values);
  if (!counter || limit === undefined || !Number.isFinite(limit)) return undefined;
  return { counter, operator, limit };
}

/**
 * A limit that is a parameter of the enclosing function counts as its default
 * (`fetchWithRetry(url, maxRetries = 3)`), as the delay of the same loop does (delay-expressions.ts).
 */
function parameterDefault(limit: ts.Expression, values: ValueResolver): number | undefined {
  if (!ts.isIdentifier(limit)) return undefined;
  const binding = findBinding(limit.text, limit);
  const initializer = binding?.kind === 'parameter' ? binding.declaration.initializer : undefined;
  return initializer ? evaluateNumber(initializer, values, 0) : undefined;
}
