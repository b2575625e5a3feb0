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
  // Children per node, gathered once for all spans: scanning a file's thousands of top-level
  // statements again for each of its thousands of findings was quadratic.
  const children = new Map<ts.Node, ts.Node[]>();
  const childrenOf = (node: ts.Node): ts.Node[] => {
    let list = children.get(node);
    if (!list) {
      list = [];
      node.forEachChild((child) => void list!.push(child));
      children.set(node, list);
    }
    return list;
  };
  return spans.map((span) => enclosingNames(sourceFile, span.start, span.end, childrenOf).join(SEPARATOR));
}

function enclosingNames(
  sourceFile: ts.SourceFile,
  start: number,
  end: number,
  childrenOf: (node: ts.Node) => ts.Node[],
): string[] {
  const names: string[] = [];
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = containingChild(childrenOf(node), sourceFile, start, end);
    if (!child) return names;
    const name = nameOf(child, sourceFile);
    if (name) names.push(name.length > MAX_PART_CHARS ? `${name.slice(0, MAX_PART_CHARS)}…` : name);
    node = child;
  }
}

/**
 * The child whose text holds `[start, end)`. Children follow each other without overlapping, so it
 * can only be the first one that ends at or after `end` (found by bisection).
 */
function containingChild(children: readonly ts.Node[], sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (children[middle]!.end < end) low = middle + 1;
    else high = middle;
  }
  const child = children[low];
  return child && child.getStart(sourceFile) <= start ? child : undefined;
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
