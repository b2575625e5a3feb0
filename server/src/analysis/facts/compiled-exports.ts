import { ts } from '../../typescript';
import { isExportsObject, isRequireCall, type SourceFacts } from './source-facts';
import { returnedExpression } from '../returned-expression';

// What TypeScript's (and Babel's) CommonJS output says about a module's exports beyond
// `exports.x = …`: a re-export is a getter, `Object.defineProperty(exports, "x", { enumerable:
// true, get: function () { return m_1.x; } })`, and `export * from './m'` becomes
// `__exportStar(require("./m"), exports)` (`tslib_1.__exportStar`, or `__export(require(…))` before
// TypeScript 3.9). Without them a compiled barrel exports nothing we can follow.

/** Reads one top-level statement of a compiled module into the file's facts. */
export function collectCompiledExport(statement: ts.Statement, facts: SourceFacts): void {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return;
  const call = statement.expression;
  const name = calledName(call.expression);
  if (name === 'defineProperty') return collectGetter(call, facts);
  if (name === '__exportStar' || name === '__export') {
    const required = call.arguments[0];
    if (required && isRequireCall(required)) facts.starExports.push(required.arguments[0].text);
  }
}

function collectGetter(call: ts.CallExpression, facts: SourceFacts): void {
  const [target, key, descriptor] = call.arguments;
  if (!target || !isExportsObject(target) || !key || !ts.isStringLiteralLike(key) || key.text === '__esModule') return;
  if (!descriptor || !ts.isObjectLiteralExpression(descriptor)) return;
  for (const property of descriptor.properties) {
    const getter = getterFunction(property);
    const returned = getter && returnedExpression(getter);
    if (returned) facts.exports.set(key.text, { kind: 'expression', expression: returned });
  }
}

/** `get: function () { … }`, `get: () => …` or `get() { … }`. */
function getterFunction(property: ts.ObjectLiteralElementLike): ts.FunctionLikeDeclaration | undefined {
  if (!property.name || !ts.isIdentifier(property.name) || property.name.text !== 'get') return undefined;
  if (ts.isMethodDeclaration(property)) return property;
  if (!ts.isPropertyAssignment(property)) return undefined;
  const value = property.initializer;
  return ts.isFunctionExpression(value) || ts.isArrowFunction(value) ? value : undefined;
}

function calledName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}
