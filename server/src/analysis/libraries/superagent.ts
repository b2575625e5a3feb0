import { ts } from '../../typescript';
import { findBinding } from '../scope';
import type { ClientTimeout } from './timeout-policy';
import type { Value } from './values';

// superagent builds a request as a chain (`superagent.get(url).set(…).timeout(…)`); neither
// `timeout` nor `deadline` is set by default (lib/request-base.js). A chain that is sent — awaited,
// returned, `.then`/`.end`ed — without `.timeout(…)` waits as long as the server keeps the socket.

const SUPERAGENT_MODULES = new Set(['superagent']);
const METHODS = new Set(['get', 'post', 'put', 'patch', 'del', 'delete', 'head', 'options']);

function isSuperagentRequest(callee: Value): boolean {
  if (callee.kind !== 'module' || !SUPERAGENT_MODULES.has(callee.module)) return false;
  return callee.path.length === 0 || (callee.path.length === 1 && METHODS.has(callee.path[0]!));
}

export function superagentTimeout(callee: Value, call: ts.CallExpression): ClientTimeout | undefined {
  if (!isSuperagentRequest(callee)) return undefined;
  let current: ts.Expression = call;
  for (;;) {
    const access = current.parent;
    if (
      !ts.isPropertyAccessExpression(access) ||
      access.expression !== current ||
      !ts.isCallExpression(access.parent) ||
      access.parent.expression !== access
    )
      break;
    if (access.name.text === 'timeout') return { kind: 'bounded', summary: 'superagent: `.timeout(…)` on the request' };
    current = access.parent;
  }
  const holder = current.parent;
  if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) {
    return usesTimeoutLater(holder)
      ? { kind: 'bounded', summary: 'superagent: `.timeout(…)` on the request' }
      : { kind: 'unknown', summary: 'superagent: request kept in a variable' };
  }
  if (
    !ts.isAwaitExpression(holder) &&
    !ts.isReturnStatement(holder) &&
    !ts.isExpressionStatement(holder) &&
    !ts.isArrowFunction(holder)
  ) {
    return { kind: 'unknown', summary: 'superagent: request handed elsewhere' };
  }
  return {
    kind: 'missing',
    summary: 'superagent: no timeout (default: none)',
    missing: {
      subject: 'This superagent request',
      libraryDefault: 'superagent default: none',
      consequence: 'a hung dependency holds the request open indefinitely',
      remedy: 'Chain `.timeout(ms)` (a deadline for the whole request)',
    },
    fix: {
      kind: 'chain',
      addition: { after: call, text: (c) => `.timeout(${c('http')})`, title: 'Add .timeout({http})' },
    },
  };
}

function usesTimeoutLater(declaration: ts.VariableDeclaration): boolean {
  const name = (declaration.name as ts.Identifier).text;
  let found = false;
  const scope = declaration.parent.parent.parent;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'timeout' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === name
    ) {
      const binding = findBinding(name, node.expression);
      found = binding?.kind === 'variable' && binding.declaration === declaration;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}
