import { ts } from '../typescript';
import { findBinding } from './scope';

// `let got; … got = (await import('got')).got;` and `var server; server = http.createServer(…)`:
// a variable declared without a value and given one later, in one place, holds that value
// wherever it is used (before the assignment it holds nothing a rule could report on). Resetting
// it to `null` or `undefined` on shutdown does not give it another value.

/** Per search region (a function body or the file), every assignment to a plain name, by name. */
const assignmentTables = new WeakMap<ts.Node, Map<string, ts.BinaryExpression[]>>();

/** The one value a variable declared without an initializer is later assigned, if there is one. */
export function soleAssignment(declaration: ts.VariableDeclaration): ts.Expression | undefined {
  if (declaration.initializer || !ts.isIdentifier(declaration.name)) return undefined;
  const name = declaration.name.text;
  const candidates = assignmentsIn(searchRegion(declaration)).get(name);
  if (!candidates) return undefined;
  let value: ts.Expression | undefined;
  for (const assignment of candidates) {
    if (isReset(assignment.right)) continue;
    const binding = findBinding(name, skipParentheses(assignment.left));
    if (binding?.kind !== 'variable' || binding.declaration !== declaration) continue;
    if (value) return undefined; // assigned in two places: which value a use sees is not syntax's to say
    value = assignment.right;
  }
  return value;
}

/** Where assignments to the declaration can be: the function it is declared in, or the file. */
function searchRegion(declaration: ts.VariableDeclaration): ts.Node {
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node) || ts.isSourceFile(node)) return node;
  }
  return declaration.getSourceFile();
}

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
]);

function assignmentsIn(region: ts.Node): Map<string, ts.BinaryExpression[]> {
  let table = assignmentTables.get(region);
  if (table) return table;
  const found = new Map<string, ts.BinaryExpression[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind)) {
      const target = skipParentheses(node.left);
      if (ts.isIdentifier(target)) {
        const list = found.get(target.text);
        if (list) list.push(node);
        else found.set(target.text, [node]);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(region, visit);
  assignmentTables.set(region, (table = found));
  return table;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

function isReset(value: ts.Expression): boolean {
  const node = skipParentheses(value);
  if (node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(node) && node.text === 'undefined') return true;
  return ts.isVoidExpression(node);
}
