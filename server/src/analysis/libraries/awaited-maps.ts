import { ts } from '../../typescript';
import { findBinding, variableReferences } from '../scope';
import { mappedCollection, startsWorkPerItem, type FanOutSite } from './fan-out-sites';
import { skipOuterExpressions } from './outer-expressions';
import type { ValueResolver } from './values';

// `const saves = rows.map(async (row) => save(row)); for (const s of saves) await s;` reads as one
// save at a time, but `map` already started every save: the loop only waits for them in order.
// The same holds for `for await (const r of rows.map(load))`. The width is the collection's, as
// for `Promise.all(rows.map(save))`; there is no automatic fix (the loop has to become a bounded map).

/** The `xs.map(f)` call, when the promises it makes are awaited one by one in a `for…of` loop. */
export function mapAwaitedInLoop(call: ts.CallExpression, values: ValueResolver): FanOutSite | undefined {
  const mapped = mappedCollection(call);
  if (!mapped || mapped.mapCall !== call || !awaitingLoop(call)) return undefined;
  if (!startsWorkPerItem(mapped.mapper, values)) return undefined;
  return { label: '.map(…)', call, collection: mapped.collection, mapper: mapped.mapper };
}

/** The loop that awaits the mapped promises: over the call itself, or over the `const` holding them. */
function awaitingLoop(call: ts.CallExpression): ts.ForOfStatement | undefined {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isForOfStatement(parent) && parent.expression === node) return awaitsEach(parent) ? parent : undefined;
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== node || !ts.isIdentifier(parent.name)) return undefined;
  const scope = parent.parent.parent.parent;
  if (!scope) return undefined;
  // Every use must be the loop: handed to Promise.all it is that site's; returned, the caller's.
  const uses = variableReferences(parent, scope);
  const loop = uses.length === 1 ? uses[0]!.parent : undefined;
  return loop && ts.isForOfStatement(loop) && loop.expression === uses[0] && awaitsEach(loop) ? loop : undefined;
}

/** `for await (…)`, or a body that awaits the element itself (`await job`). */
function awaitsEach(loop: ts.ForOfStatement): boolean {
  if (loop.awaitModifier) return true;
  const list = loop.initializer;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1) return false;
  const declaration = list.declarations[0]!;
  if (!ts.isIdentifier(declaration.name)) return false;
  const name = declaration.name.text;
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found || ts.isFunctionLike(child)) return;
    if (ts.isAwaitExpression(child)) {
      const awaited = skipOuterExpressions(child.expression);
      if (ts.isIdentifier(awaited) && awaited.text === name) {
        const binding = findBinding(name, awaited);
        found = binding?.kind === 'variable' && binding.declaration === declaration;
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(loop.statement);
  return found;
}
