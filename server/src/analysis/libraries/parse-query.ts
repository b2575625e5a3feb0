import { ts } from '../../typescript';
import { findBinding } from '../scope';
import type { FanOutWidth } from './fan-out-width';
import { skipOuterExpressions, type Value, type ValueResolver } from './values';

// Parse Server answers a query that sets no limit with at most `defaultLimit` objects: 100 unless
// the server is configured otherwise (parse-server's Options/Definitions.js, `defaultLimit`;
// Routers/ClassesRouter.js applies it when the body has no `limit`). So the objects of
// `await new Parse.Query(Session).equalTo('user', user).find()` are a page, not every match —
// cloud code fanning out over them is bounded. `findAll()` and `each()` walk every page and are
// not this.

const PARSE_DEFAULT_LIMIT = 100;
const PARSE_MODULE = /^parse(\/|$)/;

/** The page of `query.find()` on a Parse query, when `call` is one; undefined otherwise. */
export function parseQueryPage(call: ts.CallExpression, values: ValueResolver): FanOutWidth | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'find') return undefined;
  if (!isParseQuery(chainRoot(callee.expression), values)) return undefined;
  return {
    kind: 'bounded',
    max: PARSE_DEFAULT_LIMIT,
    why: `a Parse query without \`.limit()\` returns at most the server's \`defaultLimit\` (${PARSE_DEFAULT_LIMIT}) objects`,
  };
}

/** `new Parse.Query(X).equalTo(…).ascending(…)` → `new Parse.Query(X)`; `query.equalTo(…)` → `query`. */
function chainRoot(expression: ts.Expression): ts.Expression {
  let current = skipOuterExpressions(expression);
  for (;;) {
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
      current = skipOuterExpressions(current.expression.expression);
    } else {
      return current;
    }
  }
}

function isParseQuery(root: ts.Expression, values: ValueResolver): boolean {
  if (ts.isNewExpression(root)) return isQueryClass(root.expression, values);
  const value = values.resolve(root);
  return value.kind === 'new' && value.path.length === 0 && isQueryClass(value.node.expression, values);
}

/** `Parse.Query` from the `parse` package (`parse/node`, …), or from cloud code's global `Parse`. */
function isQueryClass(expression: ts.Expression, values: ValueResolver): boolean {
  const node = skipOuterExpressions(expression);
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'Query') return false;
  const owner = skipOuterExpressions(node.expression);
  if (ts.isIdentifier(owner) && owner.text === 'Parse' && !findBinding('Parse', owner)) return true;
  return isParseModule(values.resolve(node));
}

function isParseModule(value: Value): boolean {
  return value.kind === 'module' && PARSE_MODULE.test(value.module) && value.path.length === 1 && value.path[0] === 'Query';
}
