import { ts } from '../../typescript';
import { isObjectValue } from './object-properties';
import type { Value } from './values';

// What Goodput knows about axios (1.x): which calls send a request, where their config argument
// sits, and what an instance is. Defaults: `timeout` is 0, which means no timeout at all
// (lib/defaults/index.js); `axios.create(config)` merges config over `axios.defaults`.

export const AXIOS_MODULE = 'axios';

/** Request methods and the index of their config argument. */
const METHOD_CONFIG_INDEX: Record<string, number> = {
  request: 0,
  get: 1,
  delete: 1,
  head: 1,
  options: 1,
  post: 2,
  put: 2,
  patch: 2,
  postForm: 2,
  putForm: 2,
  patchForm: 2,
};

/** Member names through which axios sends a request or makes an instance. */
export const AXIOS_MEMBER_NAMES: ReadonlySet<string> = new Set([...Object.keys(METHOD_CONFIG_INDEX), 'create']);

/** Where an axios request goes: the default instance, or an instance made by `axios.create`. */
export type AxiosClient =
  | { kind: 'default' }
  | { kind: 'instance'; creation: ts.CallExpression };

export interface AxiosRequestCall {
  client: AxiosClient;
  /** Index of the config argument; for `axios(url, config)` it is 1; -1 when it cannot be told. */
  configIndex: number;
  method: string;
}

/** The instance or default client a value denotes (without a trailing member), if it is axios. */
export function axiosClientOf(value: Value): AxiosClient | undefined {
  if (value.kind === 'module' && value.module === AXIOS_MODULE && value.path.length === 0) return { kind: 'default' };
  if (isAxiosCreateCall(value) && value.path.length === 0) return { kind: 'instance', creation: value.node };
  return undefined;
}

/** `axios.create(...)` (or `instance.create(...)`, which axios ≥1.6 also offers). */
export function isAxiosCreateCall(value: Value): value is Value & { kind: 'call'; node: ts.CallExpression } {
  if (value.kind !== 'call') return false;
  const callee = value.callee;
  if (callee.path.length === 0 || callee.path[callee.path.length - 1] !== 'create') return false;
  return axiosClientOf({ ...callee, path: callee.path.slice(0, -1) } as Value) !== undefined;
}

/** Recognises a request sent through axios from the resolved callee of a call expression. */
export function axiosRequestCall(
  callee: Value,
  call: ts.CallExpression,
  resolve: (expression: ts.Expression) => Value,
): AxiosRequestCall | undefined {
  const direct = axiosClientOf(callee);
  if (direct) {
    // `axios(config)` or `axios(url, config)`; an unresolvable first argument leaves it open.
    const first = call.arguments[0];
    if (!first) return undefined;
    const configIndex = isUrlArgument(first, resolve) ? 1 : isObjectValue(resolve(first)) ? 0 : -1;
    return { client: direct, configIndex, method: 'request' };
  }
  if (callee.path.length === 0) return undefined;
  const method = callee.path[callee.path.length - 1]!;
  const configIndex = METHOD_CONFIG_INDEX[method];
  if (configIndex === undefined) return undefined;
  const client = axiosClientOf({ ...callee, path: callee.path.slice(0, -1) } as Value);
  return client ? { client, configIndex, method } : undefined;
}

function isUrlArgument(node: ts.Expression, resolve: (expression: ts.Expression) => Value): boolean {
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isBinaryExpression(node)) return true;
  if (ts.isNewExpression(node)) return true; // new URL(...)
  const value = resolve(node);
  return value.kind === 'literal' && ts.isStringLiteralLike(value.node);
}
