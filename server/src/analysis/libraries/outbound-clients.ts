import type { ts } from '../../typescript';
import { awsTimeout } from './aws-sdk';
import { gotTimeout } from './got';
import { grpcCallTimeout } from './grpc';
import { kafkaClientTimeout } from './kafka-timeouts';
import { kyTimeout } from './ky';
import { amqpConnectTimeout, mongoCallTimeout, mongoClientTimeout } from './connect-timeouts';
import { mysql2Timeout } from './mysql2-timeouts';
import { nestHttpModuleTimeout } from './nestjs-http';
import { nestBareHttpModuleTimeout } from './nestjs-bare-http-module';
import { nodeFetchTimeout } from './node-fetch';
import { httpRequestFacts, httpRequestTimeout } from './node-http';
import { REQUEST_MODULES, requestTimeout } from './request';
import { pgTimeout } from './pg-timeouts';
import { ioredisTimeout, nodeRedisTimeout } from './redis-timeouts';
import { superagentTimeout } from './superagent';
import type { ClientTimeout, LibraryContext } from './timeout-policy';
import { undiciRequestTimeout } from './undici';
import { WEB_PUSH_MODULE, webPushTimeout } from './web-push';
import { LDAPJS_MODULE, ldapjsTimeout } from './ldapjs';
import { WS_MODULES, wsTimeout } from './ws';
import type { Value } from './values';
import type { WorkspaceIndex } from '../workspace-index';

// Every outbound client Goodput knows besides global fetch and axios (which require-timeout
// handles with their own messages), behind two questions: what bounds this call, and what
// bounds the client this `new` creates. Each library module answers for its own package.

/** Packages whose reachability makes a file worth resolving calls in. */
export const CLIENT_PACKAGES = [
  'undici',
  'got',
  'got-cjs',
  'ky',
  'superagent',
  'node-fetch',
  'pg',
  'ioredis',
  'redis',
  '@redis/client',
  '@aws-sdk/client-',
  '@grpc/grpc-js',
  'mongodb',
  'mongoose',
  'amqplib',
  '@nestjs/axios',
  'mysql2',
  'kafkajs',
  WEB_PUSH_MODULE,
  LDAPJS_MODULE,
  ...WS_MODULES,
  ...REQUEST_MODULES,
];

/**
 * Node's http modules, and follow-redirects (drop-ins for them), are imported by name; a textual
 * check is enough to skip most files.
 */
export const NODE_HTTP = /^(https?|follow-redirects)$/;

/** Patterns per package name or list of names (by identity), made once: answers are memoised per pattern. */
const MODULE_PATTERNS = new Map<string | readonly string[], RegExp>();

/**
 * Whether the file or a workspace module it imports imports one of `names` (`'pg'`, `'undici/…'`);
 * a name ending in `-` is a prefix (`@aws-sdk/client-`). Import specifiers only, so that `pg` does
 * not match every "upgrade" and `got` every "forgot". One pattern for the whole list: a file is
 * asked about every client package, and one question per package was most of that cost.
 */
export function reachesModule(workspace: WorkspaceIndex, fileName: string, names: string | readonly string[]): boolean {
  let pattern = MODULE_PATTERNS.get(names);
  if (!pattern) {
    const alternatives = (typeof names === 'string' ? [names] : names).map((name) => {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return name.endsWith('-') ? escaped : `${escaped}(?:/|$)`;
    });
    pattern = new RegExp(`^(?:${alternatives.join('|')})`);
    MODULE_PATTERNS.set(names, pattern);
  }
  return workspace.fileImportsPackage(fileName, pattern);
}

type CallRecognizer = (callee: Value, call: ts.CallExpression, context: LibraryContext) => ClientTimeout | undefined;
type NewRecognizer = (callee: Value, node: ts.NewExpression, context: LibraryContext) => ClientTimeout | undefined;

const CALL_RECOGNIZERS: CallRecognizer[] = [
  undiciRequestTimeout,
  gotTimeout,
  requestTimeout,
  kyTimeout,
  nodeFetchTimeout,
  superagentTimeout,
  nodeRedisTimeout,
  mongoCallTimeout,
  amqpConnectTimeout,
  nestHttpModuleTimeout,
  nestBareHttpModuleTimeout,
  grpcCallTimeout,
  mysql2Timeout,
  webPushTimeout,
  ldapjsTimeout,
  (callee, call, context) => {
    const facts = httpRequestFacts(callee, call, context);
    return facts && httpRequestTimeout(facts);
  },
];

const NEW_RECOGNIZERS: NewRecognizer[] = [
  pgTimeout,
  ioredisTimeout,
  awsTimeout,
  mongoClientTimeout,
  kafkaClientTimeout,
  wsTimeout,
];

export function outboundCallTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  for (const recognize of CALL_RECOGNIZERS) {
    const found = recognize(callee, call, context);
    if (found) return found;
  }
  return undefined;
}

export function outboundClientTimeout(
  callee: Value,
  node: ts.NewExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  for (const recognize of NEW_RECOGNIZERS) {
    const found = recognize(callee, node, context);
    if (found) return found;
  }
  return undefined;
}
