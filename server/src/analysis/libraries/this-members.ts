import { ts } from '../../typescript';

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
  return memberName !== undefined && (ts.isIdentifier(memberName) || ts.isStringLiteral(memberName)) && memberName.text === name;
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
