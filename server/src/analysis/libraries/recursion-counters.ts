import { ts } from '../../typescript';
import { collectNodes, failurePathStops, isDeadlineCondition } from './retry-control-flow';
import type { Callable } from './retry-recursion';
import { fieldInitializer } from './this-members';

// How a recursive retry counts its tries: a parameter passed on as `attempt + 1`, or a field
// counted up on the failure path (`this.retries++`), and how many tries the guard on that counter
// allows (`if (attempt >= 5) throw err`, `if (this.retries < this.maxRetries) { … }`).

/** The attempt counter of a recursion: a parameter passed on as `p + 1`, or a field counted up. */
export interface Counter {
  /** As written where it is read: `attempt`, `this.retries`. */
  text: string;
  /** Its value on the first call. */
  initial: number;
  parameter?: ts.ParameterDeclaration;
  /** A field's increment on the failure path. */
  increment?: ts.Expression;
}

/** Counts above this are read as unknown (the guard is then not a plain attempt limit). */
const MAX_COUNTED_TRIES = 1000;

/** A parameter passed on as `p + 1` in the self-call: the attempt counter, with its starting value. */
export function recursionCounter(fn: Callable, selfCall: ts.CallExpression): Counter | undefined {
  for (const [index, argument] of selfCall.arguments.entries()) {
    const parameter = fn.parameters[index];
    if (!parameter || !ts.isIdentifier(parameter.name) || !ts.isBinaryExpression(argument)) continue;
    const isPlusOne =
      argument.operatorToken.kind === ts.SyntaxKind.PlusToken &&
      ts.isIdentifier(argument.left) &&
      argument.left.text === parameter.name.text &&
      ts.isNumericLiteral(argument.right) &&
      argument.right.text === '1'; // `delay + 500` grows a wait, it counts nothing
    if (!isPlusOne) continue;
    const initial =
      parameter.initializer && ts.isNumericLiteral(parameter.initializer) ? Number(parameter.initializer.text) : 0;
    return { text: parameter.name.text, parameter, initial };
  }
  return undefined;
}

/**
 * A field counted up on the failure path (`this.retries++; await this.wait(1000 * this.retries);
 * return this.execute()`), with its initial value in the class (0 when not found).
 */
export function fieldCounter(fn: Callable, failurePath: ts.Block): Counter | undefined {
  const increment = (collectNodes(failurePath, (node) => fieldIncrement(node) !== undefined) as ts.Expression[])[0];
  const target = increment && fieldIncrement(increment);
  if (!target) return undefined;
  const initial = ts.isClassLike(fn.parent) ? fieldInitialValue(fn.parent, target.name.text) : undefined;
  return { text: target.getText(), initial: initial ?? 0, increment };
}

/** `3`, or `this.maxRetries` set to 3 in the class. */
function numericLimit(expression: ts.Expression, at: ts.Node): number | undefined {
  if (ts.isNumericLiteral(expression)) return Number(expression.text);
  if (!ts.isPropertyAccessExpression(expression) || expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  let owner: ts.Node | undefined = at.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  return owner ? fieldInitialValue(owner, expression.name.text) : undefined;
}

/** `this.x++`, `++this.x`, `this.x += 1`: the field counted. */
function fieldIncrement(node: ts.Node): ts.PropertyAccessExpression | undefined {
  let target: ts.Expression | undefined;
  if ((ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) && node.operator === ts.SyntaxKind.PlusPlusToken)
    target = node.operand;
  else if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken &&
    ts.isNumericLiteral(node.right) &&
    node.right.text === '1'
  )
    target = node.left;
  return target && ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword
    ? target
    : undefined;
}

/** `x = 0` as a field, or `this.x = 0` in the constructor. */
function fieldInitialValue(owner: ts.ClassLikeDeclaration, name: string): number | undefined {
  const initializer = fieldInitializer(owner, name);
  return initializer && ts.isNumericLiteral(initializer) ? Number(initializer.text) : undefined;
}

/** Infinity when nothing stops the recursion; -1 when something does (count unknown); or the count. */
export function recursionCap(fn: Callable, catchClause: ts.CatchClause, counter: Counter | undefined): number {
  const body = fn.body;
  if (!body) return -1;
  if (counter) {
    const mentions = new RegExp(`(^|[^\\w$.])${counter.text.replace(/[.$]/g, '\\$&')}\\b`);
    const guard = (collectNodes(body, ts.isIfStatement) as ts.IfStatement[]).find((node) =>
      mentions.test(node.expression.getText()),
    );
    if (guard) return triesAllowed(guard, catchClause, counter) ?? -1;
  }
  const stops = failurePathStops([catchClause.block], catchClause);
  return stops ? -1 : Infinity;
}

/**
 * Tries the guard on the counter allows: `attempt >= 5` / `attempt > 4` give up, `attempt < 5` /
 * `attempt <= 4` go on. A guard in the catch clause is passed once per failure (tries = retries
 * + 1); one before the try, once per call (tries = calls that pass it).
 */
function triesAllowed(guard: ts.IfStatement, catchClause: ts.CatchClause, counter: Counter): number | undefined {
  const condition = guard.expression;
  if (isDeadlineCondition(condition) || !ts.isBinaryExpression(condition)) return undefined;
  const left = condition.left;
  const isCounter = (ts.isIdentifier(left) || ts.isPropertyAccessExpression(left)) && left.getText() === counter.text;
  const limit = isCounter ? numericLimit(condition.right, guard) : undefined;
  if (limit === undefined) return undefined;
  const goesOn: Record<number, (value: number) => boolean> = {
    [ts.SyntaxKind.GreaterThanEqualsToken]: (value) => value < limit,
    [ts.SyntaxKind.GreaterThanToken]: (value) => value <= limit,
    [ts.SyntaxKind.LessThanToken]: (value) => value < limit,
    [ts.SyntaxKind.LessThanEqualsToken]: (value) => value <= limit,
  };
  const passes = goesOn[condition.operatorToken.kind];
  if (!passes) return undefined;
  const inCatch = guard.pos >= catchClause.pos && guard.end <= catchClause.end;
  const incrementedBefore = counter.increment !== undefined && inCatch && counter.increment.end <= guard.getStart();
  const first = counter.initial + (incrementedBefore ? 1 : 0);
  let passing = 0;
  while (passes(first + passing)) if (++passing > MAX_COUNTED_TRIES) return undefined;
  return inCatch ? passing + 1 : passing;
}
