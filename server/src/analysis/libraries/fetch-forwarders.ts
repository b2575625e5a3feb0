import { ts } from '../../typescript';
import { findBinding, isMemberName } from '../scope';
import { isGlobalFetch } from './fetch';
import type { ValueResolver } from './values';

// A fetch forwarder is the thinnest of wrappers: `(url, init) => fetch(url, init)`, or one that
// spreads the caller's options and adds headers. It sets no signal of its own, so the caller's
// options decide whether the request can hang, and the wrapper's own `fetch` cannot be judged.
// Recognising the shape lets the rule judge each call of the wrapper instead: `api('/users')`
// is a fetch without a timeout, one module away.

export interface FetchForwarder {
  /** Which argument of a call to the wrapper becomes fetch's options. */
  initIndex: number;
  /** The parameter's name, for messages. */
  parameterName: string;
}

const FORWARDER = Symbol('fetchForwarder');

/**
 * A necessary condition on a module's text: a fetch call whose options are a name or start with a
 * spread. No `\s*` before the URL: the class after it matches whitespace too, and the two
 * quantifiers splitting a long run between them made the test quadratic in the run's length.
 */
export const MAY_FORWARD_FETCH = /\bfetch\([^,()]+,\s*(?:[\w$]+\s*\)|\{\s*\.\.\.)/;

/** The forwarder `fn` is, or undefined; memoised per analysis. */
export function fetchForwarder(fn: ts.SignatureDeclaration, values: ValueResolver): FetchForwarder | undefined {
  return values.memo(FORWARDER, fn, () => recognise(fn, values));
}

function recognise(fn: ts.SignatureDeclaration, values: ValueResolver): FetchForwarder | undefined {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return undefined;
  // Only the body's own text: an `indexOf` from the body on ran to the end of the file for every
  // function without `fetch`, quadratic in a large module.
  if (!body.getSourceFile().text.substring(body.pos, body.end).includes('fetch')) return undefined;
  const calls = fetchCallsIn(body, values);
  if (calls.length !== 1) return undefined;
  const call = calls[0]!;
  if (!resultOnlyAwaitedOrReturned(call, body)) return undefined;
  const init = call.arguments[1];
  if (!init) return undefined;
  const parameter = forwardedParameter(init, fn);
  if (!parameter || !usedOnlyToForward(parameter, body, init)) return undefined;
  return { initIndex: fn.parameters.indexOf(parameter), parameterName: (parameter.name as ts.Identifier).text };
}

/** Calls of the global fetch in `body`, not counting nested functions (they run at other times). */
function fetchCallsIn(body: ts.Node, values: ValueResolver): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node) && isFetchName(node.expression) && isGlobalFetch(values.resolve(node.expression))) {
      found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  if (ts.isBlock(body)) ts.forEachChild(body, visit);
  else visit(body);
  return found;
}

function isFetchName(callee: ts.Expression): boolean {
  return (ts.isIdentifier(callee) && callee.text === 'fetch') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch');
}

/**
 * The wrapper returns the response (or awaits it): its promise is not handed to something that
 * might bound it, such as `pTimeout(fetch(url, init), 5000)` or a retry helper.
 */
function resultOnlyAwaitedOrReturned(call: ts.CallExpression, body: ts.Node): boolean {
  for (let node: ts.Node = call; node !== body; node = node.parent) {
    const parent = node.parent;
    if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent)) continue;
    if (ts.isReturnStatement(parent) || ts.isExpressionStatement(parent)) return true;
    return ts.isVariableDeclaration(parent) && parent.initializer === node;
  }
  return true; // the arrow function's expression body is the call
}

/** `init` itself, or `{ ...init, headers }` with no `signal` of the wrapper's own: the parameter it forwards. */
function forwardedParameter(init: ts.Expression, fn: ts.SignatureDeclaration): ts.ParameterDeclaration | undefined {
  if (ts.isIdentifier(init)) return ownParameter(init, fn);
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  let spread: ts.ParameterDeclaration | undefined;
  for (const property of init.properties) {
    if (ts.isSpreadAssignment(property)) {
      if (spread || !ts.isIdentifier(property.expression)) return undefined;
      spread = ownParameter(property.expression, fn);
      if (!spread) return undefined;
    } else if (!property.name || !ts.isIdentifier(property.name) || property.name.text === 'signal') {
      return undefined; // a signal of its own, or a computed name that might be one
    }
  }
  return spread;
}

/** The parameter of `fn` that `identifier` names (a plain name, no default value), if it is one. */
function ownParameter(identifier: ts.Identifier, fn: ts.SignatureDeclaration): ts.ParameterDeclaration | undefined {
  const binding = findBinding(identifier.text, identifier);
  if (binding?.kind !== 'parameter') return undefined;
  const parameter = binding.declaration;
  if (parameter.parent !== fn || !ts.isIdentifier(parameter.name) || parameter.initializer || parameter.dotDotDotToken) {
    return undefined;
  }
  return parameter;
}

/** Besides being forwarded, the parameter is only read from (`init?.headers`), never changed or handed on. */
function usedOnlyToForward(parameter: ts.ParameterDeclaration, body: ts.Node, init: ts.Expression): boolean {
  const name = (parameter.name as ts.Identifier).text;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(node) && node.text === name && !isMemberName(node) && ownParameter(node, parameter.parent) === parameter) {
      const parent = node.parent;
      const forwarded = node === init || (ts.isSpreadAssignment(parent) && parent.parent === init);
      const read = ts.isPropertyAccessExpression(parent) && parent.expression === node && !isAssigned(parent);
      if (!forwarded && !read) ok = false;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return ok;
}

function isAssigned(access: ts.PropertyAccessExpression): boolean {
  const parent = access.parent;
  return ts.isBinaryExpression(parent) && parent.left === access && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}
