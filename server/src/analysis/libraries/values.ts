import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { isRequireCall, sourceFacts } from '../facts/source-facts';
import { soleAssignment } from '../sole-assignment';
import { skipOuterExpressions } from './outer-expressions';
import { isMergeCall, type MergeCall } from './merged-objects';
import { propertyValues, protocolChoice } from './protocol-choices';
import { thisFieldValue } from './this-members';
import { laterProperty } from './object-properties';

// Abstract values: what an expression *is*, as far as syntax and the workspace's imports can
// tell. `api.get` where `api = axios.create({...})` in another module resolves to
// { kind: 'call', callee: axios.create, path: ['get'] }. Library modules read these values;
// rules never pattern-match names.

export type Origin =
  | { kind: 'module'; module: string }
  | { kind: 'workspace-module'; fileName: string }
  | { kind: 'global'; name: string }
  | { kind: 'call'; callee: Value; node: ts.CallExpression }
  | { kind: 'new'; callee: Value; node: ts.NewExpression }
  | { kind: 'object'; node: ts.ObjectLiteralExpression }
  | { kind: 'merged'; node: MergeCall }
  | { kind: 'function'; node: ts.SignatureDeclaration }
  /** A class itself (not an instance): `Mention.create(…)` is a member of it, a static method. */
  | { kind: 'class'; node: ts.ClassLikeDeclaration }
  | { kind: 'parameter'; node: ts.ParameterDeclaration }
  | { kind: 'literal'; node: ts.Expression }
  | { kind: 'unknown' };

/** An origin followed by member accesses: `axios.defaults.timeout` = module axios + ['defaults', 'timeout']. */
export type Value = Origin & { path: readonly string[] };

export interface ModuleHost {
  /** The parsed workspace file at `fileName`, if it exists. */
  getSourceFile(fileName: string): ts.SourceFile | undefined;
  /** The workspace file a relative specifier points to, or undefined for packages. */
  resolveModule(fromFile: string, specifier: string): string | undefined;
  /**
   * Whether a workspace file's text can export `name`, directly or through its own `export *`
   * (read if needed, never parsed; true when the file cannot be read). A barrel
   * (`export * from './a'; export * from './b'; …`) is searched without parsing every module it
   * re-exports — in application code that parsing was most of the analysis time.
   */
  mayExport(fileName: string, name: string): boolean;
}

const UNKNOWN: Value = { kind: 'unknown', path: [] };
const MAX_DEPTH = 12;

/** Names that resolve to globals when nothing in scope declares them. */
const GLOBALS = new Set(['fetch', 'AbortSignal', 'AbortController', 'setTimeout', 'setInterval', 'globalThis', 'Promise', 'Math', 'Number', 'require']);

export class ValueResolver {
  private readonly cache = new Map<ts.Node, Value>();
  private readonly memos = new Map<symbol, Map<ts.Node, unknown>>();

  constructor(private readonly host: ModuleHost) {}

  /** Forget cached values and memos: the analyzer calls this around every file's analysis. */
  reset(): void {
    this.cache.clear();
    this.memos.clear();
  }

  /**
   * A result about `node` computed once per analysis, for rules that share the work (the four
   * retry rules judge the same sites). It lives as long as the cached values and no longer:
   * what it says may depend on other files, which can change between two analyses while this
   * file's tree, and so the node, stays the same.
   */
  memo<T>(table: symbol, node: ts.Node, compute: () => T): T {
    let results = this.memos.get(table);
    if (!results) this.memos.set(table, (results = new Map()));
    if (results.has(node)) return results.get(node) as T;
    const result = compute();
    results.set(node, result);
    return result;
  }

  resolve(expression: ts.Expression, depth = 0): Value {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const node = skipOuterExpressions(expression);
    if (ts.isIdentifier(node)) return this.resolveIdentifier(node, depth);
    if (ts.isPropertyAccessExpression(node)) {
      if (node.expression.kind !== ts.SyntaxKind.ThisKeyword) return this.member(node.expression, node.name.text, depth);
      const field = thisFieldValue(node); // `this.client`, given one value in its class
      return field ? this.resolve(field, depth + 1) : UNKNOWN;
    }
    if (ts.isElementAccessExpression(node)) {
      if (ts.isStringLiteralLike(node.argumentExpression)) return this.member(node.expression, node.argumentExpression.text, depth);
      return this.anyProperty(node.expression, depth);
    }
    if (ts.isConditionalExpression(node))
      return protocolChoice([node.whenTrue, node.whenFalse], (e) => this.resolve(e, depth + 1)) ?? UNKNOWN;
    if (ts.isCallExpression(node)) {
      if (isRequireCall(node)) return this.moduleValue(node.getSourceFile().fileName, node.arguments[0].text, [], depth);
      if (isInteropCall(node)) return this.resolve(node.arguments[0]!, depth + 1);
      if (isMergeCall(node)) return { kind: 'merged', node, path: [] };
      return { kind: 'call', callee: this.resolve(node.expression, depth + 1), node, path: [] };
    }
    if (ts.isAwaitExpression(node)) {
      // `await import('got')` is the module's namespace; what other promises settle to is not known.
      const imported = skipOuterExpressions(node.expression);
      if (isDynamicImport(imported)) return this.moduleValue(node.getSourceFile().fileName, imported.arguments[0].text, [], depth);
      return UNKNOWN;
    }
    if (ts.isNewExpression(node)) return { kind: 'new', callee: this.resolve(node.expression, depth + 1), node, path: [] };
    if (ts.isObjectLiteralExpression(node)) return { kind: 'object', node, path: [] };
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return { kind: 'function', node, path: [] };
    if (ts.isClassExpression(node)) return { kind: 'class', node, path: [] };
    if (ts.isLiteralExpression(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword ||
        node.kind === ts.SyntaxKind.NullKeyword) {
      return { kind: 'literal', node, path: [] };
    }
    if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) return { kind: 'literal', node, path: [] };
    return UNKNOWN;
  }

  /** `clients[protocol]`: the value every property of an object literal shares, else unknown. */
  private anyProperty(object: ts.Expression, depth: number): Value {
    const base = this.resolve(object, depth + 1);
    if (base.kind !== 'object' || base.path.length > 0) return UNKNOWN;
    return protocolChoice(propertyValues(base.node), (e) => this.resolve(e, depth + 1)) ?? UNKNOWN;
  }

  private member(object: ts.Expression, name: string, depth: number): Value {
    const base = this.resolve(object, depth + 1);
    // `import * as http from './http'; http.api` is the export `api` of that workspace file.
    if (base.kind === 'workspace-module' && base.path.length === 0) {
      const exported = this.resolveExport(base.fileName, name, depth + 1);
      if (exported.kind !== 'unknown' || name === 'default') return exported;
      // `module.exports = Mention` … `require('./mention').create`: a static member of the class.
      const whole = this.resolveExport(base.fileName, 'default', depth + 1);
      return whole.kind === 'class' && whole.path.length === 0 ? member(whole, name) : UNKNOWN;
    }
    const later = base.kind === 'object' && base.path.length === 0 ? laterProperty(object, base.node, name, this) : undefined;
    return later ? this.resolve(later, depth + 1) : member(base, name);
  }

  private resolveIdentifier(identifier: ts.Identifier, depth: number): Value {
    const name = identifier.text;
    const binding = findBinding(name, identifier);
    if (!binding) {
      if (name === 'undefined') return { kind: 'literal', node: identifier, path: [] };
      return GLOBALS.has(name) ? { kind: 'global', name, path: [] } : UNKNOWN;
    }
    const key = 'node' in binding ? binding.node : binding.declaration;
    const cached = this.cache.get(key);
    if (cached) return cached;
    this.cache.set(key, UNKNOWN); // guards against cycles such as `let a = b; let b = a;`
    const value = this.resolveBinding(binding, name, depth);
    this.cache.set(key, value);
    return value;
  }

  private resolveBinding(binding: NonNullable<ReturnType<typeof findBinding>>, name: string, depth: number): Value {
    switch (binding.kind) {
      case 'import':
        return this.resolveImport(binding.declaration, binding.node, depth);
      case 'variable': {
        const declaration = binding.declaration;
        const initializer = declaration.initializer ?? soleAssignment(declaration);
        if (!initializer) return UNKNOWN;
        const base = this.resolve(initializer, depth + 1);
        return ts.isBindingElement(binding.node) ? destructured(base, binding.node) : base;
      }
      case 'parameter':
        return { kind: 'parameter', node: binding.declaration, path: [] };
      case 'function':
        return { kind: 'function', node: binding.declaration, path: [] };
      case 'class':
        return { kind: 'class', node: binding.declaration, path: [] };
      default:
        void name;
        return UNKNOWN;
    }
  }

  private resolveImport(declaration: ts.ImportDeclaration | ts.ImportEqualsDeclaration, node: ts.Node, depth: number): Value {
    const fromFile = declaration.getSourceFile().fileName;
    if (ts.isImportEqualsDeclaration(declaration)) {
      const reference = declaration.moduleReference;
      if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
        return this.moduleValue(fromFile, reference.expression.text, [], depth);
      }
      return UNKNOWN;
    }
    const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
    if (ts.isImportSpecifier(node)) {
      return this.moduleValue(fromFile, specifier, [(node.propertyName ?? node.name).text], depth);
    }
    const isNamespace = ts.isNamespaceImport(node.parent);
    return this.moduleValue(fromFile, specifier, isNamespace ? [] : ['default'], depth);
  }

  /** A module member: a workspace file's export (followed), or a package's member path. */
  private moduleValue(fromFile: string, specifier: string, path: string[], depth: number): Value {
    const target = this.host.resolveModule(fromFile, specifier);
    if (target === undefined) return { kind: 'module', module: normalizeModule(specifier), path: stripDefault(path) };
    if (path.length === 0) return { kind: 'workspace-module', fileName: target, path: [] };
    return this.resolveExport(target, path[0]!, depth + 1);
  }

  /** The value a workspace file exports under `name`, following re-exports. */
  resolveExport(fileName: string, name: string, depth: number, seen = new Set<string>()): Value {
    const key = `${fileName}#${name}`;
    if (depth > MAX_DEPTH || seen.has(key)) return UNKNOWN;
    seen.add(key);
    const sourceFile = this.host.getSourceFile(fileName);
    if (!sourceFile) return UNKNOWN;
    const facts = sourceFacts(sourceFile);
    const target = facts.exports.get(name);
    if (target) {
      switch (target.kind) {
        case 'expression':
          return this.resolve(target.expression, depth + 1);
        case 'local':
          return this.resolveTopLevel(sourceFile, target.name, depth);
        case 'reexport': {
          const next = this.host.resolveModule(fileName, target.module);
          return next === undefined
            ? { kind: 'module', module: normalizeModule(target.module), path: stripDefault([target.name]) }
            : this.resolveExport(next, target.name, depth + 1, seen);
        }
        case 'namespace':
          return UNKNOWN;
      }
    }
    for (const module of facts.starExports) {
      const next = this.host.resolveModule(fileName, module);
      if (next === undefined || !this.host.mayExport(next, name)) continue;
      const value = this.resolveExport(next, name, depth + 1, seen);
      if (value.kind !== 'unknown') return value;
    }
    return UNKNOWN;
  }

  private resolveTopLevel(sourceFile: ts.SourceFile, name: string, depth: number): Value {
    // Resolving a synthetic position at the top of the file finds top-level declarations only.
    const anchor = sourceFile.endOfFileToken;
    const binding = findBinding(name, anchor);
    if (!binding) return UNKNOWN;
    return this.resolveBinding(binding, name, depth + 1);
  }
}

function member(value: Value, name: string): Value {
  if (value.kind === 'unknown') return UNKNOWN;
  // `ns.default` of a package namespace import is the package itself (see stripDefault).
  if (value.kind === 'module' && value.path.length === 0 && name === 'default') return value;
  return { ...value, path: [...value.path, name] };
}

function destructured(base: Value, element: ts.BindingElement): Value {
  // Only `const { a } = x` and `const { a: b } = x` map to a member; nested patterns stay unknown.
  if (!ts.isObjectBindingPattern(element.parent) || !ts.isVariableDeclaration(element.parent.parent)) return UNKNOWN;
  const property = element.propertyName ?? element.name;
  if (!ts.isIdentifier(property) && !ts.isStringLiteral(property)) return UNKNOWN;
  return member(base, property.text);
}

function isDynamicImport(node: ts.Expression): node is ts.CallExpression & { arguments: [ts.StringLiteralLike] } {
  return ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword &&
    node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!);
}

/**
 * The module-interop helpers compilers wrap `require` in (TypeScript's and tslib's, Babel's, SWC's,
 * esbuild's). Each returns the module, or `{ default: module }` for a CommonJS one, which
 * `member` already reads as the module: so the call is its argument.
 */
const INTEROP_HELPERS = new Set([
  '__importDefault',
  '__importStar',
  '_interopRequireDefault',
  '_interopRequireWildcard',
  '_interop_require_default',
  '_interop_require_wildcard',
  '__toESM',
]);

function isInteropCall(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && INTEROP_HELPERS.has(name) && call.arguments.length >= 1;
}

export { skipOuterExpressions };

/** Packages republished under another name with the same API: `got-cjs` is got 12 built as CommonJS. */
const REPUBLISHED = new Map([['got-cjs', 'got']]);

/** `node:http` and `http` are the same module, and a republished package is its original. */
function normalizeModule(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.slice(5);
  return REPUBLISHED.get(specifier) ?? specifier;
}

/** A default import of a CommonJS package is the package itself: treat `default` as the namespace. */
function stripDefault(path: string[]): string[] {
  return path[0] === 'default' ? path.slice(1) : path;
}
