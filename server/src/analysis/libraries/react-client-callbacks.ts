import { ts } from '../../typescript';
import { isMemberName } from '../scope';
import { calleeName } from './callee-name';

// React code that runs only in the browser, even in a package that also runs on a server
// (Next.js pages, full-stack apps): event handlers and effects. React renders components on the
// server too, but it never calls an effect, a `useCallback` function or an event handler there.
// A request made from one holds no server's socket or worker (see browser-code.ts), so
// require-timeout leaves it alone. Render-time code (a component's body, `useMemo`, a `useState`
// initializer, `getServerSideProps`) runs on the server as well and is still checked.

/** Packages whose hooks and JSX make the conventions below hold. */
export const REACT_PACKAGES = /^(?:react|preact|preact\/hooks|preact\/compat)$/;

/** Hooks whose function arguments React runs during render: on the server too. */
const RENDER_TIME_HOOKS = new Set(['useMemo', 'useState', 'useReducer', 'useSyncExternalStore', 'use', 'useRef']);

/** What compiled JSX calls: `jsx('form', { onSubmit })`, `React.createElement(...)`. */
const JSX_FACTORIES = new Set(['jsx', 'jsxs', 'jsxDEV', '_jsx', '_jsxs', 'createElement']);

const HANDLER_NAME = /^on[A-Z]/;
const HOOK_NAME = /^use[A-Z]/;

/**
 * Whether `node` runs only in a browser: it lies in a function that React calls only there — an
 * effect or other hook callback, an `on…` event handler, or a named function of a component that
 * is handed out as one and never called while rendering. Only for files that import React.
 */
export function inReactBrowserCallback(node: ts.Node, verdicts: BrowserVerdicts): boolean {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (!isFunction(current)) continue;
    let verdict = verdicts.get(current);
    if (verdict === undefined) verdicts.set(current, (verdict = isBrowserCallback(current)));
    if (verdict) return true;
  }
  return false;
}

/**
 * Per function, whether it is a browser callback: asked for every call that may be outbound, and
 * a named function's answer scans its whole component. One per analysis of a file: an incremental
 * parse keeps unchanged functions while their component changes around them.
 */
export type BrowserVerdicts = Map<ts.Node, boolean>;

function isBrowserCallback(fn: ts.FunctionLikeDeclaration): boolean {
  if (isHookOrHandlerArgument(fn)) return true;
  const name = boundName(fn);
  const component = name && enclosingFunction(fn);
  return !!component && handedOutNotCalled(component, name);
}

/**
 * An inline callback: an argument of a hook that is not run at render time (`useEffect`,
 * `useCallback`, a library hook such as `useMutation`), directly or in an object it is given; or
 * the value of an `on…` JSX attribute or of an `on…` property of compiled JSX's props.
 */
function isHookOrHandlerArgument(fn: ts.Node): boolean {
  let node = fn;
  let parent = node.parent;
  if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) {
    const attribute = parent.parent.name;
    return ts.isIdentifier(attribute) && HANDLER_NAME.test(attribute.text);
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const key = parent.name;
    if (ts.isIdentifier(key) && HANDLER_NAME.test(key.text) && isJsxFactoryCall(parent.parent.parent)) return true;
    node = parent.parent;
    parent = node.parent;
  }
  return ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && isBrowserHook(parent);
}

function isBrowserHook(call: ts.CallExpression): boolean {
  const name = calleeName(call);
  return !!name && HOOK_NAME.test(name) && !RENDER_TIME_HOOKS.has(name);
}

function isJsxFactoryCall(node: ts.Node | undefined): boolean {
  if (!node || !ts.isCallExpression(node)) return false;
  const name = calleeName(node);
  return !!name && JSX_FACTORIES.has(name);
}

/** The name a function is declared under: `function load() {}`, `const load = async () => {}`. */
function boundName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === fn && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/**
 * Whether `name`, declared in `component`, is handed to React as a handler or hook callback
 * (`onSubmit={submit}`, `{ onSubmit: submit }` in compiled JSX, `useEffect(load)`) and every
 * call of it happens inside such a callback: a call while rendering would run it on the server.
 */
function handedOutNotCalled(component: ts.FunctionLikeDeclaration, name: string): boolean {
  let handedOut = false;
  let calledWhileRendering = false;
  const visit = (node: ts.Node): void => {
    if (calledWhileRendering) return;
    if (ts.isIdentifier(node) && node.text === name && !isMemberName(node)) {
      const parent = node.parent;
      if (ts.isCallExpression(parent) && parent.expression === node) {
        if (!insideCallbackWithin(parent, component)) calledWhileRendering = true;
      } else if (isHandedOut(node)) {
        handedOut = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  if (component.body) ts.forEachChild(component.body, visit);
  return handedOut && !calledWhileRendering;
}

/** `onSubmit={submit}`, `useEffect(load)`, or `{ onSubmit: submit }` / `{ onSubmit }` in compiled JSX's props. */
function isHandedOut(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isShorthandPropertyAssignment(parent)) {
    return HANDLER_NAME.test(parent.name.text) && isJsxFactoryCall(parent.parent.parent);
  }
  return isHookOrHandlerArgument(identifier);
}

/** Whether `node` lies in an inline browser callback between it and `component`. */
function insideCallbackWithin(node: ts.Node, component: ts.Node): boolean {
  for (let current = node.parent; current && current !== component; current = current.parent) {
    if (isFunction(current) && isHookOrHandlerArgument(current)) return true;
  }
  return false;
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node);
}
