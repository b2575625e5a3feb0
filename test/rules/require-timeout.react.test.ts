import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';
import { HTTP_TIMEOUT_CONSTANT } from '../helpers/timeout-fixtures';

// React in a package that also runs on a server (Next.js pages, a full-stack app): event handlers
// and effects run only in the browser, render-time code on the server too. The package below
// makes the whole-package browser sign (browser-code.ts) say nothing, so only the call's place decides.

const CONSTANT = HTTP_TIMEOUT_CONSTANT;

const NEXT_APP = { 'package.json': JSON.stringify({ name: 'shop', dependencies: { next: '^16.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } }) };
const TIMED = `{ signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }`;

describe('require-timeout in React components', () => {
  runRuleTests('require-timeout', {
    valid: [
      {
        name: 'effects, useCallback and inline JSX handlers',
        filename: 'pages/items.tsx',
        files: NEXT_APP,
        code: `import React, { useCallback, useEffect, useState } from 'react';\nexport default function Items() {\n  const [items, setItems] = useState([]);\n  useEffect(() => {\n    fetch('/api/items').then((r) => r.json()).then(setItems);\n  }, []);\n  React.useLayoutEffect(() => void fetch('/api/seen'), []);\n  const refresh = useCallback(async () => setItems(await (await fetch('/api/items')).json()), []);\n  return <button onClick={() => fetch('/api/click')} onFocus={refresh}>{items.length}</button>;\n}\n`,
      },
      {
        name: 'a named handler handed to JSX and called only from an effect',
        filename: 'pages/newsletter.jsx',
        files: NEXT_APP,
        code: `import { useEffect, useState } from 'react';\nexport function Newsletter() {\n  const [email, setEmail] = useState('');\n  async function load() {\n    await fetch('/api/subscription');\n  }\n  const onSubmit = async (event) => {\n    event.preventDefault();\n    await fetch('/api/subscribe', { method: 'POST', body: email });\n  };\n  useEffect(() => { load(); }, []);\n  return <form onSubmit={onSubmit} onReset={load}><input onChange={(e) => setEmail(e.target.value)} /></form>;\n}\n`,
      },
      {
        name: "compiled JSX: the handler is an 'on…' prop of jsx(); a library hook's callback",
        filename: 'dist/Welcome.js',
        files: NEXT_APP,
        code: `import { useState } from 'react';\nimport { jsx } from 'react/jsx-runtime';\nimport { useMutation } from '@tanstack/react-query';\nexport function Welcome() {\n  const [email] = useState('');\n  const onSubmit = async () => { await fetch('/api/subscribe', { method: 'POST', body: email }); };\n  const save = useMutation({ mutationFn: () => fetch('/api/save') });\n  return jsx('form', { onSubmit, onReset: () => save.mutate(), children: email });\n}\n`,
      },
    ],
    invalid: [
      {
        name: 'getServerSideProps and a call while rendering run on the server',
        filename: 'pages/list.tsx',
        files: NEXT_APP,
        code: `import { useState } from 'react';\nexport async function getServerSideProps() {\n  return { props: { items: await (await fetch('https://inventory.internal/items')).json() } };\n}\nexport default function List({ items }: { items: string[] }) {\n  const [open] = useState(false);\n  const track = () => fetch('https://metrics.internal/view');\n  track();\n  return <ul onClick={track}>{items.map((item) => <li key={item}>{item}</li>)}</ul>;\n}\n`,
        errors: [
          { messageId: 'fetchNoTimeout', line: 3 },
          { messageId: 'fetchNoTimeout', line: 7 },
        ],
        output: `import { useState } from 'react';\n\n${CONSTANT}\nexport async function getServerSideProps() {\n  return { props: { items: await (await fetch('https://inventory.internal/items', ${TIMED})).json() } };\n}\nexport default function List({ items }: { items: string[] }) {\n  const [open] = useState(false);\n  const track = () => fetch('https://metrics.internal/view', ${TIMED});\n  track();\n  return <ul onClick={track}>{items.map((item) => <li key={item}>{item}</li>)}</ul>;\n}\n`,
      },
      {
        name: 'useMemo and a useState initializer run while rendering',
        filename: 'pages/report.tsx',
        files: NEXT_APP,
        code: `import { useMemo, useState } from 'react';\nexport default function Report() {\n  const total = useMemo(() => fetch('https://reports.internal/total'), []);\n  const [first] = useState(() => fetch('https://reports.internal/first'));\n  return <p>{String(total)}{String(first)}</p>;\n}\n`,
        errors: [
          { messageId: 'fetchNoTimeout', line: 3 },
          { messageId: 'fetchNoTimeout', line: 4 },
        ],
        output: `import { useMemo, useState } from 'react';\n\n${CONSTANT}\nexport default function Report() {\n  const total = useMemo(() => fetch('https://reports.internal/total', ${TIMED}), []);\n  const [first] = useState(() => fetch('https://reports.internal/first', ${TIMED}));\n  return <p>{String(total)}{String(first)}</p>;\n}\n`,
      },
      {
        name: "an 'onError' option of a server library in a file that renders React: not JSX props",
        filename: 'server/render.tsx',
        files: NEXT_APP,
        code: `import React from 'react';\nimport { createProxyMiddleware } from 'http-proxy-middleware';\nexport const proxy = createProxyMiddleware({ target: 'http://api.internal', onError: () => fetch('https://alerts.internal/proxy-error') });\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 3 }],
        output: `import React from 'react';\nimport { createProxyMiddleware } from 'http-proxy-middleware';\n\n${CONSTANT}\nexport const proxy = createProxyMiddleware({ target: 'http://api.internal', onError: () => fetch('https://alerts.internal/proxy-error', ${TIMED}) });\n`,
      },
      {
        name: "an 'onError' option in a module that does not import React is server code",
        filename: 'server/proxy.ts',
        files: NEXT_APP,
        code: `export function useProxy(options: object) { return options; }\nexport const proxy = useProxy({ onError: () => fetch('https://alerts.internal/proxy-error') });\n`,
        errors: [{ messageId: 'fetchNoTimeout', line: 2 }],
        output: `${CONSTANT}\n\nexport function useProxy(options: object) { return options; }\nexport const proxy = useProxy({ onError: () => fetch('https://alerts.internal/proxy-error', ${TIMED}) });\n`,
      },
    ],
  });
});
