import { ts } from 'ts-morph';
import type { Fix, TextEdit } from '../types';
import { addArgument, addObjectProperty, ensureModuleConstant } from './text-edits';

// Quick fixes that give an outbound call a timeout. They insert a named constant (reused if
// the module already has it) rather than a magic number, and say in a comment how to choose it.

export const TIMEOUT_CONSTANT = 'HTTP_TIMEOUT_MS';
const CONSTANT_COMMENT = [
  'Upper bound for one outbound HTTP call. Derive it from the dependency\'s p99.9 latency',
  'and the caller\'s own deadline, not a guess (see docs/rules/require-timeout.md).',
];

export function formatNumberLiteral(value: number): string {
  return Number.isInteger(value) && value >= 10_000 ? value.toLocaleString('en-US').replace(/,/g, '_') : String(value);
}

function withConstant(at: ts.Node, timeoutMs: number, build: (name: string) => TextEdit[], title: (name: string) => string): Fix {
  const constant = ensureModuleConstant(at.getSourceFile(), at, TIMEOUT_CONSTANT, formatNumberLiteral(timeoutMs), CONSTANT_COMMENT);
  return { title: title(constant.name), kind: 'safe', edits: [...build(constant.name), ...constant.edits] };
}

/** `fetch(url)` / `fetch(url, { … })` / `fetch(url, init)` → a timed signal in the init. */
export function fetchSignalFix(
  call: ts.CallExpression,
  init: { kind: 'absent' } | { kind: 'literal'; node: ts.ObjectLiteralExpression } | { kind: 'reference'; node: ts.Expression },
  timeoutMs: number,
): Fix {
  const sourceFile = call.getSourceFile();
  return withConstant(call, timeoutMs, (name) => {
    const signal = `signal: AbortSignal.timeout(${name})`;
    if (init.kind === 'literal') return [addObjectProperty(init.node, signal, sourceFile)];
    if (init.kind === 'reference') {
      return [{ start: init.node.getStart(sourceFile), end: init.node.end, newText: `{ ...${init.node.getText(sourceFile)}, ${signal} }` }];
    }
    return [addArgument(call, 1, `{ ${signal} }`)];
  }, (name) => `Add a timeout: signal: AbortSignal.timeout(${name})`);
}

/** `signal: controller.signal` → `signal: AbortSignal.any([controller.signal, AbortSignal.timeout(MS)])`. */
export function combineSignalFix(signalValue: ts.Expression, timeoutMs: number): Fix {
  const sourceFile = signalValue.getSourceFile();
  return withConstant(signalValue, timeoutMs, (name) => [{
    start: signalValue.getStart(sourceFile),
    end: signalValue.end,
    newText: `AbortSignal.any([${signalValue.getText(sourceFile)}, AbortSignal.timeout(${name})])`,
  }], (name) => `Combine the signal with AbortSignal.timeout(${name})`);
}

/** Adds `timeout: MS` to an axios config: into the literal, or as a new config argument. */
export function axiosTimeoutFix(
  call: ts.CallExpression,
  configIndex: number,
  config: ts.ObjectLiteralExpression | undefined,
  timeoutMs: number,
  where: 'call' | 'instance',
): Fix {
  const sourceFile = call.getSourceFile();
  return withConstant(call, timeoutMs, (name) => [
    config ? addObjectProperty(config, `timeout: ${name}`, sourceFile) : addArgument(call, configIndex, `{ timeout: ${name} }`),
  ], (name) => `Set timeout: ${name} on the ${where === 'instance' ? 'instance' : 'request'}`);
}

/** `timeout: 0` (disabled) → `timeout: MS`. */
export function replaceTimeoutValueFix(value: ts.Expression, timeoutMs: number): Fix {
  const sourceFile = value.getSourceFile();
  return withConstant(value, timeoutMs, (name) => [{ start: value.getStart(sourceFile), end: value.end, newText: name }],
    (name) => `Replace the disabled timeout with ${name}`);
}
