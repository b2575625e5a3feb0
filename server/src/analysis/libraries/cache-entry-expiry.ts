import { ts } from '../../typescript';
import { constInitializer } from '../scope';
import { skipOuterExpressions } from './values';
import type { CacheAside } from './cache-aside';

// A cache that never expires by itself (a `Map`) can still expire by the code reading it: the
// entry keeps a time, and the read treats an old one as a miss (`if (cached && cached.expiresAt >
// now) return cached.value`, or its age: `Date.now() - cached.fetchedAt < TTL_MS`). Then the TTL is the code's, decided at run time, not "never".

/** Whether the code between the read and the write compares a field of the read entry with the clock. */
export function checksEntryExpiry(aside: CacheAside): boolean {
  const entry = readVariable(aside.read.call);
  if (!entry) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.pos >= aside.write.call.pos) return;
    if (ts.isBinaryExpression(node) && isComparison(node.operatorToken.kind)) {
      const sides = [node.left, node.right];
      found =
        (sides.some((side) => isEntryField(side, entry)) && sides.some(isClockReading)) ||
        sides.some((side) => isEntryAge(side, entry));
    }
    ts.forEachChild(node, visit);
  };
  const body = (aside.fn as { body?: ts.Node }).body;
  if (body) ts.forEachChild(body, visit);
  return found;
}

/** `const cached = cache.get(key)` (or `await …`): the variable's name. */
function readVariable(call: ts.CallExpression): string | undefined {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const declaration = node.parent;
  return ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
}

function isEntryField(expression: ts.Expression, entry: string): boolean {
  const node = skipOuterExpressions(expression);
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
  const owner = skipOuterExpressions(node.expression);
  return ts.isIdentifier(owner) && owner.text === entry;
}

/** `Date.now() - cached.fetchedAt`: how old the entry is, to be compared with a TTL. */
function isEntryAge(expression: ts.Expression, entry: string): boolean {
  const node = skipOuterExpressions(expression);
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.MinusToken) return false;
  return (
    (isClockReading(node.left) && isEntryField(node.right, entry)) ||
    (isEntryField(node.left, entry) && isClockReading(node.right))
  );
}

/** `Date.now()`, `performance.now()`, `new Date()`, `+new Date()`, or a const holding one. */
function isClockReading(expression: ts.Expression): boolean {
  let node = skipOuterExpressions(expression);
  if (ts.isIdentifier(node)) node = constInitializer(node) ?? node;
  if (ts.isPrefixUnaryExpression(node)) node = node.operand;
  if (ts.isNewExpression(node)) return ts.isIdentifier(node.expression) && node.expression.text === 'Date';
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const { expression: owner, name } = node.expression;
  return name.text === 'now' && ts.isIdentifier(owner) && (owner.text === 'Date' || owner.text === 'performance');
}

function isComparison(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.LessThanToken ||
    kind === ts.SyntaxKind.LessThanEqualsToken ||
    kind === ts.SyntaxKind.GreaterThanToken ||
    kind === ts.SyntaxKind.GreaterThanEqualsToken
  );
}
