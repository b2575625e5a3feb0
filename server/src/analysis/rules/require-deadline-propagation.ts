import { ts } from '../../typescript';
import { defineRule, type RuleContext } from '../rule';
import { findBinding } from '../scope';
import { classifySignal } from '../libraries/fetch';
import { enclosingSignalSource, requestsCarrySignal, type SignalSource } from '../libraries/http-frameworks';
import { outboundSignalSlot, type SignalSlot } from '../libraries/signal-slots';
import type { LibraryContext } from '../libraries/timeout-policy';
import { addArgument } from '../fixes/text-edits';
import { remedyFix } from '../fixes/timeout-fixes';
import type { Fix, SimulationScenario } from '../types';

// A request handler that receives a cancellation signal and calls downstream without it keeps
// working for a client that already gave up: the downstream call holds a connection and a slot
// until it finishes on its own. Passing the signal (or a deadline derived from it) stops it.

type Options = { defaultTimeoutMs: number };

export default defineRule<Options>({
  id: 'require-deadline-propagation',
  meta: {
    family: 'timeout',
    severity: 'warning',
    docs: { description: 'Require request handlers to pass their cancellation signal to downstream calls' },
    messages: {
      signalNotPassed:
        'This {{label}} call inside a handler that receives `{{incoming}}` does not pass it: when the client disconnects or ' +
        'its deadline passes, the call keeps running and holds a connection for an answer nobody reads. Pass `{{incoming}}` ' +
        '(with a timeout: `AbortSignal.any([{{incoming}}, AbortSignal.timeout(ms)])`).',
      signalNotDerived:
        "This {{label}} call has its own deadline but ignores the handler's `{{incoming}}`: after the client disconnects it " +
        'keeps running until its timer fires. Combine them: `AbortSignal.any([{{incoming}}, …])`.',
    },
    fix: 'safe',
    options: {
      defaultTimeoutMs: {
        type: 'number',
        default: 10_000,
        unit: 'ms',
        minimum: 1,
        description:
          'Value of the timeout constant a fix inserts when it adds a signal to a call that has no timeout of its own.',
      },
    },
    simulation: 'missing-timeout',
  },
  create(context, options) {
    const library: LibraryContext = context; // a rule's context is a library context
    const mayHaveSignal =
      // `ignal` first: a cheap look that most files fail, before a pattern that cannot skip ahead.
      (context.text.includes('ignal') && SIGNAL_NAMED.test(context.text)) ||
      (requestsCarrySignal(library) && /\b(req|request|ctx)\b/.test(context.text));
    if (!mayHaveSignal) return {};
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as ts.CallExpression;
        if (!ts.isIdentifier(call.expression) && !ts.isPropertyAccessExpression(call.expression)) return;
        const source = enclosingSignalSource(call, library);
        if (!source) return;
        const callee = context.values.resolve(call.expression);
        if (callee.kind === 'unknown' || callee.kind === 'parameter') return;
        const slot = outboundSignalSlot(callee, call, library);
        if (!slot || slot === 'opaque') return;
        check(context, call, source, slot, options);
      },
    };
  },
});

/**
 * The text of an incoming signal (http-frameworks.ts, incomingSignal): a parameter typed
 * `AbortSignal`, or `signal` written as code — a parameter (`(url, signal)`, `signal?:`,
 * `signal =`, `signal =>`), a destructured `{ signal }`, a member `req.signal` — rather than
 * in prose (a comment's "a literal signal quote" made five builds of luxon worth parsing).
 */
const SIGNAL_NAMED = /\bAbortSignal\b|[({,.]\s*signal\b|\bsignal\s*[:,)=}?]/;

const SCENARIO: SimulationScenario = {
  model: 'missing-timeout',
  params: { deadlinePropagation: false },
  fixedParams: { deadlinePropagation: true },
};

function check(
  context: RuleContext,
  call: ts.CallExpression,
  source: SignalSource,
  slot: SignalSlot,
  options: Options,
): void {
  const incoming = source.text;
  if (slot.passed) {
    const derived = derivesFrom(slot.passed, source, 0);
    if (derived)
      return context.describe(call, {
        summary: `${slot.label}: passes the handler's ${incoming}`,
        facts: { propagated: true },
      });
    if (classifySignal(slot.passed, context.values).kind !== 'timed') return; // someone else's signal: cannot tell
    const sourceFile = call.getSourceFile();
    const inside = slot.passed.pos >= call.pos && slot.passed.end <= call.end;
    const fix: Fix = {
      title: `Combine with ${incoming}: AbortSignal.any([${incoming}, …])`,
      kind: 'safe',
      edits: [
        {
          start: slot.passed.getStart(sourceFile),
          end: slot.passed.end,
          newText: `AbortSignal.any([${incoming}, ${slot.passed.getText(sourceFile)}])`,
        },
      ],
    };
    context.report({
      node: call,
      messageId: 'signalNotDerived',
      data: { label: slot.label, incoming },
      policy: {
        summary: `${slot.label}: own deadline only; the handler's ${incoming} is dropped`,
        facts: { propagated: false },
      },
      fixes: inside ? [fix] : [],
      simulation: SCENARIO,
    });
    return;
  }
  context.report({
    node: call,
    messageId: 'signalNotPassed',
    data: { label: slot.label, incoming },
    policy: { summary: `${slot.label}: the handler's ${incoming} is not passed`, facts: { propagated: false } },
    fixes: passFix(slot, incoming, options),
    simulation: SCENARIO,
  });
}

function passFix(slot: SignalSlot, incoming: string, options: Options): Fix[] {
  if (slot.kind === 'parameter') {
    return [{ title: `Pass ${incoming}`, kind: 'safe', edits: [addArgument(slot.call, slot.index, incoming)] }];
  }
  if (!slot.slot) return [];
  const values = {
    http: options.defaultTimeoutMs,
    statement: 0,
    deadline: 0,
    socket: 0,
    operation: 0,
    connect: 0,
    command: 0,
  };
  // A client without a timeout option of its own gets the caller's signal and a deadline in one go.
  const text = slot.hasOwnTimeoutOption
    ? () => (incoming === 'signal' ? 'signal' : `signal: ${incoming}`)
    : (c: (kind: 'http') => string) => `signal: AbortSignal.any([${incoming}, AbortSignal.timeout(${c('http')})])`;
  return [remedyFix({ kind: 'option', addition: { slot: slot.slot, text, title: `Pass ${incoming}` } }, values)];
}

/** Whether a signal expression is, or is built from, the handler's incoming signal. */
function derivesFrom(expression: ts.Expression, source: SignalSource, depth: number): boolean {
  if (depth > 4) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      const binding = findBinding(node.text, node);
      if (binding?.kind === 'parameter' && binding.declaration === source.parameter) {
        const parent = node.parent;
        found = !source.member || (ts.isPropertyAccessExpression(parent) && parent.name.text === source.member);
      } else if (
        binding?.kind === 'variable' &&
        binding.declaration.initializer &&
        ts.isVariableDeclaration(binding.node)
      ) {
        found = derivesFrom(binding.declaration.initializer, source, depth + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}
