import { ts } from '../../typescript';
import { isInside, perCallFunction, variableReferences } from '../scope';
import { axiosRequestCall } from './axios';
import { calleeName } from './callee-name';
import { isGlobalFetch } from './fetch';
import { isMergeCall } from './merged-objects';
import { gotClientOf } from './got';
import { isHttpRequestCallee } from './node-http';
import { isNodeFetch } from './node-fetch';
import { isUndiciMember } from './undici';
import type { Value, ValueResolver } from './values';

// An agent (or undici dispatcher) created in the options of the request it serves, inside a
// function: `await fetch(url, { agent: new https.Agent({ keepAlive: true }) })` in a handler.
// Every call then makes its own agent, so its `maxSockets` bounds nothing and keep-alive reuses
// nothing: concurrent requests open as many sockets as there are requests. The remedy is one
// agent shared by every call, not an option on this one.

const MAX_STEPS = 8;
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream']);

export interface PerCallAgent {
  /** The request call whose options hold the agent. */
  request: ts.CallExpression;
  /** How the request reads in a message (`fetch`, `https.request`). */
  requestName: string;
}

/** The request an agent is made for, when it is made per call in that request's options. */
export function perCallAgent(creation: ts.NewExpression, values: ValueResolver): PerCallAgent | undefined {
  const fn = perCallFunction(creation);
  if (!fn) return undefined;
  let node: ts.Node = creation;
  for (let step = 0; step < MAX_STEPS; step++) {
    const parent: ts.Node = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) node = parent;
    else if (ts.isPropertyAssignment(parent) && parent.initializer === node) node = parent.parent;
    else if (ts.isShorthandPropertyAssignment(parent) || ts.isSpreadAssignment(parent)) node = parent.parent;
    else if (ts.isCallExpression(parent) && isMergeCall(parent) && parent.arguments.some((argument) => argument === node))
      node = parent; // `Object.assign({}, options, { signal })`
    else if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) {
      const uses = isInside(parent, fn) ? variableReferences(parent, fn) : [];
      if (uses.length !== 1) return undefined; // kept, or handed to more than one request
      node = uses[0]!;
    } else if (ts.isCallExpression(parent) && parent.arguments.some((argument) => argument === node)) {
      return isRequestCall(parent, values.resolve(parent.expression), values)
        ? { request: parent, requestName: calleeName(parent) ?? 'the request' }
        : undefined;
    } else return undefined;
  }
  return undefined;
}

/** fetch (global, undici, node-fetch), Node's http request/get, an axios request, a got request. */
function isRequestCall(call: ts.CallExpression, callee: Value, values: ValueResolver): boolean {
  if (isGlobalFetch(callee) || isUndiciMember(callee, 'fetch') || isUndiciMember(callee, 'request')) return true;
  if (isNodeFetch(callee) || isHttpRequestCallee(callee)) return true;
  if (axiosRequestCall(callee, call, (expression) => values.resolve(expression))) return true;
  if (gotClientOf(callee)) return true;
  const method = callee.path[callee.path.length - 1];
  return method !== undefined && GOT_METHODS.has(method) && gotClientOf({ ...callee, path: callee.path.slice(0, -1) } as Value) !== undefined;
}
