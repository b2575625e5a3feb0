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

type ScopeTable = Map<string, Binding | undefined>;

/** Per scope node, the names looked up so far: a lookup scans a scope's declarations once per name. */
const tables = new WeakMap<ts.Node, ScopeTable>();

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
    if (!table) tables.set(scope, (table = new Map()));
    let found: Binding | undefined;
    if (table.has(name)) found = table.get(name);
    else {
      found = bindingIn(scope, name);
      table.set(name, found);
    }
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

function bindingIn(scope: ts.Node, name: string): Binding | undefined {
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
    return bindingInStatements(scope.statements, name);
  }
  if (ts.isCaseClause(scope) || ts.isDefaultClause(scope)) return bindingInStatements(scope.statements, name);
  if (ts.isFunctionLike(scope)) return bindingInSignature(scope, name);
  if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init)) return bindingInDeclarationList(init, name);
    return undefined;
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration) {
    return matchBindingName(scope.variableDeclaration.name, name)
      ? { kind: 'other', node: scope.variableDeclaration }
      : undefined;
  }
  if (ts.isClassExpression(scope) && scope.name?.text === name) return { kind: 'class', declaration: scope };
  return undefined;
}

function bindingInSignature(fn: ts.SignatureDeclaration, name: string): Binding | undefined {
  for (const parameter of fn.parameters) {
    const node = matchBindingName(parameter.name, name);
    if (node) return { kind: 'parameter', declaration: parameter, node };
  }
  // `var` declarations are hoisted to the function: look for them in nested blocks too.
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body && ts.isBlock(body)) return hoistedVar(body, name);
  return undefined;
}

function bindingInStatements(statements: ts.NodeArray<ts.Statement>, name: string): Binding | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const found = bindingInDeclarationList(statement.declarationList, name);
      if (found) return found;
    } else if (ts.isFunctionDeclaration(statement)) {
      if (statement.name?.text === name) return { kind: 'function', declaration: statement };
    } else if (ts.isClassDeclaration(statement)) {
      if (statement.name?.text === name) return { kind: 'class', declaration: statement };
    } else if (ts.isImportDeclaration(statement)) {
      const node = importedName(statement, name);
      if (node) return { kind: 'import', declaration: statement, node };
    } else if (ts.isImportEqualsDeclaration(statement)) {
      if (statement.name.text === name) return { kind: 'import', declaration: statement, node: statement.name };
    } else if (ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) {
      if (ts.isIdentifier(statement.name) && statement.name.text === name) return { kind: 'other', node: statement };
    }
  }
  return undefined;
}

function bindingInDeclarationList(list: ts.VariableDeclarationList, name: string): Binding | undefined {
  for (const declaration of list.declarations) {
    const node = matchBindingName(declaration.name, name);
    if (node) {
      return { kind: 'variable', declaration, node: ts.isBindingElement(node) ? node : declaration };
    }
  }
  return undefined;
}

/** All `var` declarations of a function body (hoisted to it), found in one walk per function. */
const hoistedTables = new WeakMap<ts.Block, Map<string, Binding>>();

function hoistedVar(block: ts.Block, name: string): Binding | undefined {
  let table = hoistedTables.get(block);
  if (!table) {
    const found = new Map<string, Binding>();
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isVariableDeclarationList(node) && !(node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) {
        for (const declaration of node.declarations) {
          for (const element of bindingElementsOf(declaration.name)) {
            const bound = element.name;
            if (ts.isIdentifier(bound) && !found.has(bound.text)) {
              found.set(bound.text, { kind: 'variable', declaration, node: ts.isBindingElement(element) ? element : declaration });
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(block, visit);
    hoistedTables.set(block, (table = found));
  }
  return table.get(name);
}

/** The declaration itself for a plain name, or every binding element of a destructuring pattern. */
function bindingElementsOf(name: ts.BindingName): Array<ts.VariableDeclaration | ts.BindingElement> {
  if (ts.isIdentifier(name)) return [name.parent as ts.VariableDeclaration];
  return name.elements.flatMap((element) =>
    ts.isOmittedExpression(element) ? [] : ts.isIdentifier(element.name) ? [element] : bindingElementsOf(element.name),
  );
}

function importedName(declaration: ts.ImportDeclaration, name: string): ts.Node | undefined {
  const clause = declaration.importClause;
  if (!clause) return undefined;
  if (clause.name?.text === name) return clause.name;
  const bindings = clause.namedBindings;
  if (!bindings) return undefined;
  if (ts.isNamespaceImport(bindings)) return bindings.name.text === name ? bindings.name : undefined;
  return bindings.elements.find((element) => element.name.text === name);
}

/** The identifier or binding element that declares `name` inside a (possibly destructuring) pattern. */
export function matchBindingName(pattern: ts.BindingName, name: string): ts.Identifier | ts.BindingElement | undefined {
  if (ts.isIdentifier(pattern)) return pattern.text === name ? pattern : undefined;
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) {
      if (element.name.text === name) return element;
    } else {
      const nested = matchBindingName(element.name, name);
      if (nested) return nested;
    }
  }
  return undefined;
}
