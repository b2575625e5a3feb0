import { ts } from '../../typescript';
import { skipOuterExpressions } from './values';

// Calls that are plainly JavaScript's own: `Object.assign(…)`, `JSON.stringify(…)`, `rows.push(…)`,
// `this.emit(…)`. In a file that reaches an outbound client, most calls are of this kind, and
// resolving each callee (scopes, imports, class fields) only to learn that it is no client was
// a sixth of the whole analysis time on the benchmark corpus.

/** Global namespaces whose members are never a network client (a local of these names is not expected). */
const BUILTIN_NAMESPACES = new Set([
  'Array',
  'Atomics',
  'BigInt',
  'Buffer',
  'Date',
  'Error',
  'Intl',
  'JSON',
  'Math',
  'Number',
  'Object',
  'Promise',
  'Reflect',
  'String',
  'Symbol',
  'console',
]);

/**
 * Methods of arrays, strings, maps and sets, promises, functions and event emitters. No client
 * Goodput knows sends a request through a method of these names, but a workspace function of
 * any name may (a `push` that posts metrics with fetch), so callers ask only where no such
 * wrapper can be in reach.
 */
const BUILTIN_METHODS = new Set([
  // arrays
  'concat',
  'every',
  'fill',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flat',
  'flatMap',
  'forEach',
  'includes',
  'indexOf',
  'join',
  'lastIndexOf',
  'map',
  'pop',
  'push',
  'reduce',
  'reduceRight',
  'reverse',
  'shift',
  'slice',
  'some',
  'sort',
  'splice',
  'unshift',
  // maps, sets, iterators
  'clear',
  'entries',
  'has',
  'keys',
  'set',
  'values',
  // strings and regular expressions
  'charAt',
  'charCodeAt',
  'codePointAt',
  'endsWith',
  'localeCompare',
  'match',
  'matchAll',
  'padEnd',
  'padStart',
  'replace',
  'replaceAll',
  'split',
  'startsWith',
  'substring',
  'test',
  'toLowerCase',
  'toUpperCase',
  'trim',
  'trimEnd',
  'trimStart',
  // every object, function and promise
  'apply',
  'bind',
  'call',
  'catch',
  'finally',
  'hasOwnProperty',
  'then',
  'toJSON',
  'toString',
  'valueOf',
  // event emitters
  'addListener',
  'emit',
  'listenerCount',
  'listeners',
  'off',
  'on',
  'once',
  'prependListener',
  'removeAllListeners',
  'removeListener',
  'setMaxListeners',
]);

/** `Object.keys(…)`, `JSON.parse(…)`, `Promise.all(…)`: a member of a built-in namespace. */
export function isBuiltinNamespaceCall(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  return (
    ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && BUILTIN_NAMESPACES.has(callee.expression.text)
  );
}

/** `x.push(…)`, `this.emit(…)`: a method named like one of JavaScript's own (see BUILTIN_METHODS). */
export function hasBuiltinMethodName(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && BUILTIN_METHODS.has(callee.name.text);
}
