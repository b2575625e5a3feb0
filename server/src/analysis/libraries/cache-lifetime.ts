import { ts } from '../../typescript';
import { isInside } from '../scope';

// How long an in-process cache lives, when it is created inside a function rather than at module
// level. One created in the function that reads it lives for one call, whose reads and writes run
// one after another: no two callers can miss it together. One created in a factory around that
// function (`makeGetter() { const cache = new Map(); return async (key) => … }`) lives as long
// as what the factory returns: per call when every call of the factory in the module is made
// inside a function body (`applyTaxes() { const get = this.makeGetter(); … }`), but shared by
// all requests when the factory runs at module level or in a constructor, when its result is
// stored on an object (`this.get = this.makeGetter()`), or when no call of it is visible
// (exported, called from elsewhere).

/** Whether a cache created at `creation` lives no longer than one call, as seen from `reader`. */
export function livesForOneCall(creation: ts.Node, reader: ts.SignatureDeclaration): boolean {
  if (isInside(creation, reader)) return true;
  const factory = functionAround(creation);
  if (!factory || !isInside(reader, factory)) return false;
  const name = factoryName(factory);
  if (!name) return false;
  const calls = callsOf(name, factory.getSourceFile()).filter((call) => !isInside(call, factory));
  return (
    calls.length > 0 &&
    calls.every((call) => {
      const caller = functionAround(call);
      return caller !== undefined && !ts.isConstructorDeclaration(caller) && !storedOnObject(call);
    })
  );
}

/** `this.getRate = this.makeGetter()`: kept beyond the call that made it. */
function storedOnObject(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === call &&
    (ts.isPropertyAccessExpression(parent.left) || ts.isElementAccessExpression(parent.left))
  );
}

function functionAround(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
    // A class field's initializer runs once per instance: as long-lived as the instance.
    if (ts.isPropertyDeclaration(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

/** `function makeGetter`, a method `makeGetter() {}`, or `const makeGetter = () => …`. */
function factoryName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) {
    return fn.name.text;
  }
  const parent = fn.parent;
  if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    ts.isVariableDeclaration(parent) &&
    ts.isIdentifier(parent.name)
  ) {
    return parent.name.text;
  }
  return undefined;
}

/** Calls of `name(…)` or `x.name(…)` in the file. */
function callsOf(name: string, sourceFile: ts.SourceFile): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (
        (ts.isIdentifier(callee) && callee.text === name) ||
        (ts.isPropertyAccessExpression(callee) && callee.name.text === name)
      ) {
        calls.push(node);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (sourceFile.text.includes(name)) visit(sourceFile);
  return calls;
}
