import { ts } from '../../typescript';
import type { ValueResolver } from './values';

// `new Redis(port, host, options)`, `new Redis(url, options)`, `new Redis(options)`: ioredis tells
// its arguments apart by type. Goodput tells them apart by what it can see, and an argument it
// cannot place (a `config.redis` that may be a URL or a whole options object) leaves the options
// unknown: reading it as a URL would judge the client by the library's defaults, which its real
// options may override.

/** Names of a value that holds a URL, port or host (`redisUrl`, `REDIS_URI`, `port`, `host`). */
const CONNECTION_NAME = /(?:url|uri|port|host|dsn)$/i;

/**
 * A URL, port or host: a literal or template, `process.env.X`, a property or constant named like
 * one, a constant holding one, and `??` / `||` / `!` of those.
 */
export function isConnectionScalar(node: ts.Expression, values: ValueResolver, depth = 0): boolean {
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || ts.isTemplateExpression(node)) return true;
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node))
    return isConnectionScalar(node.expression, values, depth);
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return isConnectionScalar(node.left, values, depth) && isConnectionScalar(node.right, values, depth);
  if (ts.isPropertyAccessExpression(node)) {
    if (node.expression.getText() === 'process.env' || CONNECTION_NAME.test(node.name.text)) return true;
  } else if (ts.isIdentifier(node) && CONNECTION_NAME.test(node.text)) return true;
  if (depth > 0) return false;
  const value = values.resolve(node);
  return (
    value.kind === 'literal' &&
    value.node !== node &&
    isConnectionScalar(value.node as ts.Expression, values, depth + 1)
  );
}
