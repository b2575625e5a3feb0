import { ts } from '../../typescript';
import { isMemberName } from '../scope';
import { axiosRequestCall } from './axios';
import { isGlobalFetch } from './fetch';
import { gotClientOf } from './got';
import { isNodeFetch } from './node-fetch';
import { lookupProperty, optionsArgumentIndex, optionsObject } from './object-properties';
import { optionsSlot, type LibraryContext, type OptionsSlot } from './timeout-policy';
import { isUndiciMember } from './undici';
import type { Value } from './values';

// Where an outbound call takes a cancellation signal: the `signal` option of fetch, undici, axios
// and got, or a parameter of a workspace function that accepts one (`loadUser(id, signal)`).

export type SignalSlot =
  | { kind: 'option'; label: string; passed?: ts.Expression; slot?: OptionsSlot; hasOwnTimeoutOption: boolean }
  | { kind: 'parameter'; label: string; passed?: ts.Expression; call: ts.CallExpression; index: number };

export function outboundSignalSlot(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): SignalSlot | 'opaque' | undefined {
  if (isGlobalFetch(callee) || isUndiciMember(callee, 'fetch') || isNodeFetch(callee))
    return option('fetch', call, 1, false, context);
  if (isUndiciMember(callee, 'request')) return option('undici.request', call, 1, false, context);
  const axios = axiosRequestCall(callee, call, (expression) => context.values.resolve(expression));
  if (axios) return axios.configIndex === -1 ? 'opaque' : option('axios', call, axios.configIndex, true, context);
  const got =
    gotClientOf(callee) ??
    (callee.path.length > 0 ? gotClientOf({ ...callee, path: callee.path.slice(0, -1) } as Value) : undefined);
  if (
    got &&
    !(callee.kind === 'module' && callee.path[0] === 'extend') &&
    callee.path[callee.path.length - 1] !== 'extend'
  ) {
    return option('got', call, optionsArgumentIndex(call, context.values), true, context);
  }
  if (callee.kind === 'function' && callee.path.length === 0) return parameter(callee.node, call);
  return undefined;
}

function option(
  label: string,
  call: ts.CallExpression,
  index: number,
  hasOwnTimeoutOption: boolean,
  context: LibraryContext,
): SignalSlot | 'opaque' {
  const options = optionsObject(call.arguments[index], context.values);
  if (options.kind === 'unknown') return 'opaque';
  if (options.kind === 'object') {
    const signal = lookupProperty(options.node, 'signal', context.values);
    if (signal.kind === 'unknown') return 'opaque';
    if (signal.kind === 'found') return { kind: 'option', label, passed: signal.value, hasOwnTimeoutOption };
  }
  return { kind: 'option', label, slot: optionsSlot(call, index, context.values), hasOwnTimeoutOption };
}

/** A workspace function with a parameter that is a signal: by type (`AbortSignal`) or by name (`signal`). */
function parameter(fn: ts.SignatureDeclaration, call: ts.CallExpression): SignalSlot | undefined {
  const index = fn.parameters.findIndex(
    (p) =>
      ts.isIdentifier(p.name) &&
      (p.name.text === 'signal' ||
        (p.type && ts.isTypeReferenceNode(p.type) && p.type.typeName.getText() === 'AbortSignal')),
  );
  if (index === -1 || fn.parameters.slice(0, index).some((p) => p.dotDotDotToken)) return undefined;
  if (onlyDetachesListeners(fn, (fn.parameters[index]!.name as ts.Identifier).text)) return undefined;
  const label = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : 'this function';
  const argument = call.arguments[index];
  if (argument && ts.isSpreadElement(argument)) return undefined;
  return { kind: 'parameter', label, passed: argument && !isUndefined(argument) ? argument : undefined, call, index };
}

/**
 * A helper whose signal parameter is only ever `signal.removeEventListener(…)` cleans up after
 * work that is over: it starts nothing the signal could stop, so which signal it gets is no
 * deadline question (OpenAI's recorder passes its own timer's signal to such a helper).
 */
function onlyDetachesListeners(fn: ts.SignatureDeclaration, name: string): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  let uses = 0;
  let detaches = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && !isMemberName(node)) {
      uses++;
      const access = node.parent;
      if (ts.isPropertyAccessExpression(access) && access.expression === node && access.name.text === 'removeEventListener' &&
          ts.isCallExpression(access.parent) && access.parent.expression === access) {
        detaches++;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return uses > 0 && uses === detaches;
}

function isUndefined(node: ts.Expression): boolean {
  return ts.isIdentifier(node) && node.text === 'undefined';
}
