import type { Value } from './values';

// What made an HTTP server or app: the one place that recognises `express()`, `new Koa()`,
// `fastify()`, `http.createServer()` and `new http.Server()`. Load shedding asks where such a
// value starts listening (http-servers.ts); server timeouts ask what options it was made with
// (node-server.ts).

/** Packages whose main module can make a server (`node:` is stripped by the import index). */
export const SERVER_PACKAGES = /^(express|koa|fastify|http|https|http2)(\/|$)/;

export type ServerFramework = 'express' | 'koa' | 'fastify' | 'node';

export interface ServerMaker {
  framework: ServerFramework;
  /** The package: `express`, `koa`, `fastify`, `http`, `https`, `http2`. */
  module: string;
  /** The factory for Node's servers (`createServer`, `createSecureServer`, `Server`); '' for apps. */
  factory: string;
}

const NODE_SERVER_MODULES = new Set(['http', 'https', 'http2']);

/** The maker of `value` when it is a server or app itself (not a member of one). */
export function serverMaker(value: Value): ServerMaker | undefined {
  if ((value.kind !== 'call' && value.kind !== 'new') || value.path.length !== 0) return undefined;
  const maker = value.callee;
  if (maker.kind !== 'module') return undefined;
  // `import express from 'express'` in CommonJS interop reads `express.default`.
  const path = maker.path[0] === 'default' ? maker.path.slice(1) : maker.path;
  const app = (framework: ServerFramework): ServerMaker => ({ framework, module: maker.module, factory: '' });
  if (value.kind === 'call' && maker.module === 'express' && path.length === 0) return app('express');
  if (value.kind === 'new' && maker.module === 'koa' && path.length === 0) return app('koa');
  if (value.kind === 'call' && maker.module === 'fastify' && (path.length === 0 || isOnly(path, 'fastify'))) {
    return app('fastify');
  }
  if (!NODE_SERVER_MODULES.has(maker.module) || path.length !== 1) return undefined;
  const factory = path[0]!;
  const made = value.kind === 'call' ? factory === 'createServer' || factory === 'createSecureServer' : factory === 'Server';
  return made ? { framework: 'node', module: maker.module, factory } : undefined;
}

function isOnly(path: readonly string[], name: string): boolean {
  return path.length === 1 && path[0] === name;
}
