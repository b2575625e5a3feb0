import { ts } from '../typescript';
import { enclosingFunction, findBinding } from './scope';

// `let got; … got = (await import('got')).got;` and `var server; server = http.createServer(…)`:
// a variable declared without a value and given one later, in one place, holds that value
// wherever it is used (before the assignment it holds nothing a rule could report on). Resetting
// it to `null` or `undefined` on shutdown does not give it another value. The properties of an
// object built up after it is declared — `var opts = {}; opts.timeout = 5000;`, and the module
// pattern of much CommonJS code, `var obj = {}; obj.app = express();` — are read from the same walk.

/**
 * Per search region (a function body or the file), every write to a plain name (by name) or to a
 * property of one (by `name.property`): assignments, and `null` for anything else that changes it
 * (`+=`, `++`; `Object.assign(name, …)` and `name[key] = …` under `name.*`).
 */
const assignmentTables = new WeakMap<ts.Node, Map<string, Array<ts.BinaryExpression | null>>>();

/** The one value a variable declared without an initializer is later assigned, if there is one. */
export function soleAssignment(declaration: ts.VariableDeclaration): ts.Expression | undefined {
  if (declaration.initializer) return undefined;
  let value: ts.Expression | undefined;
  for (const assignment of variableWrites(declaration)) {
    if (!assignment || isReset(assignment.right)) continue; // a counter's `++` is read by the retry rules
    if (value) return undefined; // assigned in two places: which value a use sees is not syntax's to say
    value = assignment.right;
  }
  return value;
}

/**
 * Every write to a variable after its declaration: its assignments, and `null` for a change we
 * cannot read (`+=`, `++`; by name, so possibly of a shadowing variable).
 */
export function variableWrites(declaration: ts.VariableDeclaration): Array<ts.BinaryExpression | null> {
  if (!ts.isIdentifier(declaration.name)) return [];
  const name = declaration.name.text;
  return (assignmentsIn(enclosingFunction(declaration)).get(name) ?? []).filter((assignment) => {
    if (!assignment) return true;
    const binding = findBinding(name, skipParentheses(assignment.left));
    return binding?.kind === 'variable' && binding.declaration === declaration;
  });
}

/**
 * The values written to `object.property` after `object` is declared (`var opts = {};
 * opts.timeout = 5000`), in source order; `any` when a write we cannot read may set it
 * (`opts.timeout += 1`, `opts[key] = v`, `Object.assign(opts, …)`).
 */
export function memberWrites(declaration: ts.VariableDeclaration, property: string): ts.Expression[] | 'any' {
  if (!ts.isIdentifier(declaration.name)) return [];
  const name = declaration.name.text;
  return writesToMember(assignmentsIn(enclosingFunction(declaration)), name, property, (assignment) => {
    const target = skipParentheses(assignment.left) as ts.PropertyAccessExpression | ts.ElementAccessExpression;
    const binding = findBinding(name, target.expression);
    return binding?.kind === 'variable' && binding.declaration === declaration;
  });
}

/**
 * The values written to `owner.property` in a region's assignment table, in source order, those
 * `accept` takes; `any` when a write we cannot read may set it (`owner[key] = v`, `Object.assign(owner, …)`).
 */
function writesToMember(
  table: Map<string, Array<ts.BinaryExpression | null>>,
  owner: string,
  property: string,
  accept: (assignment: ts.BinaryExpression) => boolean,
): ts.Expression[] | 'any' {
  if (table.has(`${owner}.*`)) return 'any';
  const values: ts.Expression[] = [];
  for (const assignment of table.get(`${owner}.${property}`) ?? []) {
    if (!assignment) return 'any';
    if (accept(assignment)) values.push(assignment.right);
  }
  return values;
}

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
]);

function assignmentsIn(region: ts.Node): Map<string, Array<ts.BinaryExpression | null>> {
  let table = assignmentTables.get(region);
  if (table) return table;
  const found = new Map<string, Array<ts.BinaryExpression | null>>();
  const add = (key: string, write: ts.BinaryExpression | null) => {
    const list = found.get(key);
    if (list) list.push(write);
    else found.set(key, [write]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
      const key = writeKey(node.left);
      if (key) add(key, isValueAssignment(node.operatorToken.kind) ? node : null);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncrement(node.operator)) {
      const key = writeKey(node.operand);
      if (key) add(key, null);
    } else if (ts.isCallExpression(node) && isObjectAssign(node)) {
      const target = ownerKey(node.arguments[0]!);
      if (target !== undefined) add(`${target}.*`, null);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(region, visit);
  assignmentTables.set(region, (table = found));
  return table;
}

/**
 * `name`, `name.property` (also `name['property']`), or `name.*` for `name[key]`, for a write to
 * it; and for a property of a field, `this.field.property` or `this.field.*`.
 */
function writeKey(target: ts.Expression): string | undefined {
  const node = skipParentheses(target);
  if (ts.isIdentifier(node)) return node.text;
  const owner =
    ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) ? ownerKey(node.expression) : undefined;
  if (owner === undefined) return undefined;
  if (ts.isPropertyAccessExpression(node)) return `${owner}.${node.name.text}`;
  const key = (node as ts.ElementAccessExpression).argumentExpression;
  return `${owner}.${ts.isStringLiteralLike(key) ? key.text : '*'}`;
}

/** `name`, or `this.field`: what a property write may be keyed under. */
function ownerKey(expression: ts.Expression): string | undefined {
  const node = skipParentheses(expression);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)
    return `this.${node.name.text}`;
  return undefined;
}

/**
 * Every write to `this.field.property` in `owner` (a class), or 'any' when the field's object may
 * get any property (`this.field[key] = …`, `Object.assign(this.field, …)`): `this.options = {}`
 * and then `this.options.reconnectPeriod = 0` in a method.
 */
export function fieldMemberWrites(owner: ts.Node, field: string, property: string): ts.Expression[] | 'any' {
  return writesToMember(assignmentsIn(owner), `this.${field}`, property, () => true);
}

export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

export function isIncrement(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

/** `=`, `??=`, `||=`: a write that gives a value rather than changing the one there. */
export function isValueAssignment(kind: ts.SyntaxKind): boolean {
  return ASSIGNMENTS.has(kind);
}

/** `Object.assign(target, …)`: copies any properties onto its first argument. */
export function isObjectAssign(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'assign' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Object' &&
    call.arguments.length > 0
  );
}

function skipParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/** `null`, `undefined`, `void 0`: clearing a variable or field on shutdown, not another value. */
export function isReset(value: ts.Expression): boolean {
  const node = skipParentheses(value);
  if (node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(node) && node.text === 'undefined') return true;
  return ts.isVoidExpression(node);
}
