import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { skipOuterExpressions, type ValueResolver } from './values';
import type { Jitter } from './backoff-schedule';
import type { DelayFrame, DelayVerdict } from './delay-frame';
import { assignedInScope, collectMutations, stateOf } from './per-attempt-updates';
import { replayUpdates } from './replayed-updates';
import { passedOnProperty } from './passed-on-arguments';
import { growthPattern, jitterKind } from './delay-shape';
import { returnedExpression } from '../returned-expression';
import { thisMethod } from './this-members';

// What a wait expression computes, as a function of the attempt number: `1000` is fixed,
// `BASE * 2 ** attempt` is exponential, `backoffMs(attempt)` is whatever that helper returns
// (followed into its body, across modules), and any `Math.random()` on the way makes it jittered.
// The expression is evaluated numerically for several attempt numbers (Math.random() as 0 and as
// 1), which yields both the shape and the numbers the hover prints. Anything opaque — a call we
// cannot see into, a value that changes in ways we do not model — makes the answer unknown.

export interface Evaluation {
  value: number | undefined;
  dependsOnAttempt: boolean;
  random: boolean;
  /** Grows by multiplication (`**`, Math.pow, `<<`, `x *= 2`). */
  exponential: boolean;
  opaque: boolean;
}

export interface State {
  values: ValueResolver;
  frame: DelayFrame;
  attempt: number;
  random: 0 | 1;
  env: Map<ts.Node, Evaluation>;
  mutations: Map<ts.Node, ts.Expression[]>;
  depth: number;
}

const SAMPLES = 12;
const MAX_DEPTH = 16;
const INVARIANT_UNKNOWN: Evaluation = {
  value: undefined,
  dependsOnAttempt: false,
  random: false,
  exponential: false,
  opaque: false,
};
const OPAQUE: Evaluation = { ...INVARIANT_UNKNOWN, opaque: true };

/** Classifies a wait expression; undefined when it cannot be told (the rules then stay silent). */
export function classifyDelay(
  expression: ts.Expression,
  values: ValueResolver,
  frame: DelayFrame,
): DelayVerdict | undefined {
  const mutations = frame.perAttemptScope
    ? collectMutations(frame.perAttemptScope, frame.attemptDeclarations, frame.waitAt ?? expression.getStart())
    : new Map<ts.Node, ts.Expression[]>();
  // `retry(fn, delay * 2)`: the argument updates the parameter once per attempt.
  for (const [parameter, argument] of frame.passedOn ?? []) {
    if (!mutations.has(parameter)) mutations.set(parameter, [argument]);
  }
  const run = (attempt: number, random: 0 | 1) =>
    evaluate(expression, { values, frame, attempt, random, env: new Map(), mutations, depth: 0 });
  const first = run(frame.firstAttempt, 1);
  if (first.opaque) return undefined;
  const jitter: Jitter = first.random
    ? jitterKind(run(frame.firstAttempt + 3, 0).value, run(frame.firstAttempt + 3, 1).value)
    : 'none';
  if (!first.dependsOnAttempt) {
    if (first.value === 0) return { pattern: { kind: 'immediate' }, jitter };
    return { pattern: { kind: 'fixed', ms: first.value }, jitter };
  }
  const samples: Array<number | undefined> = [];
  for (let index = 0; index < SAMPLES; index++) samples.push(run(frame.firstAttempt + index, 1).value);
  return { pattern: growthPattern(samples, first.exponential), jitter };
}

/**
 * Classifies a function that computes the wait from the attempt number (ioredis `retryStrategy`,
 * axios-retry `retryDelay`, async `interval`): its parameter `attemptIndex` is the counter.
 */
export function classifyDelayFunction(
  fn: ts.SignatureDeclaration,
  values: ValueResolver,
  attemptIndex: number,
  firstAttempt: number,
): DelayVerdict | undefined {
  const result = returnedExpression(fn);
  if (!result) return undefined;
  const parameter = fn.parameters[attemptIndex];
  const attemptDeclarations = new Set<ts.Node>(parameter ? [parameter] : []);
  return classifyDelay(result, values, { attemptDeclarations, firstAttempt });
}

function combine(parts: Evaluation[], value: number | undefined, exponential = false): Evaluation {
  return {
    value: parts.every((part) => part.value !== undefined) ? value : undefined,
    dependsOnAttempt: parts.some((part) => part.dependsOnAttempt),
    random: parts.some((part) => part.random),
    exponential: exponential || parts.some((part) => part.exponential),
    opaque: parts.some((part) => part.opaque),
  };
}

function constant(value: number | undefined): Evaluation {
  return { ...INVARIANT_UNKNOWN, value };
}

function evaluate(expression: ts.Expression, state: State): Evaluation {
  if (state.depth > MAX_DEPTH) return OPAQUE;
  const node = skipOuterExpressions(expression);
  const inner = { ...state, depth: state.depth + 1 };
  if (ts.isNumericLiteral(node)) return constant(Number(node.text.replace(/_/g, '')));
  if (ts.isPrefixUnaryExpression(node)) {
    const operand = evaluate(node.operand, inner);
    if (node.operator === ts.SyntaxKind.MinusToken)
      return combine([operand], operand.value === undefined ? undefined : -operand.value);
    if (node.operator === ts.SyntaxKind.PlusToken) return operand;
    return OPAQUE;
  }
  if (ts.isBinaryExpression(node)) return evaluateBinary(node, inner);
  if (ts.isConditionalExpression(node)) {
    const condition = evaluate(node.condition, inner);
    if (condition.value === undefined || condition.opaque) return OPAQUE;
    const chosen = evaluate(condition.value !== 0 ? node.whenTrue : node.whenFalse, inner);
    return combine([condition, chosen], chosen.value);
  }
  if (ts.isIdentifier(node)) return evaluateIdentifier(node, inner);
  if (ts.isCallExpression(node)) return evaluateCall(node, inner);
  if (ts.isPropertyAccessExpression(node)) {
    const value = state.values.resolve(node);
    if (value.kind === 'global' && value.name === 'Number' && value.path[0] === 'POSITIVE_INFINITY')
      return constant(Infinity);
    if (value.kind === 'global' && value.name === 'Number' && value.path[0] === 'MAX_SAFE_INTEGER')
      return constant(Number.MAX_SAFE_INTEGER);
    if (state.frame.attemptProperties?.has(node.getText()))
      return { value: state.attempt, dependsOnAttempt: true, random: false, exponential: false, opaque: false };
    // `options.sleep` of `retry(fn, { ...options, sleep: sleep * 2 })`, updated per attempt.
    const passed = passedOnProperty(node, state.frame.passedOn);
    if (passed === 'untold') return OPAQUE;
    if (passed) {
      return state.env.get(passed.key) ?? mutated(passed.key, INVARIANT_UNKNOWN, [passed.update], state);
    }
    // `obj.backoffMs` of `const obj = { backoffMs: 0 }`, updated per attempt.
    const field = stateOf(node);
    if (field && ts.isPropertyAssignment(field)) {
      if (state.env.has(field)) return state.env.get(field)!;
      const updates = state.mutations.get(field);
      if (updates) return mutated(field, evaluate(field.initializer, state), updates, state);
    }
    // `options.delayMs`, `this.retryDelay`: read once, the same for every attempt — unless assigned per attempt.
    if (assignedInScope(node, state.frame.perAttemptScope)) return OPAQUE;
    return INVARIANT_UNKNOWN;
  }
  return OPAQUE;
}

function evaluateBinary(node: ts.BinaryExpression, state: State): Evaluation {
  const left = evaluate(node.left, state);
  const right = evaluate(node.right, state);
  const l = left.value;
  const r = right.value;
  const both = l !== undefined && r !== undefined;
  const parts = [left, right];
  switch (node.operatorToken.kind) {
    case ts.SyntaxKind.PlusToken:
      return combine(parts, both ? l + r : undefined);
    case ts.SyntaxKind.MinusToken:
      return combine(parts, both ? l - r : undefined);
    case ts.SyntaxKind.AsteriskToken:
      return combine(parts, both ? l * r : undefined);
    case ts.SyntaxKind.SlashToken:
      return combine(parts, both && r !== 0 ? l / r : undefined);
    case ts.SyntaxKind.PercentToken:
      return combine(parts, both && r !== 0 ? l % r : undefined);
    case ts.SyntaxKind.AsteriskAsteriskToken:
      return combine(parts, both ? l ** r : undefined, right.dependsOnAttempt);
    case ts.SyntaxKind.LessThanLessThanToken:
      return combine(parts, both ? l * 2 ** r : undefined, right.dependsOnAttempt);
    case ts.SyntaxKind.LessThanToken:
      return combine(parts, both ? Number(l < r) : undefined);
    case ts.SyntaxKind.LessThanEqualsToken:
      return combine(parts, both ? Number(l <= r) : undefined);
    case ts.SyntaxKind.GreaterThanToken:
      return combine(parts, both ? Number(l > r) : undefined);
    case ts.SyntaxKind.GreaterThanEqualsToken:
      return combine(parts, both ? Number(l >= r) : undefined);
    case ts.SyntaxKind.QuestionQuestionToken:
      return l !== undefined ? left : combine(parts, r);
    case ts.SyntaxKind.BarBarToken:
      return l ? left : combine(parts, r);
    default:
      return OPAQUE;
  }
}

function evaluateIdentifier(node: ts.Identifier, state: State): Evaluation {
  const binding = findBinding(node.text, node);
  if (!binding) {
    if (node.text === 'Infinity') return constant(Infinity);
    return node.text === 'undefined' ? INVARIANT_UNKNOWN : OPAQUE;
  }
  const declaration = binding.kind === 'variable' || binding.kind === 'parameter' ? binding.declaration : undefined;
  if (declaration && state.frame.attemptDeclarations.has(declaration)) {
    return { value: state.attempt, dependsOnAttempt: true, random: false, exponential: false, opaque: false };
  }
  if (declaration && state.env.has(declaration)) return state.env.get(declaration)!;
  const bound = declaration && state.frame.bindings?.get(declaration);
  if (bound) return evaluate(bound, state);
  if (binding.kind === 'parameter') {
    // The enclosing function's parameter: its default tells the first value (the caller's is
    // unknown); the same on every attempt unless updated in the loop or passed on changed.
    const initializer = binding.declaration.initializer;
    const start = initializer ? evaluate(initializer, state) : INVARIANT_UNKNOWN;
    if (start.dependsOnAttempt) return OPAQUE;
    const updates = state.mutations.get(binding.declaration);
    return updates ? mutated(binding.declaration, start, updates, state) : start;
  }
  if (binding.kind === 'variable') {
    const variable = binding.declaration;
    if (!ts.isIdentifier(variable.name) || !variable.initializer) return OPAQUE;
    const mutation = state.mutations.get(variable);
    if (mutation) return mutated(variable, evaluate(variable.initializer, state), mutation, state);
    return evaluate(variable.initializer, state);
  }
  if (binding.kind === 'import') {
    const value = state.values.resolve(node);
    if (value.kind === 'literal' && value.path.length === 0 && ts.isNumericLiteral(value.node))
      return evaluate(value.node, state);
    if (value.kind === 'literal' || value.kind === 'unknown')
      return value.kind === 'literal' ? OPAQUE : INVARIANT_UNKNOWN;
    return OPAQUE;
  }
  return OPAQUE;
}

/** A state updated per attempt, replayed (replayed-updates.ts); opaque when an update cannot be evaluated. */
function mutated(variable: ts.Node, start: Evaluation, updates: readonly ts.Expression[], state: State): Evaluation {
  return replayUpdates(variable, start, updates, state, evaluate) ?? OPAQUE;
}

const MATH_FUNCTIONS: Record<string, (...args: number[]) => number> = {
  min: Math.min,
  max: Math.max,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  trunc: Math.trunc,
  abs: Math.abs,
  pow: Math.pow,
  sqrt: Math.sqrt,
};

function evaluateCall(node: ts.CallExpression, state: State): Evaluation {
  const callee = state.values.resolve(node.expression);
  if (callee.kind === 'global' && callee.name === 'Math' && callee.path.length === 1) {
    const name = callee.path[0]!;
    if (name === 'random')
      return { value: state.random, dependsOnAttempt: false, random: true, exponential: false, opaque: false };
    const fn = MATH_FUNCTIONS[name];
    if (!fn) return OPAQUE;
    const args = node.arguments.map((argument) => evaluate(argument, state));
    const values = args.map((arg) => arg.value);
    const value = values.every((v) => v !== undefined) ? fn(...(values as number[])) : undefined;
    return combine(args, value, name === 'pow' && args[1]?.dependsOnAttempt === true);
  }
  if (callee.kind === 'function' && callee.path.length === 0) return evaluateHelperCall(callee.node, node, state);
  const method = thisMethod(node.expression);
  return method ? evaluateHelperCall(method, node, state) : OPAQUE;
}

/** A small helper (`backoff(attempt)`): its returned expression with parameters bound to the arguments. */
function evaluateHelperCall(fn: ts.SignatureDeclaration, call: ts.CallExpression, state: State): Evaluation {
  const result = returnedExpression(fn);
  if (!result) return OPAQUE;
  const env = new Map(state.env);
  fn.parameters.forEach((parameter, index) => {
    const argument = call.arguments[index];
    if (argument) env.set(parameter, evaluate(argument, state));
  });
  return evaluate(result, { ...state, env });
}
