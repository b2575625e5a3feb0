import { ts } from '../../typescript';
import { evaluateNumber, formatMs } from './durations';
import { lookupProperty, optionsObject, type ObjectSource } from './object-properties';
import type { Value, ValueResolver } from './values';

// The vocabulary the pool libraries share: where a pool or agent is made, what bounds its
// connections and its waiters, and how a hover says so. Each library module (pg-pool.ts,
// mysql2-pool.ts, node-agent.ts …) fills these shapes with its own defaults.

/** One numeric option as written: absent, a constant, or computed at run time. */
export type NumericOption =
  | { kind: 'absent' }
  | { kind: 'number'; value: number; node: ts.Expression }
  | { kind: 'dynamic'; node: ts.Expression };

/** The options argument of a constructor: an object we can read, or nothing at all. */
export type OptionsArgument = { kind: 'object'; node: ObjectSource } | { kind: 'absent' };

/** A count bound: a number, none (unlimited), or decided at run time (we stay silent). */
export type CountBound = { kind: 'limit'; count: number } | { kind: 'none' } | { kind: 'dynamic' };

/** A wait bound in time: milliseconds, forever, or decided at run time. */
export type TimeBound = { kind: 'limit'; ms: number } | { kind: 'none' } | { kind: 'dynamic' };

/** What a pool's creation site says about its bounds, with the library's defaults applied. */
export interface PoolBounds {
  /** How people call it in messages: "pg Pool", "http.Agent". */
  label: string;
  /** The `new …` or factory call that makes the pool. */
  node: ts.NewExpression | ts.CallExpression;
  /** Index of the options argument (a fix adds it when absent). */
  optionsIndex: number;
  options: OptionsArgument;
  connections: CountBound;
  /** Undefined when the library has no wait queue of its own worth judging. */
  waiters?: { size: CountBound; time: TimeBound };
}

/** The options object at `index`, or undefined when it cannot be read (a parameter, a spread of unknown). */
export function readOptionsArgument(
  call: ts.NewExpression | ts.CallExpression,
  index: number,
  values: ValueResolver,
): OptionsArgument | undefined {
  const options = optionsObject(call.arguments?.[index], values);
  return options.kind === 'unknown' ? undefined : options;
}

/** A numeric option of a readable options object; undefined when a spread or getter hides it. */
export function readNumericOption(
  options: OptionsArgument,
  name: string,
  values: ValueResolver,
): NumericOption | undefined {
  if (options.kind === 'absent') return { kind: 'absent' };
  const property = lookupProperty(options.node, name, values);
  if (property.kind === 'unknown') return undefined;
  if (property.kind === 'absent') return { kind: 'absent' };
  const expression = property.value;
  if (expression.kind === ts.SyntaxKind.NullKeyword) return { kind: 'number', value: NaN, node: expression };
  const value = evaluateNumber(expression, values, 0);
  return value === undefined ? { kind: 'dynamic', node: expression } : { kind: 'number', value, node: expression };
}

/** Whether a boolean option is literally `value` (`waitForConnections: false`). */
export function booleanOptionIs(
  options: OptionsArgument,
  name: string,
  value: boolean,
  values: ValueResolver,
): boolean {
  if (options.kind === 'absent') return false;
  const property = lookupProperty(options.node, name, values);
  if (property.kind !== 'found') return false;
  const expected = value ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword;
  return property.value.kind === expected;
}

/**
 * A count option read with the library's meaning: `unlimited(n)` says which written values mean
 * "no limit" (Infinity, 0, null — it differs per library); absent means the library default.
 */
export function countBound(
  option: NumericOption,
  defaultBound: CountBound,
  unlimited: (n: number) => boolean,
): CountBound {
  if (option.kind === 'absent') return defaultBound;
  if (option.kind === 'dynamic') return { kind: 'dynamic' };
  return unlimited(option.value) || !Number.isFinite(option.value)
    ? { kind: 'none' }
    : { kind: 'limit', count: option.value };
}

export function timeBound(
  option: NumericOption,
  defaultBound: TimeBound,
  unlimited: (ms: number) => boolean,
): TimeBound {
  if (option.kind === 'absent') return defaultBound;
  if (option.kind === 'dynamic') return { kind: 'dynamic' };
  return unlimited(option.value) || !Number.isFinite(option.value)
    ? { kind: 'none' }
    : { kind: 'limit', ms: option.value };
}

/** "pg Pool: max 10 connections; waiters: unbounded, forever". */
export function describePool(bounds: PoolBounds, connectionNoun = 'connections'): string {
  const connections = describeCount(bounds.connections, connectionNoun);
  if (!bounds.waiters) return `${bounds.label}: ${connections}`;
  const size = bounds.waiters.size;
  const time = bounds.waiters.time;
  const sizeText =
    size.kind === 'limit' ? `at most ${size.count}` : size.kind === 'none' ? 'unbounded' : 'limit set at run time';
  const timeText =
    time.kind === 'limit' ? `up to ${formatMs(time.ms)}` : time.kind === 'none' ? 'forever' : 'wait set at run time';
  return `${bounds.label}: ${connections}; waiters: ${sizeText}, ${timeText}`;
}

function describeCount(bound: CountBound, noun: string): string {
  if (bound.kind === 'limit') return `max ${bound.count} ${noun}`;
  return bound.kind === 'none' ? `unlimited ${noun}` : `${noun} limit set at run time`;
}

/** Simulation parameters for the pool-exhaustion model (0 = unlimited / forever there). */
export function poolScenarioParams(bounds: PoolBounds): Record<string, number> {
  const params: Record<string, number> = {};
  if (bounds.connections.kind !== 'dynamic')
    params.poolSize = bounds.connections.kind === 'limit' ? bounds.connections.count : 0;
  if (bounds.waiters) {
    const { size, time } = bounds.waiters;
    if (size.kind !== 'dynamic') params.waitQueueLimit = size.kind === 'limit' ? size.count : 0;
    if (time.kind !== 'dynamic') params.acquireTimeoutMs = time.kind === 'limit' ? time.ms : 0;
  }
  return params;
}

/** `new X(...)` or `X(...)` whose callee resolves to `module` with the member `path`. */
export function isModuleMember(callee: Value, modules: readonly string[], path: readonly string[]): boolean {
  return (
    callee.kind === 'module' &&
    modules.includes(callee.module) &&
    callee.path.length === path.length &&
    callee.path.every((name, index) => name === path[index])
  );
}

/** The value written for `name` in the options literal, if any (what a fix replaces). */
export function writtenValue(options: OptionsArgument, name: string, values: ValueResolver): ts.Expression | undefined {
  if (options.kind === 'absent') return undefined;
  const property = lookupProperty(options.node, name, values);
  return property.kind === 'found' ? property.value : undefined;
}
