import { ts } from '../../typescript';

// Where a finding lives, by name rather than by line: "OrderService > fetchOrder", or
// "router.get('/orders') > load". Part of the semantic fingerprint, so that an edit above a
// finding (or an identical call added in another function) does not change its identity.

const SEPARATOR = ' > ';
/** Long callee chains and route strings are cut: the path names a place, it does not quote code. */
const MAX_PART_CHARS = 60;

/** The names of the declarations (and named callbacks) enclosing `[start, end)`, outermost first. */
export function symbolPathsOf(
  fileName: string,
  text: string,
  spans: ReadonlyArray<{ start: number; end: number }>,
): string[] {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  return spans.map((span) => enclosingNames(sourceFile, span.start, span.end).join(SEPARATOR));
}

function enclosingNames(sourceFile: ts.SourceFile, start: number, end: number): string[] {
  const names: string[] = [];
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = node.forEachChild((candidate) =>
      candidate.getStart(sourceFile) <= start && end <= candidate.end ? candidate : undefined,
    );
    if (!child) return names;
    const name = nameOf(child, sourceFile);
    if (name) names.push(name.length > MAX_PART_CHARS ? `${name.slice(0, MAX_PART_CHARS)}…` : name);
    node = child;
  }
}

function nameOf(node: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isClassExpression(node) ||
    ts.isFunctionExpression(node) ||
    ts.isModuleDeclaration(node) ||
    ts.isEnumDeclaration(node)
  ) {
    return node.name?.getText(sourceFile) ?? (ts.isCallExpression(node.parent) ? undefined : 'default');
  }
  if (
    ts.isMethodDeclaration(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isPropertyAssignment(node) ||
    ts.isShorthandPropertyAssignment(node)
  ) {
    return node.name.getText(sourceFile);
  }
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) return node.name.text;
  // Express-style code lives in anonymous callbacks: name them by the call they are passed to.
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isCallExpression(node.parent)) {
    return callbackName(node.parent, sourceFile);
  }
  return undefined;
}

function callbackName(call: ts.CallExpression, sourceFile: ts.SourceFile): string {
  const callee =
    ts.isIdentifier(call.expression) || ts.isPropertyAccessExpression(call.expression)
      ? call.expression.getText(sourceFile).replace(/\s+/g, '')
      : 'call';
  const first = call.arguments[0];
  const label = first && ts.isStringLiteralLike(first) ? `'${first.text}'` : '';
  return `${callee}(${label})`;
}
