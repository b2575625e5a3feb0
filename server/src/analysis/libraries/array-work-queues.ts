import { ts } from '../../typescript';
import { fieldInitializer } from './this-members';
import { findBinding } from '../scope';
import { isRequestHandler } from './http-frameworks';
import { skipOuterExpressions } from './values';

// A plain array used as a work queue: a request handler appends, a timer or worker takes from
// the front. Nothing bounds it: when the consumer falls behind, the array grows with the arrival
// rate until the process runs out of memory, and every queued item waits longer than the last.
// Only arrays that live beyond one call (module-level `const`/`let`, class fields) and that
// something else drains (`shift`, `splice(0…)`, `pop`, `length = 0`, `queue = []`) are queues;
// an array that is only appended to is a log or a collection, not a queue.

export interface UncappedArrayPush {
  call: ts.CallExpression;
  /** `jobs` or `this.jobs`: the queue as written at the push. */
  queueText: string;
  /** The first place that takes items out of the queue, outside the handler. */
  drain: ts.Node;
  handler: ts.SignatureDeclaration;
}

/** Cheap text hints that a file may hold such a queue (checked before parsing): a drain, and an empty array. */
const DRAIN_HINT = /\.(shift|pop)\(\s*\)|\.splice\(\s*0\b|\.length\s*=\s*0\b|[\w$]\s*=\s*\[\s*\]/;
/**
 * A module-level `const/let/var x = []`, a class field `x: T[] = []`, or `this.x = []` (compiled
 * constructors). Everything before the `=` stays on one line (`[ \t]`, not `\s`): a pattern that
 * may run on across line breaks is tried again from every line start, quadratic on blank lines.
 */
const EMPTY_ARRAY_HINT =
  /^(?:(?:export[ \t]+)?(?:const|let|var)[ \t].*|[ \t]+(?:(?:private|protected|public|readonly|static|declare)[ \t]+)*(?:this\.)?[\w$]+[ \t]*(?::[^=\n]*)?)=\s*(?:\[\s*\]|new Array\b)/m;

export function mayHoldArrayWorkQueue(text: string): boolean {
  return (
    (text.includes('.push(') || text.includes('.unshift(')) && DRAIN_HINT.test(text) && EMPTY_ARRAY_HINT.test(text)
  );
}

const APPENDS = new Set(['push', 'unshift']);

/** `queue.push(item)` in a request handler, on a long-lived array drained elsewhere, with no length check in the handler. */
export function uncappedArrayPush(call: ts.CallExpression): UncappedArrayPush | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !APPENDS.has(callee.name.text)) return undefined;
  const handler = enclosingHandler(call);
  if (!handler) return undefined;
  const target = callee.expression;
  const queueText = target.getText();
  const body = (handler as ts.FunctionLikeDeclaration).body;
  if (!body || readsLength(body, queueText)) return undefined;
  const queue = queueOwner(target);
  if (!queue) return undefined;
  const drain = findDrain(queue.owner, queue.isQueue, handler);
  return drain && { call, queueText, drain, handler };
}

/** The nearest enclosing function, if it is a request handler. */
function enclosingHandler(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return isRequestHandler(current) ? current : undefined;
  }
  return undefined;
}

/**
 * The handler decides admission itself when it compares the queue's length with a limit
 * (`if (jobs.length >= MAX)`). A comparison with 0 or 1 (`if (jobs.length === 1) drain()`, which
 * starts the drainer on the first item) asks whether the queue is empty, not whether it is full.
 */
function readsLength(body: ts.Node, queueText: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'length' && node.expression.getText() === queueText)
      found = comparedWithLimit(node);
    else ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

const COMPARISONS = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);

function comparedWithLimit(length: ts.PropertyAccessExpression): boolean {
  let node: ts.Node = length;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const comparison = node.parent;
  if (!ts.isBinaryExpression(comparison) || !COMPARISONS.has(comparison.operatorToken.kind)) return false;
  const other = comparison.left === node ? comparison.right : comparison.left;
  return !(ts.isNumericLiteral(other) && (other.text === '0' || other.text === '1'));
}

interface QueueIdentity {
  /** Where the queue's other uses can be: the source file for a module-level array, the class for a field. */
  owner: ts.Node;
  isQueue: (expression: ts.Expression) => boolean;
}

/** Undefined when the target is not a long-lived array that starts empty. */
function queueOwner(target: ts.Expression): QueueIdentity | undefined {
  if (ts.isIdentifier(target)) {
    const name = target.text;
    const binding = findBinding(name, target);
    if (binding?.kind !== 'variable' || binding.node !== binding.declaration) return undefined;
    const declaration = binding.declaration;
    const statement = declaration.parent.parent;
    if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
    if (!isEmptyArray(declaration.initializer)) return undefined;
    const isQueue = (expression: ts.Expression) => {
      if (!ts.isIdentifier(expression) || expression.text !== name) return false;
      const use = findBinding(name, expression);
      return use?.kind === 'variable' && use.declaration === declaration;
    };
    return { owner: statement.parent, isQueue };
  }
  if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = ts.findAncestor(target, ts.isClassLike);
    const name = target.name.text;
    if (!owner || !startsEmpty(owner, name)) return undefined;
    const isQueue = (expression: ts.Expression) =>
      ts.isPropertyAccessExpression(expression) &&
      expression.name.text === name &&
      expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
      ts.findAncestor(expression, ts.isClassLike) === owner;
    return { owner, isQueue };
  }
  return undefined;
}

/** A field declared `name = []`, or set to `[]` by a top-level statement of the constructor (compiled JavaScript). */
function startsEmpty(owner: ts.ClassLikeDeclaration, name: string): boolean {
  return isEmptyArray(fieldInitializer(owner, name));
}

function isEmptyArray(initializer: ts.Expression | undefined): boolean {
  if (!initializer) return false;
  const value = skipOuterExpressions(initializer);
  if (ts.isArrayLiteralExpression(value)) return value.elements.length === 0;
  return ts.isNewExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === 'Array';
}

/** The first use in `owner`, outside the handler, that takes items out of the queue. */
function findDrain(owner: ts.Node, isQueue: QueueIdentity['isQueue'], handler: ts.Node): ts.Node | undefined {
  let drain: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (drain || node === handler) return;
    if (isDrain(node, isQueue)) drain = node;
    else ts.forEachChild(node, visit);
  };
  visit(owner);
  return drain;
}

function isDrain(node: ts.Node, isQueue: QueueIdentity['isQueue']): boolean {
  // jobs.shift() / jobs.pop() / jobs.splice(0, n)
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const { name, expression } = node.expression;
    if (!isQueue(expression)) return false;
    if (name.text === 'shift' || name.text === 'pop') return true;
    const start = node.arguments[0];
    return name.text === 'splice' && !!start && ts.isNumericLiteral(start) && start.text === '0';
  }
  // jobs.length = 0 / jobs = [] (the swap: take the batch, start a new queue)
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = node.left;
    const right = skipOuterExpressions(node.right);
    if (ts.isPropertyAccessExpression(left) && left.name.text === 'length')
      return isQueue(left.expression) && ts.isNumericLiteral(right) && right.text === '0';
    return isQueue(left) && ts.isArrayLiteralExpression(right) && right.elements.length === 0;
  }
  return false;
}
