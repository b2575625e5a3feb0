import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';
import { HTTP_TIMEOUT_CONSTANT } from '../helpers/timeout-fixtures';

const HTTP = HTTP_TIMEOUT_CONSTANT;

/** An Express app whose middleware puts an AbortSignal on each request. */
const APP = `import express from 'express';
const app = express();
app.use((req: any, res: any, next: any) => {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  req.signal = controller.signal;
  next();
});
`;

describe('require-deadline-propagation', () => {
  runRuleTests('require-deadline-propagation', {
    valid: [
      {
        name: 'passes the signal combined with a deadline',
        code: `${APP}app.get('/a', async (req: any, res: any) => {\n  res.json(await fetch('https://x', { signal: AbortSignal.any([req.signal, AbortSignal.timeout(500)]) }));\n});`,
      },
      {
        name: 'a helper that only detaches a listener from the signal it is given starts no work',
        code: `function detach(signal: AbortSignal | undefined, listener: () => void) {\n  signal?.removeEventListener('abort', listener);\n}\nexport function record(signal: AbortSignal, stop: () => void) {\n  let timer: AbortSignal | undefined;\n  timer = AbortSignal.timeout(1000);\n  detach(timer, stop);\n}`,
      },
      {
        name: 'passes a signal derived in a variable',
        code: `export async function f(signal: AbortSignal) {\n  const deadline = AbortSignal.any([signal, AbortSignal.timeout(500)]);\n  return fetch('https://x', { signal: deadline });\n}`,
      },
      {
        name: 'axios with the handler signal',
        code: `import axios from 'axios';\nexport const f = ({ signal }: { signal: AbortSignal }) => axios.get('/a', { timeout: 1000, signal });`,
      },
      {
        name: 'workspace function receives the signal',
        code: `async function load(id: string, signal?: AbortSignal) { return id; }\nexport const h = (signal: AbortSignal) => load('1', signal);`,
      },
      {
        name: "a monorepo: the signal middleware belongs to another service, which this one does not depend on",
        filename: 'services/billing/src/list.ts',
        files: {
          'services/orders/package.json': JSON.stringify({ name: 'orders', dependencies: { express: '^5.1.0' } }),
          'services/orders/src/app.ts': APP,
          'services/billing/package.json': JSON.stringify({ name: 'billing', dependencies: { express: '^5.1.0' } }),
        },
        code: `import type { Request, Response } from 'express';\nexport async function list(req: Request, res: Response) {\n  res.json(await fetch('https://x', { signal: AbortSignal.timeout(500) }));\n}\n`,
      },
      {
        name: 'Express handler without any signal in the workspace',
        code: `import express from 'express';\nconst app = express();\napp.get('/a', async (req, res) => { res.json(await fetch('https://x', { signal: AbortSignal.timeout(500) })); });`,
      },
      {
        name: 'a signal from somewhere else',
        code: `export async function f(signal: AbortSignal, other: AbortSignal) {\n  return fetch('https://x', { signal: other });\n}`,
      },
      {
        name: 'a callback that is not a handler',
        code: `${APP}export const list = (urls: string[]) => urls.map((url) => fetch(url, { signal: AbortSignal.timeout(100) }));`,
      },
      {
        name: 'a named function inside a handler runs on its own terms',
        code: `export function h(signal: AbortSignal) {\n  function background() { return fetch('https://x', { signal: AbortSignal.timeout(100) }); }\n  return background;\n}`,
      },
    ],
    invalid: [
      {
        name: 'Express handler (through a wrapper) drops req.signal',
        code: `${APP}const route = (h: any) => (req: any, res: any, next: any) => h(req, res).catch(next);\napp.get('/a', route(async (req: any, res: any) => {\n  res.json(await fetch('https://x'));\n}));\n`,
        errors: [{ messageId: 'signalNotPassed', line: 11, column: 18 }],
        output: `${APP.replace('const app', `${HTTP}\nconst app`).replace("import express from 'express';\n", "import express from 'express';\n\n")}const route = (h: any) => (req: any, res: any, next: any) => h(req, res).catch(next);\napp.get('/a', route(async (req: any, res: any) => {\n  res.json(await fetch('https://x', { signal: AbortSignal.any([req.signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) }));\n}));\n`,
      },
      {
        name: 'JavaScript, no AbortSignal in the text: a signal parameter, a lone arrow parameter, a destructured one',
        filename: 'load.js',
        code: `exports.a = async function (url, signal) { return fetch(url); };\nexports.b = signal => fetch('https://x');\nexports.c = ({signal}) => fetch('https://x');\n`,
        errors: [
          { messageId: 'signalNotPassed', line: 1 },
          { messageId: 'signalNotPassed', line: 2 },
          { messageId: 'signalNotPassed', line: 3 },
        ],
        output: `${HTTP}\n\nexports.a = async function (url, signal) { return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) }); };\nexports.b = signal => fetch('https://x', { signal: AbortSignal.any([signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) });\nexports.c = ({signal}) => fetch('https://x', { signal: AbortSignal.any([signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) });\n`,
      },
      {
        name: 'a lone arrow parameter is the only place the file names its signal',
        filename: 'one.js',
        code: `module.exports = signal => fetch('https://x');\n`,
        errors: [{ messageId: 'signalNotPassed', line: 1 }],
        output: `${HTTP}\n\nmodule.exports = signal => fetch('https://x', { signal: AbortSignal.any([signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) });\n`,
      },
      {
        name: "own deadline but not the caller's",
        code: `export async function handler(signal: AbortSignal) {\n  return fetch('https://x', { signal: AbortSignal.timeout(800) });\n}\n`,
        errors: [{ messageId: 'signalNotDerived', line: 2 }],
        output: `export async function handler(signal: AbortSignal) {\n  return fetch('https://x', { signal: AbortSignal.any([signal, AbortSignal.timeout(800)]) });\n}\n`,
      },
      {
        name: 'axios and a workspace function that accepts a signal',
        code: `import axios from 'axios';\nasync function load(id: string, signal?: AbortSignal) { return id; }\nexport async function handler({ signal }: { signal: AbortSignal }) {\n  await axios.get('/a', { timeout: 1000 });\n  return load('1');\n}\n`,
        errors: [
          { messageId: 'signalNotPassed', line: 4 },
          { messageId: 'signalNotPassed', line: 5 },
        ],
        output: `import axios from 'axios';\nasync function load(id: string, signal?: AbortSignal) { return id; }\nexport async function handler({ signal }: { signal: AbortSignal }) {\n  await axios.get('/a', { timeout: 1000, signal });\n  return load('1', signal);\n}\n`,
      },
      {
        name: 'a handler typed with the Express Request, signal set by middleware in another module',
        files: { 'app.ts': APP },
        code: `import type { Request, Response } from 'express';\nimport got from 'got';\nexport async function list(req: Request, res: Response) {\n  res.json(await got('https://x', { timeout: { request: 1000 } }).json());\n}\n`,
        errors: [{ messageId: 'signalNotPassed', line: 4 }],
        output: `import type { Request, Response } from 'express';\nimport got from 'got';\nexport async function list(req: Request, res: Response) {\n  res.json(await got('https://x', { timeout: { request: 1000 }, signal: req.signal }).json());\n}\n`,
      },
      {
        name: 'a monorepo: the handler and the middleware lie in the same service, in different folders',
        filename: 'services/orders/src/routes/list.ts',
        files: {
          'package.json': JSON.stringify({ name: 'root', workspaces: ['services/*'] }),
          'services/orders/package.json': JSON.stringify({ name: 'orders', dependencies: { express: '^5.1.0' } }),
          'services/orders/src/app.ts': APP,
          'services/billing/package.json': JSON.stringify({ name: 'billing' }),
        },
        code: `import type { Request, Response } from 'express';\nexport async function list(req: Request, res: Response) {\n  res.json(await fetch('https://x', { signal: AbortSignal.timeout(500) }));\n}\n`,
        errors: [{ messageId: 'signalNotDerived', line: 3 }],
        output: `import type { Request, Response } from 'express';\nexport async function list(req: Request, res: Response) {\n  res.json(await fetch('https://x', { signal: AbortSignal.any([req.signal, AbortSignal.timeout(500)]) }));\n}\n`,
      },
      {
        name: 'a monorepo: the middleware comes from a shared package this service depends on',
        filename: 'services/billing/src/list.ts',
        files: {
          'packages/http-kit/package.json': JSON.stringify({ name: '@acme/http-kit' }),
          'packages/http-kit/src/signal.ts': `export function withSignal(req: any, res: any, next: () => void) {\n  const controller = new AbortController();\n  res.on('close', () => controller.abort());\n  req.signal = controller.signal;\n  next();\n}\n`,
          'services/billing/package.json': JSON.stringify({ name: 'billing', dependencies: { '@acme/http-kit': 'workspace:*' } }),
        },
        code: `import type { Request, Response } from 'express';\nexport async function list(req: Request, res: Response) {\n  res.json(await fetch('https://x', { signal: AbortSignal.timeout(500) }));\n}\n`,
        errors: [{ messageId: 'signalNotDerived', line: 3 }],
        output: `import type { Request, Response } from 'express';\nexport async function list(req: Request, res: Response) {\n  res.json(await fetch('https://x', { signal: AbortSignal.any([req.signal, AbortSignal.timeout(500)]) }));\n}\n`,
      },
      {
        name: 'a middleware written right after another argument, without a space: `use(prefix,req=>…)`',
        code: `import express from 'express';\nconst app = express();\nconst prefix = '/api';\napp.use(prefix,req=>{ const controller = new AbortController(); req.signal = controller.signal; });\napp.get('/a', async (r: any, res: any) => {\n  res.json(await fetch('https://x', { signal: AbortSignal.timeout(500) }));\n});\n`,
        errors: [{ messageId: 'signalNotDerived', line: 6 }],
        output: `import express from 'express';\nconst app = express();\nconst prefix = '/api';\napp.use(prefix,req=>{ const controller = new AbortController(); req.signal = controller.signal; });\napp.get('/a', async (r: any, res: any) => {\n  res.json(await fetch('https://x', { signal: AbortSignal.any([r.signal, AbortSignal.timeout(500)]) }));\n});\n`,
      },
      {
        name: 'NestJS route method with a signal parameter',
        code: `import { Controller, Get } from '@nestjs/common';\n@Controller()\nexport class Products {\n  @Get()\n  async list(signal: AbortSignal) {\n    return fetch('https://x', { signal: AbortSignal.timeout(1000) });\n  }\n}\n`,
        errors: [{ messageId: 'signalNotDerived', line: 6 }],
        output: `import { Controller, Get } from '@nestjs/common';\n@Controller()\nexport class Products {\n  @Get()\n  async list(signal: AbortSignal) {\n    return fetch('https://x', { signal: AbortSignal.any([signal, AbortSignal.timeout(1000)]) });\n  }\n}\n`,
      },
    ],
  });
});
