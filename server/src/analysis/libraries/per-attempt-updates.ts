import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { isAssignmentOperator } from '../sole-assignment';

// What changes from one attempt to the next inside a retry loop besides the counter: variables
// reassigned per attempt (`delay = Math.min(delay * 2, MAX)`, `delayMs *= 2`), properties of an
// object literal kept in a variable (`obj.backoffMs *= 2`), and properties assigned there. The
// delay evaluator replays these updates once per wait.

/** A state the updates change: a variable, or a property of an object literal held in one. */
export type UpdatedState = ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyAssignment;

/** `x * 2` (or `obj.x * 2`) in x's own update: growth by multiplication, i.e. exponential. */
export function isSelfMultiplication(update: ts.Expression, state: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.AsteriskToken &&
      [node.left, node.right].some((side) => stateOf(side) === state)
    )
      found = true;
    ts.forEachChild(node, visit);
  };
  visit(update);
  return found;
}

/**
 * The state an expression reads or writes: the variable (or parameter) `x` names, or for `obj.x` the property
 * `x: …` of the object literal `obj` was declared with (`const obj = { backoffMs: 0 }`).
 */
export function stateOf(expression: ts.Node): UpdatedState | undefined {
  if (ts.isIdentifier(expression)) {
    const binding = findBinding(expression.text, expression);
    if (binding?.kind === 'variable') return ts.isVariableDeclaration(binding.node) ? binding.declaration : undefined;
    // `function send(body, delay) { … delay *= 2 }`: a parameter updated like a variable.
    return binding?.kind === 'parameter' && ts.isIdentifier(binding.declaration.name) ? binding.declaration : undefined;
  }
  if (!ts.isPropertyAccessExpression(expression) || !ts.isIdentifier(expression.expression)) return undefined;
  const holder = stateOf(expression.expression);
  const literal = holder && ts.isVariableDeclaration(holder) ? holder.initializer : undefined;
  if (!literal || !ts.isObjectLiteralExpression(literal)) return undefined;
  const name = expression.name.text;
  return literal.properties.find(
    (property): property is ts.PropertyAssignment =>
      ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === name,
  );
}

/**
 * Variables assigned inside the per-attempt scope (other than the attempt counters), each with its
 * updates in order: `delay = delay * 2; if (delay > MAX) delay = MAX;` replays as `delay * 2`, then
 * `delay > MAX ? MAX : delay`. An update under an `if` that does not also hold the wait (at
 * `waitAt`) is conditional: a lone `if (c) x = e` replays as `c ? e : x` (opaque when `c` cannot
 * be evaluated); anything more tangled replays as opaque, so the schedule is left untold rather
 * than told wrong.
 */
export function collectMutations(
  scope: ts.Node,
  counters: ReadonlySet<ts.Node>,
  waitAt: number,
): Map<ts.Node, ts.Expression[]> {
  const found = new Map<ts.Node, ts.Expression[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
      const state = stateOf(node.left);
      if (state && !counters.has(state)) {
        // Declared inside the scope and reassigned there: a branch we do not follow (opaque).
        const inside = state.pos >= scope.pos && state.end <= scope.end;
        const updates = found.get(state) ?? [];
        updates.push(inside ? node : placedUpdate(node, scope, waitAt));
        found.set(state, updates);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

/** The update as it applies on the way to the wait: as is, under one `if` (`c ? e : x`), or opaque. */
function placedUpdate(assignment: ts.BinaryExpression, scope: ts.Node, waitAt: number): ts.Expression {
  const update = asUpdate(assignment);
  if (!ts.isExpressionStatement(assignment.parent)) return assignment; // inside a larger expression
  let condition: ts.Expression | undefined;
  for (let node: ts.Node = assignment.parent; node !== scope; node = node.parent) {
    const parent = node.parent;
    if (!parent) return assignment;
    const holdsWait = parent.pos <= waitAt && waitAt < parent.end;
    if (holdsWait || ts.isBlock(parent) || ts.isCatchClause(parent) || ts.isTryStatement(parent)) continue;
    if (ts.isIfStatement(parent) && parent.thenStatement === node && !parent.elseStatement && !condition) {
      condition = parent.expression;
      continue;
    }
    return assignment; // an else branch, a loop, a switch: not followed
  }
  if (!condition) return update;
  const synthetic = ts.factory.createConditionalExpression(
    condition,
    ts.factory.createToken(ts.SyntaxKind.QuestionToken),
    update,
    ts.factory.createToken(ts.SyntaxKind.ColonToken),
    assignment.left,
  );
  (synthetic as { parent: ts.Node }).parent = assignment.parent;
  return synthetic;
}

/** `x *= 2` → `x * 2` (as a synthetic expression reading the same nodes); `x = e` → `e`. */
function asUpdate(assignment: ts.BinaryExpression): ts.Expression {
  const operators: Partial<Record<ts.SyntaxKind, ts.BinaryOperator>> = {
    [ts.SyntaxKind.AsteriskEqualsToken]: ts.SyntaxKind.AsteriskToken,
    [ts.SyntaxKind.PlusEqualsToken]: ts.SyntaxKind.PlusToken,
    [ts.SyntaxKind.MinusEqualsToken]: ts.SyntaxKind.MinusToken,
  };
  if (assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) return assignment.right;
  const operator = operators[assignment.operatorToken.kind];
  if (operator === undefined) return assignment; // evaluates as opaque
  const synthetic = ts.factory.createBinaryExpression(assignment.left, operator, assignment.right);
  (synthetic as { parent: ts.Node }).parent = assignment.parent;
  return synthetic;
}

export function assignedInScope(target: ts.PropertyAccessExpression, scope: ts.Node | undefined): boolean {
  if (!scope) return false;
  const text = target.getText();
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind) && node.left.getText() === text)
      found = true;
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}
