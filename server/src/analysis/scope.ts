import { ts } from '../typescript';

// Syntax-only name resolution: finds the declaration an identifier refers to by walking the
// lexical scopes outwards. This is what lets a local `fetch` parameter shadow the global, or a
// local `axios` variable shadow the import, without asking the type checker.

export type Binding =
  | { kind: 'import'; declaration: ts.ImportDeclaration | ts.ImportEqualsDeclaration; node: ts.Node }
  | { kind: 'variable'; declaration: ts.VariableDeclaration; node: ts.BindingElement | ts.VariableDeclaration }
  | { kind: 'parameter'; declaration: ts.ParameterDeclaration; node: ts.Node }
  | { kind: 'function'; declaration: ts.FunctionDeclaration | ts.FunctionExpression }
  | { kind: 'class'; declaration: ts.ClassDeclaration | ts.ClassExpression }
  | { kind: 'other'; node: ts.Node };

/** Every name a scope declares, with its first declaration there. */
type ScopeTable = Map<string, Binding>;

/**
 * Per scope node, its declarations, gathered in one pass over the scope on the first lookup.
 * Gathering them per name instead scanned a compiled module's thousands of top-level statements
 * once for every name looked up in it.
 */
const tables = new WeakMap<ts.Node, ScopeTable>();

/** The function a node belongs to (the source file at module level). */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | ts.SourceFile {
  let current = node.parent;
  while (current && !ts.isFunctionLike(current) && !ts.isSourceFile(current)) current = current.parent;
  return current as ts.SignatureDeclaration | ts.SourceFile;
}

/** Whether `inner` lies inside `outer`'s text (in its subtree; fixes may only edit inside the reported node). */
export function isInside(inner: ts.Node, outer: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/**
 * Whether an identifier only names a member (`x.request`, `{ request: … }`, a method `request()`)
 * rather than reading a variable: a variable of that name is not used there.
 */
export function isMemberName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === identifier) ||
    (ts.isQualifiedName(parent) && parent.right === identifier) ||
    ((ts.isPropertyAssignment(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent)) &&
      parent.name === identifier)
  );
}

/**
 * The function each call of which runs `node` again; none at module level, in a constructor or in
 * a field initializer, which run once per process or per instance.
 */
export function perCallFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isConstructorDeclaration(current) || ts.isPropertyDeclaration(current) || ts.isSourceFile(current))
      return undefined;
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

/** Every read of the variable `declaration` names, within `scope`, in source order. */
export function variableReferences(declaration: ts.VariableDeclaration, scope: ts.Node): ts.Identifier[] {
  if (!ts.isIdentifier(declaration.name)) return [];
  const name = declaration.name.text;
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && !isMemberName(node)) {
      const binding = findBinding(name, node);
      if (binding?.kind === 'variable' && binding.declaration === declaration) found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

/** The initializer of a `const` that an identifier refers to (not of a destructured one). */
export function constInitializer(identifier: ts.Identifier): ts.Expression | undefined {
  const binding = findBinding(identifier.text, identifier);
  if (binding?.kind !== 'variable' || !ts.isVariableDeclaration(binding.node)) return undefined;
  if (!(binding.declaration.parent.flags & ts.NodeFlags.Const)) return undefined;
  return binding.declaration.initializer;
}

/** The declaration `name` refers to at `from`, or undefined when it is a global (or undeclared). */
export function findBinding(name: string, from: ts.Node): Binding | undefined {
  let child: ts.Node = from;
  for (let scope: ts.Node | undefined = from.parent; scope; child = scope, scope = scope.parent) {
    if (!isScope(scope)) continue;
    // A function expression's own name is visible inside it, but is not its own reference.
    if (ts.isFunctionExpression(scope) && scope.name?.text === name && child !== scope.name) {
      return { kind: 'function', declaration: scope };
    }
    let table = tables.get(scope);
    if (!table) tables.set(scope, (table = declarationsOf(scope)));
    const found = table.get(name);
    if (found) return found;
  }
  return undefined;
}

function isScope(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.SourceFile:
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.ModuleBlock:
    case ts.SyntaxKind.CaseClause:
    case ts.SyntaxKind.DefaultClause:
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.CatchClause:
    case ts.SyntaxKind.ClassExpression:
      return true;
    default:
      return ts.isFunctionLike(node);
  }
}

function declarationsOf(scope: ts.Node): ScopeTable {
  const table: ScopeTable = new Map();
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
    for (const statement of scope.statements) addStatement(table, statement);
  } else if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) {
      addPattern(table, parameter.name, (node) => ({ kind: 'parameter', declaration: parameter, node }));
    }
    // `var` declarations are hoisted to the function: they are found in nested blocks too.
    const body = (scope as ts.FunctionLikeDeclaration).body;
    if (body && ts.isBlock(body)) for (const [name, binding] of hoistedVars(body)) add(table, name, binding);
  } else if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init)) addDeclarationList(table, init);
  } else if (ts.isCatchClause(scope)) {
    const variable = scope.variableDeclaration;
    if (variable) addPattern(table, variable.name, () => ({ kind: 'other', node: variable }));
  } else if (ts.isClassExpression(scope) && scope.name) {
    add(table, scope.name.text, { kind: 'class', declaration: scope });
  }
  return table;
}

/** The first declaration of a name in a scope is the one it refers to. */
function add(table: ScopeTable, name: string, binding: Binding): void {
  if (!table.has(name)) table.set(name, binding);
}

function addStatement(table: ScopeTable, statement: ts.Statement): void {
  if (ts.isVariableStatement(statement)) addDeclarationList(table, statement.declarationList);
  else if (ts.isFunctionDeclaration(statement)) {
    if (statement.name) add(table, statement.name.text, { kind: 'function', declaration: statement });
  } else if (ts.isClassDeclaration(statement)) {
    if (statement.name) add(table, statement.name.text, { kind: 'class', declaration: statement });
  } else if (ts.isImportDeclaration(statement)) addImports(table, statement);
  else if (ts.isImportEqualsDeclaration(statement)) {
    add(table, statement.name.text, { kind: 'import', declaration: statement, node: statement.name });
  } else if (ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) {
    if (ts.isIdentifier(statement.name)) add(table, statement.name.text, { kind: 'other', node: statement });
  }
}

function addDeclarationList(table: ScopeTable, list: ts.VariableDeclarationList): void {
  for (const declaration of list.declarations) {
    addPattern(table, declaration.name, (node) => ({
      kind: 'variable',
      declaration,
      node: ts.isBindingElement(node) ? node : declaration,
    }));
  }
}

function addImports(table: ScopeTable, declaration: ts.ImportDeclaration): void {
  const clause = declaration.importClause;
  if (!clause) return;
  if (clause.name) add(table, clause.name.text, { kind: 'import', declaration, node: clause.name });
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    add(table, bindings.name.text, { kind: 'import', declaration, node: bindings.name });
    return;
  }
  for (const element of bindings.elements) add(table, element.name.text, { kind: 'import', declaration, node: element });
}

/**
 * Each name a (possibly destructuring) pattern declares, with the identifier or binding element
 * that declares it: `binding` makes the scope's entry from that node.
 */
function addPattern(table: ScopeTable, pattern: ts.BindingName, binding: (node: ts.Identifier | ts.BindingElement) => Binding): void {
  if (ts.isIdentifier(pattern)) {
    add(table, pattern.text, binding(pattern));
    return;
  }
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) add(table, element.name.text, binding(element));
    else addPattern(table, element.name, binding);
  }
}

/** The `var` declarations of a function body, hoisted to it from nested blocks (not nested functions or classes). */
function hoistedVars(body: ts.Block): ScopeTable {
  const table: ScopeTable = new Map();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) addDeclarationList(table, node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return table;
}
