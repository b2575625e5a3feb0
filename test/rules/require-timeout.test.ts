import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';
import { HTTP_TIMEOUT_CONSTANT } from '../helpers/timeout-fixtures';

const CONSTANT = HTTP_TIMEOUT_CONSTANT;

describe('require-timeout', () => {
  runRuleTests('require-timeout', {
    valid: [
      { name: 'fetch with AbortSignal.timeout', code: `export const get = (url: string) => fetch(url, { signal: AbortSignal.timeout(5000) });` },
      { name: 'timed signal in a variable', code: `const signal = AbortSignal.timeout(2_000);\nfetch('https://x', { signal });` },
      { name: 'init object in a constant', code: `const init = { method: 'GET', signal: AbortSignal.timeout(1000) };\nfetch('https://x', init);` },
      {
        name: 'incoming signal combined with a deadline',
        code: `export async function handler(req: { signal: AbortSignal }) {\n  return fetch('https://x', { signal: AbortSignal.any([req.signal, AbortSignal.timeout(800)]) });\n}`,
      },
      {
        name: 'controller aborted by a timer',
        code: `export async function f(url: string) {\n  const controller = new AbortController();\n  const timer = setTimeout(() => controller.abort(), 3000);\n  try { return await fetch(url, { signal: controller.signal }); } finally { clearTimeout(timer); }\n}`,
      },
      {
        name: 'controller aborted after timers/promises setTimeout',
        code: `import { setTimeout as delay } from 'node:timers/promises';\nexport async function f(url: string) {\n  const c = new AbortController();\n  void (async () => { await delay(1000); c.abort(); })();\n  return fetch(url, { signal: c.signal });\n}`,
      },
      {
        name: "a controller that the caller's signal aborts through an 'abort' listener (linked signals)",
        code: `export function fromFetch(url: string, init: RequestInit = {}) {\n  const controller = new AbortController();\n  const onAbort = () => controller.abort();\n  init.signal?.addEventListener('abort', onAbort);\n  return fetch(url, { ...init, signal: controller.signal });\n}\nexport function linked(url: string, outer: AbortSignal) {\n  const c = new AbortController();\n  outer.onabort = function () { c.abort(); };\n  return fetch(url, { signal: c.signal });\n}`,
      },
      { name: 'signal from the caller', code: `export const f = (url: string, signal: AbortSignal) => fetch(url, { signal });` },
      { name: 'init from the caller (a wrapper decides nothing)', code: `export const f = (url: string, init?: RequestInit) => fetch(url, init);` },
      { name: 'init spread from the caller', code: `export const f = (url: string, init: RequestInit) => fetch(url, { ...init, method: 'POST' });` },
      {
        name: 'a helper that returns a timed signal',
        code: `function deadline(ms: number) { return AbortSignal.timeout(ms); }\nfetch('https://x', { signal: deadline(100) });`,
      },
      { name: 'shadowed fetch parameter', code: `export function f(fetch: (u: string) => Promise<unknown>) { return fetch('https://x'); }` },
      { name: 'shadowed fetch variable', code: `const fetch = (u: string) => Promise.resolve(u);\nfetch('https://x');` },
      {
        name: 'fetch from a workspace module',
        files: { 'my-fetch.ts': `export function fetch(u: string) { return globalThis.fetch(u, { signal: AbortSignal.timeout(1) }); }` },
        code: `import { fetch } from './my-fetch';\nfetch('https://x');`,
      },
      { name: 'axios call with timeout', code: `import axios from 'axios';\naxios.get('/u', { timeout: 3000 });` },
      { name: 'axios(url, config) with timeout', code: `import axios from 'axios';\naxios('/u', { timeout: 3000 });` },
      { name: 'axios(config) with timeout', code: `import axios from 'axios';\naxios({ url: '/u', timeout: 3000 });` },
      { name: 'axios post with config', code: `import axios from 'axios';\nconst TIMEOUT_MS = 2 * 1000;\naxios.post('/u', { a: 1 }, { timeout: TIMEOUT_MS });` },
      {
        name: 'timeout on the instance, in another module',
        files: { 'http/client.ts': `import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api', timeout: 5000 });` },
        code: `import { api } from './http/client';\nexport const user = (id: string) => api.get('/users/' + id);`,
      },
      {
        name: 'timeout on the instance, through a re-export and a namespace import',
        files: {
          'http/client.ts': `import axios from 'axios';\nexport const api = axios.create({ timeout: 5000 });`,
          'http/index.ts': `export * from './client';`,
        },
        code: `import * as http from './http';\nhttp.api.post('/x', {});`,
      },
      {
        name: 'timeout on the instance, through nested barrels of star re-exports',
        files: {
          'http/client.ts': `import axios from 'axios';\nexport const api = axios.create({ timeout: 5000 });`,
          'http/format.ts': `export const formatUrl = (path: string) => '/' + path;`,
          'http/inner.ts': `export * from './client';`,
          'http/index.ts': `export * from './format';\nexport * from './inner';`,
        },
        code: `import { api } from './http';\napi.post('/x', {});`,
      },
      {
        name: 'instance defaults assigned in another module',
        files: {
          'client.ts': `import axios from 'axios';\nexport const api = axios.create({ baseURL: '/' });`,
          'setup.ts': `import { api } from './client';\napi.defaults.timeout = 4000;`,
        },
        code: `import { api } from './client';\napi.get('/health');`,
      },
      {
        name: 'axios.defaults.timeout assigned in another module',
        files: { 'setup.ts': `import axios from 'axios';\naxios.defaults.timeout = 2500;` },
        code: `import axios from 'axios';\naxios.get('/a');\nexport const c = axios.create({ baseURL: '/' });`,
      },
      {
        name: 'a wrapper that sets the timeout makes its callers clean',
        files: { 'http.ts': `import axios from 'axios';\nconst TIMEOUT_MS = 3000;\nexport function httpGet(url: string) { return axios.get(url, { timeout: TIMEOUT_MS }); }` },
        code: `import { httpGet } from './http';\nexport const load = () => httpGet('/a');`,
      },
      { name: 'config spread from a constant with timeout', code: `import axios from 'axios';\nconst base = { timeout: 3000 };\naxios.get('/a', { ...base, headers: {} });` },
      { name: 'config from a parameter', code: `import axios, { type AxiosRequestConfig } from 'axios';\nexport const get = (u: string, config: AxiosRequestConfig) => axios.get(u, config);` },
      { name: 'a local called axios that is not axios', code: `const axios = { get: (u: string) => u };\naxios.get('/a');` },
      { name: 'CommonJS require with an instance timeout', filename: 'main.js', code: `const axios = require('axios');\nconst api = axios.create({ timeout: 1000 });\napi.get('/a');` },
      {
        name: 'calls through an instance without timeout are reported at axios.create only',
        files: { 'client.ts': `import axios from 'axios';\nexport const bare = axios.create({ baseURL: '/' });` },
        code: `import { bare } from './client';\nbare.get('/a');`,
      },
      { name: 'a dynamic timeout is a timeout', code: `import axios from 'axios';\nexport const f = (cfg: { ms: number }) => axios.get('/a', { timeout: cfg.ms });` },
      { name: 'goodput-ignore-next-line', code: `// goodput-ignore-next-line require-timeout -- health probe\nfetch('https://x');` },
      { name: 'same-line goodput-ignore', code: `fetch('https://x'); // goodput-ignore require-timeout -- probe` },
      { name: 'goodput-ignore-file', code: `/* goodput-ignore-file require-timeout */\nfetch('https://x');\nfetch('https://y');` },
      // Fetch forwarders: `(url, init) => fetch(url, init)` leaves the timeout to each call of the wrapper.
      {
        name: 'a call of a fetch forwarder that passes a timed signal',
        files: { 'http.ts': `export const api = (path: string, init?: RequestInit) => fetch(\`https://api\${path}\`, init);` },
        code: `import { api } from './http';\nexport const load = () => api('/users', { signal: AbortSignal.timeout(2000) });`,
      },
      {
        name: 'a wrapper with a timeout of its own that callers may override',
        files: { 'http.ts': `export const api = (path: string, init?: RequestInit) => fetch(path, { signal: AbortSignal.timeout(5000), ...init });` },
        code: `import { api } from './http';\nexport const load = () => api('/users');`,
      },
      {
        name: 'a wrapper that bounds the fetch promise itself',
        files: { 'http.ts': `import pTimeout from 'p-timeout';\nexport const api = (path: string, init?: RequestInit) => pTimeout(fetch(path, init), { milliseconds: 1000 });` },
        code: `import { api } from './http';\nexport const load = () => api('/users');`,
      },
      {
        name: 'a wrapper that sets the signal on the options it is given',
        files: { 'http.ts': `export async function api(path: string, init: RequestInit = {}) {\n  return fetch(path, init);\n}\nexport async function api2(path: string, init: RequestInit) {\n  init.signal ??= AbortSignal.timeout(1000);\n  return fetch(path, init);\n}` },
        code: `import { api, api2 } from './http';\nexport const load = () => api('/users');\nexport const load2 = () => api2('/users', {});`,
      },
      {
        name: "a forwarder called with options from the caller's caller",
        code: `const api = (path: string, init?: RequestInit) => fetch(path, init);\nexport const load = (init: RequestInit) => api('/users', init);`,
      },
      {
        name: 'a wrapper that calls fetch twice is not a forwarder',
        code: `async function api(path: string, init?: RequestInit) {\n  const first = await fetch(path, init);\n  return first.ok ? first : fetch(path, init);\n}\nexport const load = () => api('/users');`,
      },
      {
        name: "browser code: a 'use client' component",
        code: `'use client';\nimport { useEffect, useState } from 'react';\nexport function Items() {\n  const [items, setItems] = useState([]);\n  useEffect(() => { fetch('/api/items').then((r) => r.json()).then(setItems); }, []);\n  return items.length;\n}\n`,
      },
      {
        name: "browser code in a server package: a script that reads window on load (Ghost's admin-auth iframe)",
        filename: 'core/frontend/src/admin-auth/message-handler.js',
        files: { 'package.json': JSON.stringify({ name: 'blog', dependencies: { express: '^5.1.0' } }) },
        code: `const adminUrl = window.location.href.replace('auth-frame/', '') + 'api/admin';\nwindow.addEventListener('message', async (event) => {\n  const res = await fetch(\`\${adminUrl}/users/me/\`);\n  event.source.postMessage(await res.json(), event.origin);\n});\n`,
      },
      {
        name: 'browser code in a server package: an async IIFE that reads document on load',
        filename: 'core/frontend/src/comment-counts/comment-counts.js',
        files: { 'package.json': JSON.stringify({ name: 'blog', dependencies: { express: '^5.1.0' } }) },
        code: `(async function () {\n  const api = document.querySelector('[data-counts-api]').dataset.countsApi;\n  const res = await fetch(api, { method: 'POST' });\n  console.log(await res.json());\n})();\n`,
      },
      {
        name: 'browser code in a server package: a script declaring eslint-env browser',
        filename: 'core/frontend/public/private.js',
        files: { 'package.json': JSON.stringify({ name: 'blog', dependencies: { express: '^5.1.0' } }) },
        code: `/* eslint-env browser */\nfunction send(form) {\n  return fetch('/members/api/send-magic-link/', { method: 'POST', body: new FormData(form) });\n}\nsend.bound = true;\n`,
      },
      {
        name: 'browser code: a single-page app (its package renders with react-dom, runs nothing on a server)',
        filename: 'apps/web/src/api/items.ts',
        files: {
          'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { react: '^19.0.0' }, devDependencies: { 'react-dom': '^19.0.0', vite: '^7.0.0' } }),
        },
        code: `import axios from 'axios';\nexport const items = () => fetch('/api/items').then((r) => r.json());\nexport const users = () => axios.get('/api/users');\n`,
      },
      {
        name: 'a command: a file with a shebang',
        filename: 'tools/sync.js',
        code: `#!/usr/bin/env node\nfetch(process.argv[2]).then((r) => r.text()).then(console.log);\n`,
      },
      {
        name: "a command: a script in its package's scripts/ directory (a health probe)",
        filename: 'packages/api/scripts/health-check.js',
        files: { 'packages/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5.1.0' } }) },
        code: `fetch('http://localhost:3000/health').then((r) => process.exit(r.ok ? 0 : 1));\n`,
      },
      {
        name: 'a function named like a wrapper that does not forward',
        code: `const api = (path: string) => fetch(path, { signal: AbortSignal.timeout(100) });\nexport const load = () => api('/users');`,
      },
    ],
    invalid: [
      {
        name: 'global fetch kept in a variable named after it (a test seam)',
        filename: 'discovery.js',
        code: `let fetchFn = fetch;\nexports.setFetch = (fn) => { fetchFn = fn; };\nexports.discover = async (issuer) => (await fetchFn(issuer + '/.well-known/openid-configuration')).json();\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 3 }],
        output: `${CONSTANT}\n\nlet fetchFn = fetch;\nexports.setFetch = (fn) => { fetchFn = fn; };\nexports.discover = async (issuer) => (await fetchFn(issuer + '/.well-known/openid-configuration', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) })).json();\n`,
      },
      {
        name: 'global fetch taken by an imported module under another name: the file itself never says `fetch`',
        files: { 'http.ts': 'export const fetchImpl = fetch;\n' },
        code: `import { fetchImpl } from './http';\nexport const discover = async (issuer: string) => (await fetchImpl(issuer)).json();\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2 }],
        output: `import { fetchImpl } from './http';\n\n${CONSTANT}\nexport const discover = async (issuer: string) => (await fetchImpl(issuer, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) })).json();\n`,
      },
      {
        name: 'a full-stack package (Next.js beside react-dom): its route handlers run on a server',
        filename: 'app/api/items/route.ts',
        files: { 'package.json': JSON.stringify({ name: 'shop', dependencies: { next: '^16.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } }) },
        code: `export async function GET() {\n  return fetch('https://inventory.internal/items');\n}\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2 }],
        output: `${CONSTANT}\n\nexport async function GET() {\n  return fetch('https://inventory.internal/items', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n}\n`,
      },
      {
        name: 'not a command: bin/ and scripts/ above the package, a file named scripts, a shebang further down',
        filename: 'bin/app/src/scripts.ts',
        files: { 'bin/app/package.json': JSON.stringify({ name: 'app', dependencies: { express: '^5.1.0' } }) },
        code: `export const note = '#!';\nexport async function items() {\n  return fetch('https://inventory.internal/items');\n}\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 3 }],
        output: `${CONSTANT}\n\nexport const note = '#!';\nexport async function items() {\n  return fetch('https://inventory.internal/items', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n}\n`,
      },
      {
        name: "server code that only names document: in a string, inside a function not called on load",
        filename: 'src/report.js',
        code: `const { renderPage } = require('./render');\nexports.pdf = async (html) => {\n  const filename = \`document.\${'pdf'}\`;\n  const res = await fetch('https://renderer.internal/pdf', { method: 'POST', body: renderPage(html, filename) });\n  return res.arrayBuffer();\n};\nexports.clientSide = function () {\n  return document.querySelector('form');\n};\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 4 }],
        output: `const { renderPage } = require('./render');\n\n${CONSTANT}\nexports.pdf = async (html) => {\n  const filename = \`document.\${'pdf'}\`;\n  const res = await fetch('https://renderer.internal/pdf', { method: 'POST', body: renderPage(html, filename), signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n  return res.arrayBuffer();\n};\nexports.clientSide = function () {\n  return document.querySelector('form');\n};\n`,
      },
      {
        name: 'a module of its own named window is not the browser global',
        filename: 'src/env.js',
        code: `const window = require('./settings');\nconst base = window.location.origin;\nexports.load = () => fetch(base + '/items');\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 3 }],
        output: `const window = require('./settings');\n\n${CONSTANT}\nconst base = window.location.origin;\nexports.load = () => fetch(base + '/items', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'isomorphic code that checks typeof window may run on a server',
        filename: 'src/iso.js',
        code: `exports.load = async () => {\n  const base = typeof window !== 'undefined' ? window.location.origin : 'https://api.internal';\n  return fetch(base + '/items');\n};\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 3 }],
        output: `${CONSTANT}\n\nexports.load = async () => {\n  const base = typeof window !== 'undefined' ? window.location.origin : 'https://api.internal';\n  return fetch(base + '/items', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n};\n`,
      },
      {
        name: "a server package beside a front-end one in a monorepo; 'use client' further down is not a directive",
        filename: 'apps/api/src/items.ts',
        files: {
          'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { 'react-dom': '^19.0.0' } }),
          'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { 'react-dom': '^19.0.0', express: '^5.1.0' } }),
        },
        code: `const note = 'use client';\nexport async function items() {\n  return fetch('https://inventory.internal/items');\n}\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 3 }],
        output: `${CONSTANT}\n\nconst note = 'use client';\nexport async function items() {\n  return fetch('https://inventory.internal/items', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n}\n`,
      },
      {
        name: 'an outer Promise.race deadline releases the caller but leaves the request running',
        code: `import fetch from 'node-fetch';\nconst download = async (url: URL) => (await fetch(url)).arrayBuffer();\nexport const run = () => withTimeout(120_000, () => download(new URL('https://x')));\nfunction withTimeout<T>(ms: number, f: () => Promise<T>) {\n  return Promise.race([f(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('ETIME')), ms))]);\n}\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2 }],
        output: `import fetch from 'node-fetch';\n\n${CONSTANT}\nconst download = async (url: URL) => (await fetch(url, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) })).arrayBuffer();\nexport const run = () => withTimeout(120_000, () => download(new URL('https://x')));\nfunction withTimeout<T>(ms: number, f: () => Promise<T>) {\n  return Promise.race([f(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('ETIME')), ms))]);\n}\n`,
      },
      {
        name: 'a poll loop that checks the elapsed time between attempts: one attempt is still unbounded',
        code: `export async function waitReady(base: string, timeoutMs = 120_000) {\n  const start = Date.now();\n  while (Date.now() - start < timeoutMs) {\n    try {\n      if ((await fetch(\`\${base}/health\`)).ok) return;\n    } catch {}\n    await new Promise((resolve) => setTimeout(resolve, 1500));\n  }\n}\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 5 }],
        output: `${CONSTANT}\n\nexport async function waitReady(base: string, timeoutMs = 120_000) {\n  const start = Date.now();\n  while (Date.now() - start < timeoutMs) {\n    try {\n      if ((await fetch(\`\${base}/health\`, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) })).ok) return;\n    } catch {}\n    await new Promise((resolve) => setTimeout(resolve, 1500));\n  }\n}\n`,
      },
      {
        name: 'fetch without init',
        code: `export async function load(url: string) {\n  return fetch(url);\n}\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2, column: 10 }],
        output: `${CONSTANT}\n\nexport async function load(url: string) {\n  return fetch(url, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n}\n`,
      },
      {
        name: 'fetch with a multi-line init and no signal',
        code: `import { log } from './log';\nexport const post = (url: string, body: string) =>\n  fetch(url, {\n    method: 'POST',\n    body,\n  });\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 3 }],
        output: `import { log } from './log';\n\n${CONSTANT}\nexport const post = (url: string, body: string) =>\n  fetch(url, {\n    method: 'POST',\n    body,\n    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),\n  });\n`,
      },
      {
        name: 'globalThis.fetch, reusing the module constant',
        code: `const HTTP_TIMEOUT_MS = 2000;\nglobalThis.fetch('https://x', { method: 'GET' });\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2, column: 1 }],
        output: `const HTTP_TIMEOUT_MS = 2000;\nglobalThis.fetch('https://x', { method: 'GET', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'init constant without a signal',
        code: `const init = { method: 'GET' };\nfetch('https://x', init);\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2 }],
        output: `${CONSTANT}\n\nconst init = { method: 'GET' };\nfetch('https://x', { ...init, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'a controller that no timer aborts',
        code: `export function f(url: string) {\n  const controller = new AbortController();\n  return fetch(url, { signal: controller.signal });\n}\n`,
        errors: [{ messageId: 'fetchSignalUntimed', line: 3, column: 10 }],
        output: `${CONSTANT}\n\nexport function f(url: string) {\n  const controller = new AbortController();\n  return fetch(url, { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) });\n}\n`,
      },
      {
        name: "a controller aborted by another event than 'abort' (a socket closing) still has no timer",
        code: `export function f(url: string, socket: EventTarget) {\n  const controller = new AbortController();\n  socket.addEventListener('close', () => controller.abort());\n  return fetch(url, { signal: controller.signal });\n}\n`,
        errors: [{ messageId: 'fetchSignalUntimed', line: 4, column: 10 }],
        output: `${CONSTANT}\n\nexport function f(url: string, socket: EventTarget) {\n  const controller = new AbortController();\n  socket.addEventListener('close', () => controller.abort());\n  return fetch(url, { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) });\n}\n`,
      },
      {
        name: 'axios default instance: get, post, request config, destructured method',
        code: `import axios from 'axios';\nconst { get } = axios;\naxios.get('/a');\naxios.post('/b', { x: 1 });\naxios({ url: '/c', method: 'get' });\nget('/d');\n`,
        errors: [
          { messageId: 'axiosNoTimeout', line: 3 },
          { messageId: 'axiosNoTimeout', line: 4 },
          { messageId: 'axiosNoTimeout', line: 5 },
          { messageId: 'axiosNoTimeout', line: 6 },
        ],
        output: `import axios from 'axios';\n\n${CONSTANT}\nconst { get } = axios;\naxios.get('/a', { timeout: HTTP_TIMEOUT_MS });\naxios.post('/b', { x: 1 }, { timeout: HTTP_TIMEOUT_MS });\naxios({ url: '/c', method: 'get', timeout: HTTP_TIMEOUT_MS });\nget('/d', { timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'axios.post without data gets an undefined data argument',
        code: `import axios from 'axios';\naxios.post('/b');\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 2 }],
        output: `import axios from 'axios';\n\n${CONSTANT}\naxios.post('/b', undefined, { timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'instance without timeout is reported once, at axios.create',
        code: `import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api' });\napi.get('/a');\napi.get('/b');\n`,
        errors: [{ messageId: 'axiosInstanceNoTimeout', line: 2, column: 20 }],
        output: `import axios from 'axios';\n\n${CONSTANT}\nexport const api = axios.create({ baseURL: 'https://api', timeout: HTTP_TIMEOUT_MS });\napi.get('/a');\napi.get('/b');\n`,
      },
      {
        name: 'axios.create() with no config',
        code: `import axios from 'axios';\nexport default axios.create();\n`,
        errors: [{ messageId: 'axiosInstanceNoTimeout', line: 2 }],
        output: `import axios from 'axios';\n\n${CONSTANT}\nexport default axios.create({ timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'timeout: 0 disables the timeout',
        code: `import axios from 'axios';\naxios.get('/a', { timeout: 0 });\n`,
        errors: [{ messageId: 'timeoutDisabled', line: 2 }],
        output: `import axios from 'axios';\n\n${CONSTANT}\naxios.get('/a', { timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'defaults of another instance do not apply',
        files: { 'setup.ts': `import axios from 'axios';\nexport const other = axios.create({});\nother.defaults.timeout = 1000;` },
        code: `import axios from 'axios';\naxios.get('/a');\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 2 }],
        output: `import axios from 'axios';\n\n${CONSTANT}\naxios.get('/a', { timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'CommonJS with "use strict": the constant goes after the requires',
        filename: 'main.cjs',
        code: `'use strict';\nconst axios = require('axios');\nmodule.exports = () => axios.get('/a');\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 3 }],
        output: `'use strict';\nconst axios = require('axios');\n\n${CONSTANT}\nmodule.exports = () => axios.get('/a', { timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'namespace import of axios',
        code: `import * as ax from 'axios';\nax.default.get('/a');\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 2 }],
        output: `import * as ax from 'axios';\n\n${CONSTANT}\nax.default.get('/a', { timeout: HTTP_TIMEOUT_MS });\n`,
      },
      {
        name: 'the fix uses the configured default',
        options: { defaultTimeoutMs: 2500 },
        code: `fetch('https://x');\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 1 }],
        output: `${CONSTANT.replace('10_000', '2500')}\n\nfetch('https://x', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'a file header comment stays on top; a doc comment stays on its function',
        code: `// Catalog service client.\n\n/** Loads one product. */\nexport function load(id: string) {\n  return fetch('/p/' + id);\n}\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 5 }],
        output: `// Catalog service client.\n\n${CONSTANT}\n\n/** Loads one product. */\nexport function load(id: string) {\n  return fetch('/p/' + id, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n}\n`,
      },
      {
        name: 'a name clash picks another constant name',
        code: `export function f(HTTP_TIMEOUT_MS: number) {\n  return fetch('/a');\n}\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2 }],
        output: `${CONSTANT.replace('HTTP_TIMEOUT_MS', 'HTTP_TIMEOUT_MS_2')}\n\nexport function f(HTTP_TIMEOUT_MS: number) {\n  return fetch('/a', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS_2) });\n}\n`,
      },
      {
        // In a file that reaches a client, calls named like built-in methods are skipped, but not where a wrapper of fetch is in reach.
        name: 'a fetch forwarder named like an array method, in a file that imports http',
        files: { 'metrics.ts': `export const push = (path: string, init?: RequestInit) => fetch(\`https://m\${path}\`, init);` },
        code: `import * as http from 'http';\nimport * as metrics from './metrics';\nexport const server = http.createServer();\nexport const report = () => metrics.push('/up');\n`,
        errors: [{ messageId: 'forwardedFetchNoTimeout', line: 4 }],
        output: `import * as http from 'http';\nimport * as metrics from './metrics';\n\n${CONSTANT}\nexport const server = http.createServer();\nexport const report = () => metrics.push('/up', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'a call of an imported fetch forwarder without options',
        files: { 'http.ts': `export const api = (path: string, init?: RequestInit) => fetch(\`https://api\${path}\`, init);` },
        code: `import { api } from './http';\nexport const load = () => api('/users');\n`,
        errors: [{ messageId: 'forwardedFetchNoTimeout', line: 2, column: 27 }],
        output: `import { api } from './http';\n\n${CONSTANT}\nexport const load = () => api('/users', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'a fetch forwarder re-exported through a barrel (export * and export { … } from)',
        files: {
          'http/client.ts': `export const api = (path: string, init?: RequestInit) => fetch(\`https://api\${path}\`, init);`,
          'http/index.ts': `export * from './client';`,
          'lib.ts': `export { api as call } from './http';`,
        },
        code: `import { api } from './http';\nimport { call } from './lib';\nexport const load = () => api('/users');\nexport const ping = () => call('/ping');\n`,
        errors: [
          { messageId: 'forwardedFetchNoTimeout', line: 3, column: 27 },
          { messageId: 'forwardedFetchNoTimeout', line: 4, column: 27 },
        ],
        output: `import { api } from './http';\nimport { call } from './lib';\n\n${CONSTANT}\nexport const load = () => api('/users', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\nexport const ping = () => call('/ping', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'a forwarder that spreads the options, called with options that have no signal',
        code: `async function api(path: string, init?: RequestInit) {\n  const response = await fetch(path, { ...init, headers: { ...init?.headers, accept: 'application/json' } });\n  return response.json();\n}\nexport const create = (body: string) => api('/users', { method: 'POST', body });\n`,
        errors: [{ messageId: 'forwardedFetchNoTimeout', line: 5 }],
        output: `${CONSTANT}\n\nasync function api(path: string, init?: RequestInit) {\n  const response = await fetch(path, { ...init, headers: { ...init?.headers, accept: 'application/json' } });\n  return response.json();\n}\nexport const create = (body: string) => api('/users', { method: 'POST', body, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'a forwarder whose options are the third parameter',
        files: { 'http.ts': `export function request(method: string, url: string, init?: RequestInit) {\n  return fetch(url, init);\n}` },
        code: `import { request } from './http';\nrequest('GET', '/health');\n`,
        errors: [{ messageId: 'forwardedFetchNoTimeout', line: 2, column: 1 }],
        output: `import { request } from './http';\n\n${CONSTANT}\nrequest('GET', '/health', { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });\n`,
      },
      {
        name: 'a forwarder given a controller that no timer aborts',
        files: { 'http.ts': `export const api = (path: string, init?: RequestInit) => fetch(path, init);` },
        code: `import { api } from './http';\nexport function load() {\n  const controller = new AbortController();\n  return api('/users', { signal: controller.signal });\n}\n`,
        errors: [{ messageId: 'fetchSignalUntimed', line: 4, column: 10 }],
        output: `import { api } from './http';\n\n${CONSTANT}\nexport function load() {\n  const controller = new AbortController();\n  return api('/users', { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) });\n}\n`,
      },
    ],
  });
});
