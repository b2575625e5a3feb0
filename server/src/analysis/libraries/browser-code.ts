import { ts } from '../../typescript';
import type { PackageScope } from '../package-scopes';
import type { LibraryContext } from './timeout-policy';

// Code that runs in a browser. A request a browser leaves waiting holds no server's socket,
// worker or pool slot — the user's tab waits, not a backend — so the rules about calls without a
// deadline do not apply there (retries and fan-out still do: every client's retry lands on the
// same servers). Signs, each sure on its own:
//  - the file starts with the `'use client'` directive (React Server Components: Next.js, Waku…);
//  - it declares a browser environment for ESLint (`/* eslint-env browser */`);
//  - its code that runs on load — top-level statements and the bodies of functions invoked at once
//    (`(function () { … })()`) — reads `window.…` or `document.…`, which would throw in Node. A
//    script a server package serves as a static asset (Ghost's `public/*.js`) is one; code that
//    checks `typeof window` anywhere may run on either side and is not;
//  - its package (nearest package.json) renders to the DOM and has nothing that runs on a server:
//    a single-page app built by Vite, webpack or Parcel. A full-stack framework (Next.js, Nuxt,
//    SvelteKit, Remix…) or a server library beside the renderer means some of its files run on a
//    server, so the package says nothing.

/** Packages that render to the DOM: a package depending on one is front-end code, unless… */
const DOM_RENDERERS = new Set(['react-dom', 'vue', 'svelte', '@angular/core', 'preact', 'solid-js', 'lit']);

/** …it also depends on one of these, which run code on a server (or in Node, for Electron). */
const SERVER_SIDE = [
  /^(next|nuxt|astro|gatsby|vike|waku|electron|express|fastify|koa|hono|h3|nitropack|polka|restify)$/,
  /^(@sveltejs\/kit|@remix-run\/(node|server-runtime|express|serve)|@react-router\/(node|serve|express|dev))$/,
  /^(@angular\/(ssr|platform-server)|@nguniversal\/.*|@analogjs\/platform|@builder\.io\/qwik-city)$/,
  /^(@solidjs\/start|solid-start|@tanstack\/(react|solid)-start|vite-plugin-ssr|@nestjs\/core|@hapi\/hapi)$/,
  /^(@vue\/server-renderer|vue-server-renderer|@hono\/node-server|@lit-labs\/ssr)$/,
];

/** Per package: whether it is a front-end app (scopes are kept until a package.json changes). */
const frontEnd = new WeakMap<PackageScope, boolean>();

/** Whether the analyzed file runs in a browser (see the signs above). */
export function runsInBrowser(context: LibraryContext & { text: string; sourceFile: ts.SourceFile }): boolean {
  const text = context.text;
  // Each pattern only where its words occur: `includes` is several times faster than a search with a pattern.
  if (startsWithUseClient(text) || (text.includes('eslint-env') && ESLINT_BROWSER_ENV.test(text))) return true;
  const mentionsGlobals = text.includes('window') || text.includes('document');
  if (mentionsGlobals && BROWSER_GLOBAL_USE.test(text) && !TYPEOF_BROWSER_GLOBAL.test(text) && readsBrowserGlobalsOnLoad(context.sourceFile, text))
    return true;
  const scope = context.workspace.packageOf(context.fileName);
  if (!scope) return false;
  let known = frontEnd.get(scope);
  if (known === undefined) frontEnd.set(scope, (known = isFrontEndApp(scope)));
  return known;
}

function isFrontEndApp(scope: PackageScope): boolean {
  const dependencies = [...scope.dependencies];
  return (
    dependencies.some((name) => DOM_RENDERERS.has(name)) &&
    !dependencies.some((name) => SERVER_SIDE.some((pattern) => pattern.test(name)))
  );
}

/**
 * Whether the first statement is the `'use client'` directive, after whitespace and comments.
 * A loop, not a RegExp: a pattern that skips comments can backtrack across every later `*\/` of
 * a large file.
 */
export function startsWithUseClient(text: string): boolean {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    const close = text.startsWith('//', at) ? '\n' : text.startsWith('/*', at) ? '*/' : undefined;
    if (!close) break;
    const end = text.indexOf(close, at + 2);
    if (end === -1) return false; // a comment that never ends
    at = end + close.length;
  }
  return text.startsWith("'use client'", at) || text.startsWith('"use client"', at);
}

const ESLINT_BROWSER_ENV = /\/\*\s*eslint-env\s[^*]*\bbrowser\b/;
const BROWSER_GLOBAL_USE = /\b(?:window|document)\s*\./;
const TYPEOF_BROWSER_GLOBAL = /\btypeof\s+(?:window|document)\b/;
/** A binding of its own named `window` or `document` (a UMD wrapper's parameter, a variable). */
const DECLARES_BROWSER_NAME = /\b(?:const|let|var|function|class)\s+(?:window|document)\b|[(,]\s*(?:window|document)\s*[,)]/;
const BROWSER_GLOBALS = new Set(['window', 'document']);

/**
 * Whether code run on load — top-level statements and the bodies of functions called where they
 * are written (`(function () { … })()`, `(async () => { … })()`) — reads a member of `window` or
 * `document`. Runs before the engine's walk, so it reads no parent pointers: a file that declares
 * either name itself is left to the other signs.
 */
function readsBrowserGlobalsOnLoad(sourceFile: ts.SourceFile, text: string): boolean {
  if (DECLARES_BROWSER_NAME.test(text)) return false;
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false; // runs later, if at all
    if (ts.isCallExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
      if ((ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) && visit(callee.body)) return true;
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && BROWSER_GLOBALS.has(node.expression.text))
      return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return sourceFile.statements.some(visit);
}
