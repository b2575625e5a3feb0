import { ts } from '../../typescript';
import { thisMethod } from './this-members';
import { skipOuterExpressions, type ValueResolver } from './values';

// The declaration of the function a call runs, where the workspace has it: what rules follow into
// (a wait helper, a mapper, a factory) to judge what the call does.

/**
 * The function an expression names, when the workspace declares it: a function or arrow (here or
 * imported), a method of the class the code is in (`this.toEntity`), a static method of a class
 * (`Mention.create`), or a method of an instance made here (`mention.setSourceMetadata`).
 */
export function namedFunction(expression: ts.Expression, values: ValueResolver): ts.SignatureDeclaration | undefined {
  const node = skipOuterExpressions(expression);
  const method = thisMethod(node);
  if (method) return method;
  const value = values.resolve(node);
  if (value.kind === 'function' && value.path.length === 0) return value.node;
  if (value.path.length !== 1) return undefined;
  if (value.kind === 'class') return classMethod(value.node, value.path[0]!, true);
  if (value.kind === 'new' && value.callee.kind === 'class' && value.callee.path.length === 0)
    return classMethod(value.callee.node, value.path[0]!, false);
  return undefined;
}

/** The class's own method `name` (inherited ones are not looked up), static or not. */
function classMethod(owner: ts.ClassLikeDeclaration, name: string, isStatic: boolean): ts.MethodDeclaration | undefined {
  return owner.members.find(
    (member): member is ts.MethodDeclaration =>
      ts.isMethodDeclaration(member) &&
      member.body !== undefined &&
      (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name)) &&
      member.name.text === name &&
      (ts.getModifiers(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) === isStatic,
  );
}
