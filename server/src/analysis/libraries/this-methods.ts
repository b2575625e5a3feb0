import { ts } from '../../typescript';

// `this.wait(ms)` and `this.backoff(attempt)`: a method of the object the calling code runs on.
// Classes (methods, constructors, accessors, arrow-valued fields) and object literals' methods are
// followed; `this` inside a plain `function` is someone else's, and inherited methods are not
// looked up, so those stay unknown.

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
