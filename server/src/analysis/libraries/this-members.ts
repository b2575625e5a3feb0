import { ts } from '../../typescript';
import { isAssignmentOperator, isIncrement, isObjectAssign, isReset, isValueAssignment } from '../sole-assignment';

// What `this.x` is, from the class or object literal the code runs in: a method for
// `this.wait(ms)` and `this.backoff(attempt)` (classes' methods, constructors, accessors and
// arrow-valued fields, object literals' methods; `this` inside a plain `function` is someone
// else's, and inherited methods are not looked up, so those stay unknown), and a field's first
// value (`retries = 0`, or `this.retries = 0` in the constructor, as compiled JavaScript writes it).

type Owner = ts.ClassLikeDeclaration | ts.ObjectLiteralExpression;

/** The method `this.name` calls, when the enclosing class or object literal declares it. */
export function thisMethod(expression: ts.Expression): ts.SignatureDeclaration | undefined {
  if (!ts.isPropertyAccessExpression(expression) || expression.expression.kind !== ts.SyntaxKind.ThisKeyword)
    return undefined;
  const owner = thisOwner(expression);
  if (!owner) return undefined;
  const name = expression.name.text;
  const members: readonly ts.Node[] = ts.isObjectLiteralExpression(owner) ? owner.properties : owner.members;
  for (const member of members) {
    if (!memberNamed(member, name)) continue;
    if (ts.isMethodDeclaration(member)) return member.body ? member : undefined;
    const initializer = ts.isPropertyDeclaration(member) || ts.isPropertyAssignment(member) ? member.initializer : undefined;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) return initializer;
    return undefined;
  }
  return undefined;
}

/** The class or object literal `this` stands for at `node`. */
function thisOwner(node: ts.Node): Owner | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue; // arrows see the enclosing `this`
    if (ts.isClassLike(current)) return current; // a field initializer or a static block
    if (!ts.isFunctionLike(current)) continue;
    const parent = current.parent;
    if (ts.isMethodDeclaration(current) || ts.isConstructorDeclaration(current) || ts.isAccessor(current))
      return ts.isClassLike(parent) || ts.isObjectLiteralExpression(parent) ? parent : undefined;
    // `{ run: function () { this.wait(…) } }`
    if (ts.isFunctionExpression(current) && ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent))
      return parent.parent;
    return undefined;
  }
  return undefined;
}

function memberNamed(member: ts.Node, name: string): boolean {
  const memberName = (member as { name?: ts.Node }).name;
  return (
    memberName !== undefined &&
    (ts.isIdentifier(memberName) || ts.isPrivateIdentifier(memberName) || ts.isStringLiteral(memberName)) &&
    memberName.text === name
  );
}

/** A field's first value: its initializer, or the constructor's top-level `this.name = value`. */
export function fieldInitializer(owner: ts.ClassLikeDeclaration, name: string): ts.Expression | undefined {
  for (const member of owner.members) {
    if (ts.isPropertyDeclaration(member) && member.name.getText() === name && member.initializer) return member.initializer;
    if (!ts.isConstructorDeclaration(member) || !member.body) continue;
    for (const statement of member.body.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, operatorToken, right } = statement.expression;
      if (
        operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(left) &&
        left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        left.name.text === name
      )
        return right;
    }
  }
  return undefined;
}

/** Per class or object literal: each field's one value, or null when it is given more than one. */
const fieldTables = new WeakMap<Owner, Map<string, ts.Expression | null>>();

/**
 * The one value `this.name` holds: a field's initializer or its one assignment (in the constructor,
 * or a lazy `this.client ??= …` anywhere in the class). Undefined when it is assigned in two places,
 * changed (`+=`, `++`), the class hands `this` to `Object.assign`, or `this` is not the class's.
 * Resetting the field to `null` or `undefined` (on close) does not give it another value.
 */
export function thisFieldValue(access: ts.PropertyAccessExpression): ts.Expression | undefined {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = thisOwner(access);
  if (!owner || isStaticContext(access, owner)) return undefined;
  return fieldValues(owner).get(access.name.text) ?? undefined;
}

function fieldValues(owner: Owner): Map<string, ts.Expression | null> {
  let table = fieldTables.get(owner);
  if (table) return table;
  table = new Map();
  const values = table;
  const give = (name: string, value: ts.Expression | null) => values.set(name, values.has(name) ? null : value);
  const members: readonly ts.Node[] = ts.isObjectLiteralExpression(owner) ? owner.properties : owner.members;
  for (const member of members) {
    if (ts.isPropertyAssignment(member) && ts.isObjectLiteralExpression(owner)) {
      const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
      if (name) give(name, member.initializer);
    } else if (
      ts.isPropertyDeclaration(member) &&
      member.initializer &&
      !isStatic(member) &&
      (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name))
    ) {
      give(member.name.text, member.initializer);
    }
  }
  let opaque = false;
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
      const field = ownField(node.left, owner);
      if (field !== undefined) {
        if (!isValueAssignment(node.operatorToken.kind)) give(field, null);
        else if (!isReset(node.right)) give(field, node.right);
      } else if (ts.isArrayLiteralExpression(node.left) || ts.isObjectLiteralExpression(node.left)) {
        poisonFieldsIn(node.left, owner, give);
      }
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncrement(node.operator)) {
      const field = ownField(node.operand, owner);
      if (field !== undefined) give(field, null);
    } else if (ts.isCallExpression(node) && isObjectAssignToThis(node, owner)) {
      opaque = true;
    }
    ts.forEachChild(node, visit);
  };
  for (const member of members) ts.forEachChild(member, visit);
  // `Object.assign(this, options)`: any field may come from there.
  if (opaque) for (const name of [...values.keys()]) values.set(name, null);
  fieldTables.set(owner, values);
  return values;
}

/** `this.name` of this owner's `this` (not a nested plain function's), as a write target. */
function ownField(target: ts.Expression, owner: Owner): string | undefined {
  let node = target;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (!ts.isPropertyAccessExpression(node) || node.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  return thisOwner(node) === owner ? node.name.text : undefined;
}

/** `[this.a, this.b] = pair`, `({ x: this.x } = options)`: each field written there has no one value. */
function poisonFieldsIn(pattern: ts.Node, owner: Owner, give: (name: string, value: null) => void): void {
  const visit = (node: ts.Node): void => {
    const field = ts.isExpression(node) ? ownField(node, owner) : undefined;
    if (field !== undefined) give(field, null);
    else ts.forEachChild(node, visit);
  };
  visit(pattern);
}

function isObjectAssignToThis(call: ts.CallExpression, owner: Owner): boolean {
  const target = call.arguments[0];
  return isObjectAssign(call) && target!.kind === ts.SyntaxKind.ThisKeyword && thisOwner(target!) === owner;
}

function isStatic(member: ts.Node): boolean {
  return ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

/** Inside a static method or static block, `this` is the class itself, not an instance. */
function isStaticContext(node: ts.Node, owner: Owner): boolean {
  for (let current = node.parent; current && current !== owner; current = current.parent) {
    if (ts.isClassStaticBlockDeclaration(current)) return true;
    if (current.parent === owner) return isStatic(current);
  }
  return false;
}
