import { ts } from '../../typescript';
import { enclosingFunction, findBinding } from '../scope';

// Callbacks handed over by reference rather than written in the call: `socket.on('close', onClose)`
// after `function onClose() {…}` or `const onClose = () => {…}`, and Node-RED's websocket node's
// `socket.on('error', socket.nrErrorHandler)` after `socket.nrErrorHandler = function (err) {…}`.
// A failure handler so registered is as much a failure handler as one written inline
// (failure-handlers.ts).

/** A call that hands a function over: `.on(event, f)`, `.once(event, f)`, `.catch(f)`, `.then(g, f)`. */
export interface Registration {
  call: ts.CallExpression & { expression: ts.PropertyAccessExpression };
  /** The argument that names the function: an identifier or a member access. */
  argument: ts.Identifier | ts.PropertyAccessExpression;
}

const REGISTERING_METHODS = new Set(['on', 'once', 'catch', 'then']);

/** The calls of a file that hand over a name or member, by that reference's text; kept on the tree (it depends on nothing else). */
const REGISTRATIONS = Symbol('goodput.registrations');
type WithRegistrations = ts.SourceFile & { [REGISTRATIONS]?: Map<string, Registration[]> };

/** The calls that register `fn` by a reference to it: its name (declared or `const`), or the member it was assigned to. */
export function registrationsByReference(fn: ts.FunctionLikeDeclaration): Registration[] {
  if (ts.isFunctionDeclaration(fn)) {
    if (!fn.name) return [];
    return registrationsNamed(fn, fn.name.text).filter((found) => bindsTo(found.argument, fn));
  }
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return [];
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === fn && ts.isIdentifier(parent.name)) {
    if (!(parent.parent.flags & ts.NodeFlags.Const)) return [];
    return registrationsNamed(fn, parent.name.text).filter((found) => bindsTo(found.argument, parent));
  }
  // `socket.nrErrorHandler = function (err) {…}`: the same member, handed over in the same function.
  if (ts.isBinaryExpression(parent) && parent.right === fn && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    if (!ts.isPropertyAccessExpression(parent.left)) return [];
    const owner = enclosingFunction(parent);
    return registrationsNamed(fn, referenceText(parent.left)).filter(
      (found) => ts.isPropertyAccessExpression(found.argument) && enclosingFunction(found.call) === owner,
    );
  }
  return [];
}

function bindsTo(argument: ts.Expression, declaration: ts.Node): boolean {
  if (!ts.isIdentifier(argument)) return false;
  const binding = findBinding(argument.text, argument);
  return binding !== undefined && 'declaration' in binding && binding.declaration === declaration;
}

function registrationsNamed(fn: ts.Node, reference: string): Registration[] {
  const sourceFile = fn.getSourceFile() as WithRegistrations;
  const registrations = (sourceFile[REGISTRATIONS] ??= collectRegistrations(sourceFile));
  return registrations.get(reference) ?? [];
}

function collectRegistrations(sourceFile: ts.SourceFile): Map<string, Registration[]> {
  const found = new Map<string, Registration[]>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      REGISTERING_METHODS.has(node.expression.name.text)
    ) {
      for (const argument of node.arguments) {
        if (!ts.isIdentifier(argument) && !ts.isPropertyAccessExpression(argument)) continue;
        const key = referenceText(argument);
        const list = found.get(key) ?? [];
        list.push({ call: node as Registration['call'], argument });
        found.set(key, list);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** `socket.nrErrorHandler`, `onClose`: the reference as written, without spaces or comments. */
function referenceText(reference: ts.Identifier | ts.PropertyAccessExpression): string {
  if (ts.isIdentifier(reference)) return reference.text;
  const owner = reference.expression;
  const ownerText =
    ts.isIdentifier(owner) || ts.isPropertyAccessExpression(owner)
      ? referenceText(owner)
      : owner.kind === ts.SyntaxKind.ThisKeyword
        ? 'this'
        : `(${owner.pos})`; // any other owner: a key no other reference shares
  return `${ownerText}.${reference.name.text}`;
}
