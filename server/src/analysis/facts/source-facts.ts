import { ts } from '../../typescript';
import { collectCompiledExport } from './compiled-exports';

// Per-file facts that other files need: what a module exports, and the assignments to a client's
// `defaults` that change the effective policy of calls elsewhere. Computed once per parsed
// source file (cached by identity), so an unchanged file costs nothing on re-analysis.

export type ExportTarget =
  | { kind: 'local'; name: string }
  | { kind: 'expression'; expression: ts.Expression }
  | { kind: 'reexport'; module: string; name: string }
  | { kind: 'namespace'; module: string };

/** `<target>.defaults.<property> = <value>` (e.g. `axios.defaults.timeout = 5000`). */
export interface DefaultsAssignment {
  target: ts.Expression;
  property: string;
  value: ts.Expression;
}

export interface SourceFacts {
  exports: Map<string, ExportTarget>;
  /** `export * from '…'`: names not found locally are looked up there. */
  starExports: string[];
  defaultsAssignments: DefaultsAssignment[];
}

// Stored on the tree itself rather than in a WeakMap: thousands of short-lived WeakMap entries
// (one per parsed file) make every garbage collection slower (ephemeron processing).
const FACTS = Symbol('goodput.facts');
type WithFacts = ts.SourceFile & { [FACTS]?: SourceFacts };

/**
 * The facts of a file, computed on first use by one walk that also sets the nodes' parent
 * pointers (files are parsed without them; see WorkspaceFiles). The analyzer's own traversal
 * computes the same facts through `FactsCollector` and stores them with `rememberFacts`.
 */
export function sourceFacts(sourceFile: ts.SourceFile): SourceFacts {
  let facts = (sourceFile as WithFacts)[FACTS];
  if (!facts) {
    const collector = new FactsCollector(sourceFile);
    let expanding: ts.Node = sourceFile;
    const visit = (node: ts.Node): void => {
      (node as { parent: ts.Node }).parent = expanding;
      collector.visit(node);
      const saved = expanding;
      expanding = node;
      ts.forEachChild(node, visit);
      expanding = saved;
    };
    ts.forEachChild(sourceFile, visit);
    facts = collector.finish();
    (sourceFile as WithFacts)[FACTS] = facts;
  }
  return facts;
}

export function hasFacts(sourceFile: ts.SourceFile): boolean {
  return (sourceFile as WithFacts)[FACTS] !== undefined;
}

export function rememberFacts(sourceFile: ts.SourceFile, facts: SourceFacts): void {
  (sourceFile as WithFacts)[FACTS] = facts;
}

/** The only kinds of node `FactsCollector.visit` reads (top-level statements are read up front): the engine's walk hands it no others. */
export const FACT_KINDS: readonly ts.SyntaxKind[] = [ts.SyntaxKind.BinaryExpression];

/** Gathers a file's facts from the nodes of a traversal that visits every node once. */
export class FactsCollector {
  private readonly facts: SourceFacts = { exports: new Map(), starExports: [], defaultsAssignments: [] };
  // Cheap textual pre-checks: most nodes of most files cannot hold these facts.
  private readonly wantsDefaults: boolean;
  private readonly wantsCommonJs: boolean;

  constructor(sourceFile: ts.SourceFile) {
    const text = sourceFile.text;
    this.wantsDefaults = text.includes('.defaults');
    this.wantsCommonJs = text.includes('require(') || text.includes('exports');
    for (const statement of sourceFile.statements) {
      collectTopLevel(statement, this.facts);
      if (this.wantsCommonJs) collectCompiledExport(statement, this.facts);
    }
  }

  visit(node: ts.Node): void {
    if (node.kind === ts.SyntaxKind.BinaryExpression) {
      const binary = node as ts.BinaryExpression;
      if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      if (this.wantsDefaults) collectDefaults(binary, this.facts);
      if (this.wantsCommonJs) collectCommonJsExport(binary, this.facts);
    }
  }

  finish(): SourceFacts {
    return this.facts;
  }
}

function collectTopLevel(statement: ts.Statement, facts: SourceFacts): void {
  if (ts.isExportDeclaration(statement)) {
    const module = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
      ? statement.moduleSpecifier.text
      : undefined;
    const clause = statement.exportClause;
    if (!clause) {
      if (module) facts.starExports.push(module);
    } else if (ts.isNamespaceExport(clause)) {
      if (module) facts.exports.set(clause.name.text, { kind: 'namespace', module });
    } else {
      for (const element of clause.elements) {
        const local = textOf(element.propertyName ?? element.name);
        facts.exports.set(
          textOf(element.name),
          module ? { kind: 'reexport', module, name: local } : { kind: 'local', name: local },
        );
      }
    }
    return;
  }
  if (ts.isExportAssignment(statement)) {
    facts.exports.set('default', { kind: 'expression', expression: statement.expression });
    return;
  }
  if (!hasExportModifier(statement)) return;
  const isDefault = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      for (const name of boundNames(declaration.name)) facts.exports.set(name, { kind: 'local', name });
    }
  } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
    facts.exports.set(isDefault ? 'default' : statement.name.text, { kind: 'local', name: statement.name.text });
  }
}

function collectDefaults(node: ts.BinaryExpression, facts: SourceFacts): void {
  const left = node.left;
  if (!ts.isPropertyAccessExpression(left)) return;
  const owner = left.expression;
  if (ts.isPropertyAccessExpression(owner) && owner.name.text === 'defaults') {
    facts.defaultsAssignments.push({ target: owner.expression, property: left.name.text, value: node.right });
  } else if (left.name.text === 'defaults' && ts.isObjectLiteralExpression(node.right)) {
    // `client.defaults = { timeout: 5000 }` replaces the whole object.
    for (const property of node.right.properties) {
      if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name)) {
        facts.defaultsAssignments.push({ target: owner, property: property.name.text, value: property.initializer });
      }
    }
  }
}

function collectCommonJsExport(node: ts.BinaryExpression, facts: SourceFacts): void {
  const left = node.left;
  if (!ts.isPropertyAccessExpression(left)) return;
  const owner = left.expression;
  if (ts.isIdentifier(owner) && owner.text === 'module' && left.name.text === 'exports') {
    // `module.exports = x` is both the CommonJS namespace and what `import x from` receives.
    facts.exports.set('default', { kind: 'expression', expression: node.right });
    if (ts.isObjectLiteralExpression(node.right)) {
      for (const property of node.right.properties) {
        if (ts.isShorthandPropertyAssignment(property)) {
          facts.exports.set(property.name.text, { kind: 'local', name: property.name.text });
        } else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name)) {
          facts.exports.set(property.name.text, { kind: 'expression', expression: property.initializer });
        }
      }
    }
    return;
  }
  // `exports.x = void 0`: TypeScript declares every export up front; the value comes later.
  if (isExportsObject(owner) && !ts.isVoidExpression(node.right)) facts.exports.set(left.name.text, { kind: 'expression', expression: node.right });
}

/** `exports` or `module.exports`. */
export function isExportsObject(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === 'exports';
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) &&
    node.expression.text === 'module' && node.name.text === 'exports';
}

export function isRequireCall(node: ts.Node): node is ts.CallExpression & { arguments: [ts.StringLiteral] } {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0]!)
  );
}

function hasExportModifier(statement: ts.Statement): boolean {
  return (
    ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false)
  );
}

export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

function textOf(name: ts.ModuleExportName): string {
  return name.text;
}
