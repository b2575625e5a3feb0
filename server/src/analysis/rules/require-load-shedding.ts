import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import {
  capsConnections,
  hasSheddingMiddleware,
  serverStart,
  SHEDDING_PACKAGES,
  type ServerStart,
} from '../libraries/http-servers';
import { SERVER_PACKAGES } from '../libraries/server-makers';
import { isTemporaryServer } from '../libraries/temporary-clients';
import { ensureModuleConstant } from '../fixes/text-edits';
import { formatNumberLiteral } from '../fixes/timeout-fixes';
import type { Fix } from '../types';

// An HTTP server that admits every request. Past its capacity, every request slows down
// together, latency passes the clients' timeouts, and the server spends the spike on answers
// nobody waits for. Refusing the excess early (503 + Retry-After) keeps the rest fast: that is
// maturity, not failure. Information by default — whether a server needs it is a judgement.

type Options = { defaultMaxConnections: number };

const CONSTANT_COMMENT = [
  'Most open connections this server accepts; beyond it, new ones are dropped at once instead of',
  'slowing every request down. Size it from a load test (see docs/rules/require-load-shedding.md).',
];

export default defineRule<Options>({
  id: 'require-load-shedding',
  meta: {
    family: 'pool',
    severity: 'information',
    docs: { description: 'Require an HTTP server to refuse excess load early instead of admitting every request' },
    messages: {
      noLoadShedding:
        '{{label}} starts with no overload protection: no `maxConnections`, no concurrency limit and no ' +
        'load-shedding middleware. In a spike it admits every request, all of them slow down together and pass ' +
        "their clients' timeouts. {{remedy}}",
    },
    fix: 'suggestion',
    options: {
      defaultMaxConnections: {
        type: 'number',
        default: 1_000,
        unit: 'count',
        minimum: 1,
        description: 'Value of the named constant the suggested fix inserts for `server.maxConnections`.',
      },
    },
  },
  create(context, options) {
    if (!context.text.includes('.listen(')) return {};
    if (!context.workspace.fileImportsPackage(context.fileName, SERVER_PACKAGES)) return {};
    if (context.workspace.fileImportsPackage(context.fileName, SHEDDING_PACKAGES)) return {};
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'listen') return;
        const start = serverStart(call, context);
        if (!start || capsConnections(start, context) || hasSheddingMiddleware(context)) return;
        // Started and closed by one function (an onboarding page, a login's callback): no traffic to shed.
        if (isTemporaryServer(call)) return;
        report(context, start, options);
      },
    };
  },
});

function report(context: RuleContext, start: ServerStart, options: Options): void {
  const remedy =
    start.framework === 'fastify'
      ? 'Register `@fastify/under-pressure` (answers 503 + Retry-After when the event loop lags) or cap `server.maxConnections`.'
      : 'Shed the excess early: a middleware that answers 503 + Retry-After past a limit of in-flight requests, or at least `server.maxConnections`.';
  context.report({
    node: start.call,
    messageId: 'noLoadShedding',
    data: { label: start.label, remedy },
    policy: {
      summary: `${start.label}: every request admitted; connections unlimited, no load shedding`,
      facts: { server: start.label, maxConnections: 'unlimited', loadShedding: 'none found in the workspace' },
    },
    fixes: start.returnsServer ? [maxConnectionsFix(start, options)] : [],
  });
}

/** `app.listen(…)` → `Object.assign(app.listen(…), { maxConnections: MAX_CONNECTIONS })`: keeps the value, caps it. */
function maxConnectionsFix(start: ServerStart, options: Options): Fix {
  const sourceFile = start.call.getSourceFile();
  const constant = ensureModuleConstant(
    sourceFile,
    start.call,
    'MAX_CONNECTIONS',
    formatNumberLiteral(options.defaultMaxConnections),
    CONSTANT_COMMENT,
  );
  const begin = start.call.getStart(sourceFile);
  return {
    title: `Cap the server's connections: maxConnections = ${constant.name}`,
    // A cap drops connections past it (no 503): a behaviour change the team decides on.
    kind: 'suggestion',
    edits: [
      ...constant.edits,
      { start: begin, end: begin, newText: 'Object.assign(' },
      { start: start.call.end, end: start.call.end, newText: `, { maxConnections: ${constant.name} })` },
    ],
  };
}
