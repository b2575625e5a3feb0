import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

const SOCKETS = `// Most sockets per origin this http.Agent opens. Size it from what the dependency serves at once divided
// by the number of instances; excess requests wait instead (see docs/rules/no-unbounded-pool.md).
const MAX_SOCKETS_PER_ORIGIN = 50;`;

describe('no-unbounded-pool', () => {
  runRuleTests('no-unbounded-pool', {
    valid: [
      {
        name: 'an agent made in a function but shared: handed to a client factory, or to two requests, with maxSockets',
        code: `import https from 'node:https';
import axios from 'axios';
export function makeClient(baseURL: string) {
  return axios.create({ baseURL, httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 20 }) });
}
export async function mirror(url: string, copy: string) {
  const agent = new https.Agent({ maxSockets: 4 });
  await fetch(url, { agent } as RequestInit);
  await fetch(copy, { agent } as RequestInit);
}`,
      },
      {
        name: 'https.Agent with maxSockets',
        code: `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, maxSockets: 64 });`,
      },
      {
        name: 'http.Agent with maxTotalSockets',
        code: `import http from 'http';\nexport const agent = new http.Agent({ maxTotalSockets: 100 });`,
      },
      {
        name: 'maxSockets from a constant',
        code: `import { Agent } from 'node:http';\nconst MAX = 32;\nexport const agent = new Agent({ maxSockets: MAX });`,
      },
      {
        name: 'options from a parameter',
        code: `import http from 'node:http';\nexport const make = (options: http.AgentOptions) => new http.Agent(options);`,
      },
      {
        name: 'options spread from a parameter',
        code: `import http from 'node:http';\nexport const make = (o: http.AgentOptions) => new http.Agent({ ...o, keepAlive: true });`,
      },
      {
        name: 'maxSockets computed at run time',
        code: `import http from 'node:http';\nexport const agent = new http.Agent({ maxSockets: Number(process.env.MAX_SOCKETS) });`,
      },
      {
        name: 'undici Pool with connections',
        code: `import { Pool } from 'undici';\nexport const pool = new Pool('http://a', { connections: 16 });`,
      },
      {
        name: 'undici Agent with a custom factory',
        code: `import { Agent, Pool } from 'undici';\nexport const agent = new Agent({ factory: (origin: string) => new Pool(origin, { connections: 4 }) });`,
      },
      {
        name: 'undici Client is one connection',
        code: `import { Client } from 'undici';\nexport const client = new Client('http://a');`,
      },
      {
        name: 'opossum with capacity',
        code: `import CircuitBreaker from 'opossum';\nexport const b = new CircuitBreaker(async () => 1, { capacity: 20 });`,
      },
      {
        name: 'a local class named Agent',
        code: `class Agent { constructor(_o?: unknown) {} }\nexport const a = new Agent();\nimport 'node:http';`,
      },
    ],
    invalid: [
      {
        name: 'an agent made in the options of the request it serves: maxSockets would bound nothing (no fix)',
        code: `import https from 'node:https';
import fetch from 'node-fetch';
import axios from 'axios';
export async function audit(body: string) {
  return fetch('https://registry.example/audit', { method: 'POST', body, agent: new https.Agent({ keepAlive: true }) });
}
export async function lookup(id: string) {
  const httpsAgent = new https.Agent({ rejectUnauthorized: true, maxSockets: 50 });
  const options = { httpsAgent, timeout: 5000 };
  return axios.get(\`https://api.example/items/\${id}\`, options);
}
export function ping(host: string) {
  return https.get({ host, agent: new https.Agent({ maxSockets: 1 }), signal: AbortSignal.timeout(1000) });
}`,
        errors: [
          { messageId: 'agentPerCall', line: 5 },
          { messageId: 'agentPerCall', line: 8 },
          { messageId: 'agentPerCall', line: 13 },
        ],
        output: null,
      },
      {
        name: 'http.Agent with keepAlive only',
        code: `import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true });`,
        errors: [{ messageId: 'agentUnbounded', line: 2, column: 22 }],
        output: `import http from 'node:http';\n\n${SOCKETS}\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_ORIGIN });`,
      },
      {
        name: 'https.Agent with no options (CommonJS)',
        filename: 'agent.js',
        code: `const https = require('https');\nmodule.exports = new https.Agent();`,
        errors: [{ messageId: 'agentUnbounded', line: 2, column: 18 }],
        output: `const https = require('https');\n\n${SOCKETS.replace('http.Agent', 'https.Agent')}\nmodule.exports = new https.Agent({ maxSockets: MAX_SOCKETS_PER_ORIGIN });`,
      },
      {
        name: 'maxSockets: Infinity is replaced',
        code: `import { Agent } from 'node:https';\nexport const agent = new Agent({\n  keepAlive: true,\n  maxSockets: Infinity,\n});`,
        errors: [{ messageId: 'agentUnbounded', line: 2, column: 22 }],
        output: `import { Agent } from 'node:https';\n\n${SOCKETS.replace('http.Agent', 'https.Agent')}\nexport const agent = new Agent({\n  keepAlive: true,\n  maxSockets: MAX_SOCKETS_PER_ORIGIN,\n});`,
      },
      {
        name: 'options from a constant object are extended in place',
        code: `import http from 'node:http';\nconst options = { keepAlive: true };\nexport const agent = new http.Agent(options);`,
        errors: [{ messageId: 'agentUnbounded', line: 3, column: 22 }],
        output: `import http from 'node:http';\n\n${SOCKETS}\nconst options = { keepAlive: true };\nexport const agent = new http.Agent({ ...options, maxSockets: MAX_SOCKETS_PER_ORIGIN });`,
      },
      {
        name: 'undici Pool and Agent without connections',
        code: `import { Agent, Pool, setGlobalDispatcher } from 'undici';\nexport const pool = new Pool('http://a');\nsetGlobalDispatcher(new Agent({ keepAliveTimeout: 10_000 }));`,
        errors: [
          { messageId: 'undiciUnbounded', line: 2, column: 21 },
          { messageId: 'undiciUnbounded', line: 3, column: 21 },
        ],
        output:
          `import { Agent, Pool, setGlobalDispatcher } from 'undici';\n\n` +
          `// Most connections per origin this undici Pool opens. Size it from what the dependency serves at once divided\n` +
          `// by the number of instances; excess requests wait instead (see docs/rules/no-unbounded-pool.md).\n` +
          `const MAX_CONNECTIONS_PER_ORIGIN = 50;\n` +
          `export const pool = new Pool('http://a', { connections: MAX_CONNECTIONS_PER_ORIGIN });\n` +
          `setGlobalDispatcher(new Agent({ keepAliveTimeout: 10_000, connections: MAX_CONNECTIONS_PER_ORIGIN }));`,
      },
      {
        name: 'opossum without capacity, with the option value',
        options: { defaultMaxConnections: 20 },
        code: `import CircuitBreaker from 'opossum';\ndeclare function charge(): Promise<void>;\nexport const breaker = new CircuitBreaker(charge, { timeout: 3000 });`,
        errors: [{ messageId: 'breakerUnbounded', line: 3, column: 24 }],
        output:
          `import CircuitBreaker from 'opossum';\n\n` +
          `// Most concurrent calls this opossum CircuitBreaker opens. Size it from what the dependency serves at once divided\n` +
          `// by the number of instances; excess requests wait instead (see docs/rules/no-unbounded-pool.md).\n` +
          `const BREAKER_CAPACITY = 20;\n` +
          `declare function charge(): Promise<void>;\nexport const breaker = new CircuitBreaker(charge, { timeout: 3000, capacity: BREAKER_CAPACITY });`,
      },
    ],
  });
});
