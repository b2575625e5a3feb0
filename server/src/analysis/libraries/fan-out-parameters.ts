import { ts } from '../../typescript';
import type { FanOutWidth } from './fan-out-width';

// How wide a collection is when it comes from a function's parameter: the request's body or
// query (client-controlled), a tuple (fixed), configuration or infrastructure lists (sized by a
// person or the deployment: unknown), or otherwise the caller's data (unbounded). A `.then`
// callback's parameter is not the caller's data but what a call resolved to (see fan-out-width.ts).

/** Parts of a request object that carry client-controlled collections. */
const REQUEST_PARTS = new Set([
  'body',
  'query',
  'params',
  'headers',
  'cookies',
  'files',
  'payload',
  'multiValueQueryStringParameters',
]);
const REQUEST_NAMES = /^(req|request|ctx|context|event)$/;
const CONFIG_NAMES = /^(opts|options|config|configuration|cfg|conf|settings|props)$/i;
const DEPLOYMENT_SIZED =
  /^(stores|scripts|commands|plugins|hooks|handlers|listeners|middlewares?|extensions|transports|adapters|providers|servers|hosts|shards|replicas|clients|pools|drivers|refs|nodes|batches)$/i;

export function parameterWidth(
  parameter: ts.ParameterDeclaration,
  node: ts.Node,
  path: string[],
  whole: ts.Expression,
): FanOutWidth {
  if (parameter.type && ts.isTupleTypeNode(parameter.type) && path.length === 0 && node === parameter.name) {
    return { kind: 'bounded', max: parameter.type.elements.length, why: 'a tuple' };
  }
  const name = ts.isIdentifier(parameter.name) ? parameter.name.text : '';
  // A list inside an options object is configuration (stores, plugins, hosts), sized by a person.
  if (path.length > 0 && CONFIG_NAMES.test(name)) return { kind: 'unknown' };
  // A parameter named for infrastructure (stores, scripts, hooks) is sized by the deployment, not by data.
  if (DEPLOYMENT_SIZED.test(path[path.length - 1] ?? name)) return { kind: 'unknown' };
  const typeText = parameter.type?.getText() ?? '';
  const looksLikeRequest = REQUEST_NAMES.test(name) || /Request|Context\b|Event\b/.test(typeText);
  if (looksLikeRequest && path.some((part) => REQUEST_PARTS.has(part))) {
    return { kind: 'unbounded', source: 'request', why: `\`${whole.getText()}\` comes from the request` };
  }
  return {
    kind: 'unbounded',
    source: 'parameter',
    why: `\`${whole.getText()}\` comes from a parameter of the function`,
  };
}

/** For `promise.then((value) => …)`'s callback, the promise: its parameter is what that resolves to. */
export function thenTarget(fn: ts.Node): ts.Expression | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' ? callee.expression : undefined;
}
