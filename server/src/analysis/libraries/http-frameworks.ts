import { ts } from '../../typescript';
import { appliesTo } from '../package-scopes';
import type { LibraryContext } from './timeout-policy';

// Request handlers and the cancellation signal they receive. Node frameworks do not hand one
// out by default (Express, Fastify, Koa, NestJS): a project adds it — a middleware that sets
// `req.signal` from the response's 'close' event, or a handler parameter typed `AbortSignal`
// (a NestJS param decorator, a job runner's context). Only where such a signal exists can a
// handler pass it on, so only there is not passing it a finding.

/** A function that handles a request and the expression naming its incoming signal. */
export interface SignalSource {
  handler: ts.SignatureDeclaration;
  /** `signal`, `req.signal`, `ctx.signal` */
  text: string;
  /** The declaration the signal is bound to (for a parameter) or the request parameter. */
  parameter: ts.ParameterDeclaration;
  /** For `req.signal`: the member name on the request parameter. */
  member?: string;
}

const ROUTE_METHOD_NAMES = ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'route'];
const ROUTE_METHODS = new Set(ROUTE_METHOD_NAMES);
const REQUEST_TYPE_NAMES = ['Request', 'FastifyRequest', 'Context', 'ParameterizedContext', 'IncomingMessage'];
const REQUEST_TYPES = new RegExp(`^(?:${[...REQUEST_TYPE_NAMES, 'Koa\\.Context', 'express\\.Request'].join('|')})\\b`);

/**
 * A necessary condition on a file's text for `isRequestHandler` to find a handler in it, checked
 * before parsing: a route registered with a path and then its handler (`app.get('/x', …)`;
 * `map.get('key')` has no second argument), or a parameter typed as a request (`req: Request`).
 * One pattern: a loop of indexOf calls with a check at each hit measured four times slower.
 */
export const REQUEST_HANDLER_TEXT = new RegExp(
  `\\.(?:${ROUTE_METHOD_NAMES.join('|')})\\(\\s*(?:'[^'\\n]*'|"[^"\\n]*"|\`[^\`\\n]*\`|\\/[^\\n]*\\/[a-z]*)\\s*,` +
    `|:\\s*(?:[\\w$]+\\.)?(?:${REQUEST_TYPE_NAMES.join('|')})\\b`,
);

/** Per function, per analysis: its signal source. Functions are judged once, not once per call in them. */
const INCOMING_SIGNAL = Symbol('incomingSignal');

/** The incoming signal of a function, if it receives one (own parameter, destructured, or on its request). */
export function incomingSignal(fn: ts.SignatureDeclaration, context: LibraryContext): SignalSource | undefined {
  return context.values.memo(INCOMING_SIGNAL, fn, () => findIncomingSignal(fn, context));
}

function findIncomingSignal(fn: ts.SignatureDeclaration, context: LibraryContext): SignalSource | undefined {
  for (const parameter of fn.parameters) {
    if (ts.isIdentifier(parameter.name) && (isAbortSignalType(parameter.type) || parameter.name.text === 'signal')) {
      return { handler: fn, text: parameter.name.text, parameter };
    }
    if (ts.isObjectBindingPattern(parameter.name)) {
      const element = parameter.name.elements.find(
        (e) => ts.isIdentifier(e.name) && (e.propertyName ?? e.name).getText() === 'signal',
      );
      if (element && ts.isIdentifier(element.name)) return { handler: fn, text: element.name.text, parameter };
    }
  }
  const request = fn.parameters[0];
  if (!request || !ts.isIdentifier(request.name) || !isRequestHandler(fn)) return undefined;
  const name = request.name.text;
  if (requestsCarrySignal(context) || readsMember(fn, name, 'signal'))
    return { handler: fn, text: `${name}.signal`, parameter: request, member: 'signal' };
  return undefined;
}

function isAbortSignalType(type: ts.TypeNode | undefined): boolean {
  return !!type && ts.isTypeReferenceNode(type) && type.typeName.getText() === 'AbortSignal';
}

/** A route handler: typed with a framework request type, or registered on a route (`app.get('/x', …)`). */
export function isRequestHandler(fn: ts.SignatureDeclaration): boolean {
  const type = fn.parameters[0]?.type;
  if (type && REQUEST_TYPES.test(type.getText())) return true;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  // The function itself, or a wrapper call around it (`route(async (req, res) => …)`), is an argument of a route registration.
  let argument: ts.Node = fn;
  for (let hops = 0; hops < 2; hops++) {
    const call = argument.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(argument as ts.Expression)) return false;
    if (isRouteRegistration(call)) return true;
    argument = call;
  }
  return false;
}

function isRouteRegistration(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ROUTE_METHODS.has(callee.name.text)) return false;
  const path = call.arguments[0];
  return !!path && (ts.isStringLiteralLike(path) || ts.isRegularExpressionLiteral(path));
}

function readsMember(fn: ts.SignatureDeclaration, name: string, member: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === member &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === name
    )
      found = true;
    ts.forEachChild(node, visit);
  };
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body) visit(body);
  return found;
}

/** Per list of workspace nodes (one per workspace version): the files whose middleware attaches a signal. */
const middlewareFiles = new WeakMap<readonly ts.Node[], readonly string[]>();

/**
 * A middleware sets `<request>.signal = …` on the request it receives, in the file's own package
 * or in a package the file's package depends on: a monorepo's other services do not run it.
 */
export function requestsCarrySignal(context: LibraryContext): boolean {
  const assignments = context.workspace.nodesInWorkspace('.signal =', ts.SyntaxKind.BinaryExpression, mayCarrySignal);
  let files = middlewareFiles.get(assignments);
  if (!files) {
    const found = assignments.filter(isSignalMiddlewareAssignment).map((node) => node.getSourceFile().fileName);
    middlewareFiles.set(assignments, (files = [...new Set(found)]));
  }
  if (files.length === 0) return false;
  const here = context.workspace.packageOf(context.fileName);
  return files.some((fileName) => appliesTo(context.workspace.packageOf(fileName), here));
}

const ASSIGNED_SIGNAL = /^\s*=(?!=)/;

/**
 * Names written as a function's first parameter: `(x,`, `(x)`, `(x:`, `(x =`, `(x?`, `x =>`. The
 * separators around a name are looked at, not consumed, so that `f(x,req=>…)` yields both names.
 */
const PARAMETER_LIKE = /\(\s*([A-Za-z_$][\w$]*)(?=\s*[,:)=?])|(?<![\w$])([A-Za-z_$][\w$]*)(?=\s*=>)/g;

/**
 * A necessary condition for `isSignalMiddlewareAssignment`, on the text: some `x.signal = …`
 * where `x` is written as a function's first parameter. The parameter-like names are collected
 * in one pass: searching the whole text again for each assignment's owner was quadratic.
 */
function mayCarrySignal(text: string): boolean {
  const owners = new Set<string>();
  for (let at = text.indexOf('.signal'); at !== -1; at = text.indexOf('.signal', at + 7)) {
    const owner = /[A-Za-z_$][\w$]*$/.exec(text.slice(Math.max(0, at - 64), at))?.[0];
    if (owner && owner !== 'this' && ASSIGNED_SIGNAL.test(text.slice(at + 7, at + 16))) owners.add(owner);
  }
  if (owners.size === 0) return false;
  for (const match of text.matchAll(PARAMETER_LIKE)) if (owners.has(match[1] ?? match[2]!)) return true;
  return false;
}

function isSignalMiddlewareAssignment(node: ts.Node): boolean {
  const binary = node as ts.BinaryExpression;
  if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(binary.left))
    return false;
  const target = binary.left;
  if (target.name.text !== 'signal' || !ts.isIdentifier(target.expression)) return false;
  for (let current: ts.Node | undefined = binary.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const first = current.parameters[0];
      return !!first && ts.isIdentifier(first.name) && first.name.text === (target.expression as ts.Identifier).text;
    }
  }
  return false;
}

/** The nearest enclosing function that receives a signal (a handler), looking through nested callbacks. */
export function enclosingSignalSource(node: ts.Node, context: LibraryContext): SignalSource | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const source = incomingSignal(current, context);
      if (source) return source;
      // A named function declared inside a handler runs on its own terms; stop there.
      if (ts.isFunctionDeclaration(current) || (ts.isMethodDeclaration(current) && !hasRouteDecorator(current)))
        return undefined;
    }
    if (ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

function hasRouteDecorator(method: ts.MethodDeclaration): boolean {
  return (ts.getDecorators(method) ?? []).some((decorator) =>
    /^(Get|Post|Put|Patch|Delete|All|Head|Options)\b/.test(decorator.expression.getText()),
  );
}
