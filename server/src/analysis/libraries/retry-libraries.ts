import { ts } from '../../typescript';
import type { ValueResolver } from './values';
import type { WorkspaceIndex } from '../workspace-index';
import type { LibraryRetry } from './library-retry';
import { NODE_RETRY_MODULES, nodeRetryCall } from './node-retry';
import { EXPONENTIAL_BACKOFF_MODULE, exponentialBackoffCall } from './exponential-backoff';
import { COCKATIEL_MODULE, cockatielRetryCall } from './cockatiel';
import { AXIOS_RETRY_MODULE, axiosRetryCall } from './axios-retry';
import { BULLMQ_MODULES, bullmqRetry } from './bullmq';
import { REDIS_MODULES, redisReconnect } from './redis-reconnect';
import { SUPERAGENT_MODULE, superagentRetryCall } from './superagent-retry';
import { ASYNC_MODULES, asyncRetryCall } from './async-retry-function';
import { kyRetryCall } from './ky-retry';
import { KY_MODULE } from './ky';
import { LIFEOMIC_ATTEMPT_MODULE, lifeomicRetryCall } from './lifeomic-attempt';
import { undiciRetry } from './undici-retry';
import { UNDICI_MODULE } from './undici';
import { gotRetryCall } from './got-retry';
import { GOT_MODULE } from './got';
import { REQUESTRETRY_MODULE, requestretryCall } from './requestretry';
import { MQTT_MODULE, mqttReconnect } from './mqtt-reconnect';

// Every retry library Goodput knows, behind one question: does this call (or `new`) set up
// retries, and on what schedule? Each library's knowledge lives in its own module.

export const RETRY_LIBRARY_MODULES: readonly string[] = [
  ...NODE_RETRY_MODULES,
  EXPONENTIAL_BACKOFF_MODULE,
  COCKATIEL_MODULE,
  AXIOS_RETRY_MODULE,
  ...BULLMQ_MODULES,
  ...REDIS_MODULES,
  SUPERAGENT_MODULE,
  ...ASYNC_MODULES,
  KY_MODULE,
  LIFEOMIC_ATTEMPT_MODULE,
  UNDICI_MODULE,
  GOT_MODULE,
  REQUESTRETRY_MODULE,
  MQTT_MODULE,
];

/** Substrings that every module above contains (a test checks it): a few reachability checks instead of one per module. */
export const RETRY_LIBRARY_PACKAGES =
  /retry|backoff|cockatiel|bullmq|redis|superagent|@lifeomic\/attempt|^(async|async-es|ky|got|undici|mqtt)(\/|$)/;

export interface LibraryContext {
  values: ValueResolver;
  packageMajor(name: string): number | undefined;
  /** The argument of the workspace's (last) undici `setGlobalDispatcher(…)`, when a rule needs it. */
  globalDispatcher?(): ts.Expression | undefined;
  /** Workspace-wide facts (`axios.defaults` and the like). */
  workspace: WorkspaceIndex;
}

const LIBRARY_RETRY = Symbol('libraryRetry');

/** The retry a library call sets up, memoised per analysis so the four retry rules share the work. */
export function libraryRetryAt(
  node: ts.CallExpression | ts.NewExpression,
  context: LibraryContext,
): LibraryRetry | undefined {
  return context.values.memo(LIBRARY_RETRY, node, () => recognise(node, context));
}

function recognise(node: ts.CallExpression | ts.NewExpression, context: LibraryContext): LibraryRetry | undefined {
  const callee = context.values.resolve(node.expression);
  if (callee.kind !== 'module' && callee.kind !== 'call' && callee.kind !== 'new') return undefined;
  if (ts.isNewExpression(node))
    return (
      bullmqRetry(node, callee, context.values) ??
      redisReconnect(node, callee, context) ??
      undiciRetry(node, callee, context.values)
    );
  return (
    nodeRetryCall(node, callee, context.values) ??
    exponentialBackoffCall(node, callee, context.values) ??
    cockatielRetryCall(node, callee, context.values) ??
    axiosRetryCall(node, callee, context.values) ??
    bullmqRetry(node, callee, context.values) ??
    redisReconnect(node, callee, context) ??
    superagentRetryCall(node, callee, context.values) ??
    asyncRetryCall(node, callee, context.values) ??
    kyRetryCall(node, callee, context.values) ??
    lifeomicRetryCall(node, callee, context.values) ??
    gotRetryCall(node, callee, context.values) ??
    requestretryCall(node, callee, context.values) ??
    mqttReconnect(node, callee, context.values)
  );
}
