import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { skipOuterExpressions } from './values';

// Calls that are plainly JavaScript's own: `Object.assign(…)`, `JSON.stringify(…)`, `rows.push(…)`,
// `this.emit(…)`. In a file that reaches an outbound client, many calls are of this kind, and
// resolving each callee (scopes, imports, class fields) only to learn that it is no client is
// wasted: on the benchmark corpus, require-timeout resolved about 15,000 callees, and a quarter
// of them were these.

/**
 * JavaScript's and Node's own globals: calling them or their members starts no I/O and is never a
 * network client (`xs.map(Number)`, `JSON.stringify(x)`, `Buffer.from(s)`). A local of these names
 * is not expected.
 */
export const BUILTIN_GLOBALS: ReadonlySet<string> = new Set([
  'Array',
  'Atomics',
  'BigInt',
  'Boolean',
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

/**
 * `JSON.stringify(x)`, `Object.keys(x)`, `new Date()`, `Promise.all(…)`: a call of one of the
 * built-in globals or their members (not of a local that shadows one), which starts no work.
 */
export function isPureCall(call: ts.CallExpression | ts.NewExpression): boolean {
  let root: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  return ts.isIdentifier(root) && BUILTIN_GLOBALS.has(root.text) && !findBinding(root.text, root);
}

/** `x.push(…)`, `this.emit(…)`: a method named like one of JavaScript's own (see BUILTIN_METHODS). */
export function hasBuiltinMethodName(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  return ts.isPropertyAccessExpression(callee) && BUILTIN_METHODS.has(callee.name.text);
}
