import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { evaluateNumber } from './durations';
import { propertyNameText } from './object-properties';
import { builtArray, forOfElementWidth, isReassigned } from './array-origins';
import { lengthGuard } from './length-guards';
import { parameterWidth, thenTarget } from './fan-out-parameters';
import { resultWidth } from './query-results';
import { skipOuterExpressions, type ValueResolver } from './values';

// How many items a collection can hold, decided from where it comes from (data flow, syntax
// only). What grows with data: arrays from the request, query results without a cap, directory
// listings, a function's parameters. What does not: literal arrays, `.slice(0, N)`, a batch
// `slice(i, i + N)`, a `chunk(xs, N)` element, a query with `LIMIT 50`, a collection checked with
// `if (xs.length > N) throw` before it is used. Anything else is unknown, and the rules stay silent on it.

export type DataSource = 'request' | 'query' | 'listing' | 'parameter';

export type FanOutWidth =
  | { kind: 'bounded'; max?: number; why: string }
  | { kind: 'unbounded'; source: DataSource; why: string }
  | { kind: 'unknown' };

const UNKNOWN: FanOutWidth = { kind: 'unknown' };
const MAX_DEPTH = 10;

/** Array methods whose result has at most as many items as the array they are called on. */
const NARROWING_METHODS = new Set([
  'map',
  'filter',
  'sort',
  'toSorted',
  'reverse',
  'toReversed',
  'entries',
  'keys',
  'values',
  'flat',
  'flatMap',
]);
export function fanOutWidth(expression: ts.Expression, values: ValueResolver, depth = 0): FanOutWidth {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const node = skipOuterExpressions(expression);
  if (ts.isArrayLiteralExpression(node)) return literalWidth(node, values, depth);
  if (ts.isConditionalExpression(node))
    return wider(fanOutWidth(node.whenTrue, values, depth + 1), fanOutWidth(node.whenFalse, values, depth + 1));
  if (ts.isBinaryExpression(node) && isFallback(node.operatorToken.kind)) {
    return wider(fanOutWidth(node.left, values, depth + 1), fanOutWidth(node.right, values, depth + 1));
  }
  if (ts.isCallExpression(node)) return callWidth(node, values, depth);
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /^(Set|Map)$/.test(node.expression.text)) {
    const source = node.arguments?.[0];
    return source ? fanOutWidth(source, values, depth + 1) : { kind: 'bounded', max: 0, why: 'an empty collection' };
  }
  if (ts.isObjectLiteralExpression(node)) {
    if (node.properties.some((p) => !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)))
      return UNKNOWN;
    return { kind: 'bounded', max: node.properties.length, why: `a literal object of ${node.properties.length}` };
  }
  const rooted = rootAndPath(node);
  if (!rooted) return UNKNOWN;
  const guard = lengthGuard(node, values);
  if (guard) return { kind: 'bounded', max: guard.max, why: guard.why };
  return pathWidth(rooted.root, rooted.path, node, values, depth);
}

function isFallback(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

function literalWidth(node: ts.ArrayLiteralExpression, values: ValueResolver, depth: number): FanOutWidth {
  let result: FanOutWidth = { kind: 'bounded', max: 0, why: '' };
  for (const element of node.elements) {
    const part: FanOutWidth = ts.isSpreadElement(element)
      ? fanOutWidth(element.expression, values, depth + 1)
      : { kind: 'bounded', max: 1, why: '' };
    result = sum(result, part);
  }
  if (result.kind === 'bounded' && !node.elements.some(ts.isSpreadElement)) {
    return { kind: 'bounded', max: node.elements.length, why: `a literal array of ${node.elements.length}` };
  }
  return result;
}

function callWidth(call: ts.CallExpression, values: ValueResolver, depth: number): FanOutWidth {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return UNKNOWN;
  const method = callee.name.text;
  const target = callee.expression;
  if (ts.isIdentifier(target) && !findBinding(target.text, target)) {
    if (target.text === 'Object' && /^(keys|values|entries)$/.test(method) && call.arguments[0]) {
      return fanOutWidth(call.arguments[0], values, depth + 1);
    }
    if (target.text === 'Array' && method === 'from' && call.arguments[0])
      return arrayFromWidth(call.arguments[0], values, depth);
    if (target.text === 'Promise' && /^(all|allSettled)$/.test(method) && call.arguments[0]) {
      return fanOutWidth(call.arguments[0], values, depth + 1);
    }
  }
  if (method === 'slice') return sliceWidth(call, values, depth);
  if (method === 'splice') return constantWidth(call.arguments[1], values, 'splice');
  if (method === 'concat') {
    return call.arguments.reduce<FanOutWidth>(
      (total, a) => sum(total, fanOutWidth(a, values, depth + 1)),
      fanOutWidth(target, values, depth + 1),
    );
  }
  if (NARROWING_METHODS.has(method)) return fanOutWidth(target, values, depth + 1);
  return UNKNOWN;
}

function arrayFromWidth(source: ts.Expression, values: ValueResolver, depth: number): FanOutWidth {
  const node = skipOuterExpressions(source);
  if (ts.isObjectLiteralExpression(node)) {
    const length = node.properties.find((p) => p.name && propertyNameText(p.name) === 'length');
    return length && ts.isPropertyAssignment(length)
      ? constantWidth(length.initializer, values, 'Array.from({ length })')
      : UNKNOWN;
  }
  return fanOutWidth(node, values, depth + 1);
}

/** `xs.slice(0, N)` and `xs.slice(i, i + N)` are at most N long; `xs.slice(a)` is at most `xs`. */
function sliceWidth(call: ts.CallExpression, values: ValueResolver, depth: number): FanOutWidth {
  const [start, end] = call.arguments;
  const target = (call.expression as ts.PropertyAccessExpression).expression;
  if (!end) return fanOutWidth(target, values, depth + 1);
  const batch = start && batchSize(start, end, values);
  if (batch !== undefined) return { kind: 'bounded', max: batch, why: `a batch of ${batch}` };
  const startValue = start ? evaluateNumber(start, values, 0) : 0;
  const endValue = evaluateNumber(end, values, 0);
  if (startValue !== undefined && endValue !== undefined && startValue >= 0 && endValue >= 0) {
    return { kind: 'bounded', max: Math.max(0, endValue - startValue), why: `\`${shorten(call.getText())}\`` };
  }
  // A computed window (`slice(offset, offset + pageSize)` with a variable size) is someone's cap.
  return UNKNOWN;
}

/** `i + N` or `Math.min(i + N, …)` for a start `i`: the window size N, when it is a constant. */
function batchSize(start: ts.Expression, end: ts.Expression, values: ValueResolver): number | undefined {
  const node = skipOuterExpressions(end);
  if (ts.isCallExpression(node) && node.expression.getText() === 'Math.min') {
    for (const argument of node.arguments) {
      const size = batchSize(start, argument, values);
      if (size !== undefined) return size;
    }
    return undefined;
  }
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.PlusToken) return undefined;
  const startText = start.getText();
  if (node.left.getText() === startText) return evaluateNumber(node.right, values, 0);
  if (node.right.getText() === startText) return evaluateNumber(node.left, values, 0);
  return undefined;
}

function constantWidth(expression: ts.Expression | undefined, values: ValueResolver, what: string): FanOutWidth {
  const count = expression && evaluateNumber(expression, values, 0);
  return count === undefined || !Number.isFinite(count)
    ? UNKNOWN
    : { kind: 'bounded', max: count, why: `${what} of ${count}` };
}

/** `a.b.c` → root `a`, path ['b', 'c']; `(await q).rows` → root the await, path ['rows']. */
function rootAndPath(node: ts.Expression): { root: ts.Expression; path: string[] } | undefined {
  const path: string[] = [];
  let current = skipOuterExpressions(node);
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) path.unshift(current.name.text);
    else if (
      ts.isElementAccessExpression(current) &&
      (ts.isStringLiteralLike(current.argumentExpression) || ts.isNumericLiteral(current.argumentExpression))
    ) {
      path.unshift(current.argumentExpression.text);
    } else break;
    current = skipOuterExpressions(current.expression);
  }
  if (ts.isIdentifier(current) || ts.isAwaitExpression(current)) return { root: current, path };
  return undefined;
}

function pathWidth(
  root: ts.Expression,
  path: string[],
  whole: ts.Expression,
  values: ValueResolver,
  depth: number,
): FanOutWidth {
  if (depth > MAX_DEPTH) return UNKNOWN;
  if (ts.isAwaitExpression(root)) return awaitedWidth(root.expression, path, values, depth);
  if (!ts.isIdentifier(root)) return UNKNOWN;
  const binding = findBinding(root.text, root);
  if (!binding) return UNKNOWN;
  if (binding.kind === 'parameter') {
    // `({ body }) => …`: the destructured property is the first step of the path.
    const element = binding.node;
    const key =
      ts.isBindingElement(element) && ts.isObjectBindingPattern(element.parent)
        ? propertyNameText((element.propertyName ?? element.name) as ts.PropertyName)
        : undefined;
    const fullPath = key ? [key, ...path] : path;
    // `query().then((rows) => …)` is `const rows = await query()`: a call's result.
    const promise = thenTarget(binding.declaration.parent);
    if (promise) return element === binding.declaration.name || key ? awaitedWidth(promise, fullPath, values, depth) : UNKNOWN;
    return parameterWidth(binding.declaration, binding.node, fullPath, whole);
  }
  if (binding.kind !== 'variable') return UNKNOWN;
  const declaration = binding.declaration;
  if (isReassigned(declaration, root.text)) return UNKNOWN;
  if (ts.isForOfStatement(declaration.parent.parent)) {
    return path.length === 0 ? forOfElementWidth(declaration.parent.parent, values) : UNKNOWN;
  }
  if (!declaration.initializer) return UNKNOWN;
  let prefix: string[] = [];
  if (ts.isBindingElement(binding.node)) {
    const element = binding.node;
    if (element.dotDotDotToken || !ts.isVariableDeclaration(element.parent.parent)) return UNKNOWN;
    if (ts.isObjectBindingPattern(element.parent)) {
      const key = propertyNameText((element.propertyName ?? element.name) as ts.PropertyName);
      if (key === undefined) return UNKNOWN;
      prefix = [key];
    } else {
      prefix = [String(element.parent.elements.indexOf(element))];
    }
  }
  const fullPath = [...prefix, ...path];
  if (fullPath.length === 0) {
    const built = builtArray(declaration, root.text, (e) => fanOutWidth(e, values, depth + 1));
    if (built) return built;
    return fanOutWidth(declaration.initializer, values, depth + 1);
  }
  const initializer = skipOuterExpressions(declaration.initializer);
  if (ts.isObjectLiteralExpression(initializer)) {
    const property = initializer.properties.find((p) => p.name && propertyNameText(p.name) === fullPath[0]);
    if (!property || !ts.isPropertyAssignment(property)) return UNKNOWN;
    const rest = fullPath.slice(1);
    return rest.length === 0 ? fanOutWidth(property.initializer, values, depth + 1) : UNKNOWN;
  }
  const inner = rootAndPath(initializer);
  return inner ? pathWidth(inner.root, [...inner.path, ...fullPath], whole, values, depth + 1) : UNKNOWN;
}

function awaitedWidth(awaited: ts.Expression, path: string[], values: ValueResolver, depth: number): FanOutWidth {
  const call = skipOuterExpressions(awaited);
  if (!ts.isCallExpression(call)) return UNKNOWN;
  if (ts.isPropertyAccessExpression(call.expression) && call.expression.expression.getText() === 'Promise') {
    return path.length === 0 ? callWidth(call, values, depth) : UNKNOWN;
  }
  return resultWidth(call, path, values);
}

function wider(a: FanOutWidth, b: FanOutWidth): FanOutWidth {
  if (a.kind === 'unbounded') return a;
  if (b.kind === 'unbounded') return b;
  if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
  const max = a.max === undefined || b.max === undefined ? undefined : Math.max(a.max, b.max);
  return { kind: 'bounded', max, why: a.why || b.why };
}

export function sum(a: FanOutWidth, b: FanOutWidth): FanOutWidth {
  if (a.kind === 'unbounded') return a;
  if (b.kind === 'unbounded') return b;
  if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
  const max = a.max === undefined || b.max === undefined ? undefined : a.max + b.max;
  return { kind: 'bounded', max, why: a.why || b.why };
}

export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}
