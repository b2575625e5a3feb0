import { ts } from '../../typescript';
import { findBinding } from '../scope';
import { skipOuterExpressions, type ValueResolver } from './values';
import type { Jitter } from './backoff-schedule';
import type { DelayFrame, DelayVerdict } from './delay-frame';
import { assignedInScope, collectMutations, isSelfMultiplication, stateOf } from './per-attempt-updates';
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

interface Evaluation {
  value: number | undefined;
  dependsOnAttempt: boolean;
  random: boolean;
  /** Grows by multiplication (`**`, Math.pow, `<<`, `x *= 2`). */
  exponential: boolean;
  opaque: boolean;
}

interface State {
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
  for (const [parameter, argument] of frame.passedOn ?? []) if (!mutations.has(parameter)) mutations.set(parameter, [argument]);
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
      return state.env.get(passed.key) ?? evaluateMutated(passed.key, INVARIANT_UNKNOWN, [passed.update], state);
    }
    // `obj.backoffMs` of `const obj = { backoffMs: 0 }`, updated per attempt.
    const field = stateOf(node);
    if (field && ts.isPropertyAssignment(field)) {
      if (state.env.has(field)) return state.env.get(field)!;
      const updates = state.mutations.get(field);
      if (updates) return evaluateMutated(field, evaluate(field.initializer, state), updates, state);
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
    const updates = ts.isIdentifier(binding.declaration.name) ? state.mutations.get(binding.declaration) : undefined;
    return updates ? evaluateMutated(binding.declaration, start, updates, state) : start;
  }
  if (binding.kind === 'variable') {
    const variable = binding.declaration;
    if (!ts.isIdentifier(variable.name) || !variable.initializer) return OPAQUE;
    const mutation = state.mutations.get(variable);
    if (mutation) return evaluateMutated(variable, evaluate(variable.initializer, state), mutation, state);
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

/** `let delay = 100; … delay = Math.min(delay * 2, MAX)`: the value after as many updates as waits so far. */
function evaluateMutated(variable: ts.Node, start: Evaluation, updates: readonly ts.Expression[], state: State): Evaluation {
  const waitAt = state.frame.waitAt;
  const updatedBeforeWait = waitAt !== undefined && updateEnd(updates[0]!) <= waitAt ? 1 : 0;
  const steps = Math.max(0, Math.min(64, state.attempt - state.frame.firstAttempt + updatedBeforeWait));
  const replayed = replay(variable, start, updates, steps, state);
  if (!replayed) return OPAQUE;
  const exponential = replayed.exponential || (start.value === undefined && growsByFactor(variable, updates, state));
  return { ...replayed.value, dependsOnAttempt: true, exponential };
}

/** The value after `steps` rounds of updates (each checked at least once); undefined when one is opaque. */
function replay(
  variable: ts.Node,
  start: Evaluation,
  updates: readonly ts.Expression[],
  steps: number,
  state: State,
): { value: Evaluation; exponential: boolean } | undefined {
  let current = start;
  const env = new Map(state.env);
  let exponential = false;
  for (let step = 0; step < Math.max(steps, 1); step++) {
    let next = current;
    for (const update of updates) {
      env.set(variable, next);
      const updated = evaluate(update, { ...state, env });
      if (updated.opaque && isResetToStart(update, start.value, { ...state, env })) continue;
      if (updated.opaque) return undefined;
      exponential ||= updated.exponential || isSelfMultiplication(update, variable);
      next = updated;
    }
    if (step < steps) current = next;
  }
  return { value: current, exponential };
}

/**
 * Whether each round multiplies the value, when it starts from the caller's unknown argument
 * (`const sleep = options.sleep; … retry({ ...options, sleep: sleep * 2 })`): told by replaying
 * the rounds from a stand-in start.
 */
function growsByFactor(variable: ts.Node, updates: readonly ts.Expression[], state: State): boolean {
  const standIn = constant(STAND_IN_MS);
  const once = replay(variable, standIn, updates, 1, state)?.value.value;
  const twice = replay(variable, standIn, updates, 2, state)?.value.value;
  return once !== undefined && twice !== undefined && once > STAND_IN_MS && Math.abs(twice * STAND_IN_MS - once * once) < 1e-6 * once * once;
}
const STAND_IN_MS = 1000;

/**
 * `if (Date.now() - lastConnect > 10_000) backoff = 0`: a conditional reset to the starting value,
 * on a condition we cannot evaluate (a success long enough ago). During a run of failures, which
 * is what the schedule describes, it starts nothing over: skipped.
 */
function isResetToStart(update: ts.Expression, initial: number | undefined, state: State): boolean {
  if (update.pos >= 0 || !ts.isConditionalExpression(update) || initial === undefined) return false;
  const value = evaluate(update.whenTrue, state);
  return !value.opaque && value.value === initial;
}

/** Where an update ends in the text (`x *= 2` is replayed as a synthetic `x * 2`, whose operand is real). */
function updateEnd(update: ts.Expression): number {
  return update.pos < 0 && ts.isBinaryExpression(update) ? update.right.end : update.end;
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
