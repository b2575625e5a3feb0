import type { PackageScope } from '../package-scopes';
import type { LibraryContext } from './timeout-policy';

// Code that runs in a browser. A request a browser leaves waiting holds no server's socket,
// worker or pool slot — the user's tab waits, not a backend — so the rules about calls without a
// deadline do not apply there (retries and fan-out still do: every client's retry lands on the
// same servers). Two signs, each sure on its own:
//  - the file starts with the `'use client'` directive (React Server Components: Next.js, Waku…);
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
export function runsInBrowser(context: LibraryContext & { text: string }): boolean {
  if (startsWithUseClient(context.text)) return true;
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
