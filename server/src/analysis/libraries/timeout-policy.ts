import { ts } from '../../typescript';
import { formatMs, readDuration, type Duration } from './durations';
import { lookupProperty, optionsObject, writtenLiteral, type PropertyLookup } from './object-properties';
import type { SimulationScenario } from '../types';
import type { ValueResolver } from './values';
import type { WorkspaceIndex } from '../workspace-index';

// The shared vocabulary of the timeout library modules: what one recognised outbound client
// (a call, a `new`, an instance) is bounded by, and — when it is not — where the missing option
// goes. Library modules fill it in; rules turn it into reports and fixes. No rule logic here.

/** The constants a timeout fix may insert; names, values and comments live in fixes/timeout-fixes.ts. */
export type TimeoutConstantKind = 'http' | 'connect' | 'statement' | 'command' | 'deadline' | 'socket' | 'operation';

/** Where added options go: into a literal, as a new argument, or spread over an options reference. */
export type OptionsSlot =
  | { kind: 'literal'; node: ts.ObjectLiteralExpression }
  | { kind: 'argument'; call: ts.CallExpression | ts.NewExpression; index: number; before?: ts.Expression }
  | { kind: 'reference'; node: ts.Expression };

/** A property (or a few) to add; `text` receives the name of each constant it uses. */
export interface OptionAddition {
  slot: OptionsSlot;
  text: (constant: (kind: TimeoutConstantKind) => string) => string;
  title: string;
  /** A fix that is right only on some versions of the library: offered, never applied by fix-all. */
  suggestion?: boolean;
}

/** Text to insert right after `after` (a chained `.timeout(…)`). */
export interface ChainAddition {
  after: ts.Expression;
  text: (constant: (kind: TimeoutConstantKind) => string) => string;
  title: string;
}

/** Text that replaces `value` (a disabling `0`, `false`) in place. */
export interface ValueReplacement {
  value: ts.Expression;
  text: (constant: (kind: TimeoutConstantKind) => string) => string;
  title: string;
}

export type TimeoutRemedy =
  | { kind: 'option'; addition: OptionAddition }
  | { kind: 'chain'; addition: ChainAddition }
  | { kind: 'replace'; addition: ValueReplacement };

/** What a missing timeout means for this client, for the message (problem → consequence → remedy). */
export interface MissingTimeout {
  /** "got", "pg Pool `db`", "ioredis client" */
  subject: string;
  /** "got default: none" */
  libraryDefault: string;
  /** "a hung dependency holds each request open indefinitely" */
  consequence: string;
  /** "Set `timeout: { request: ms }`" */
  remedy: string;
  /** Which constant the fix's main timeout is (its value goes to the simulation); default `http`. */
  constant?: TimeoutConstantKind;
}

export type ClientTimeout =
  /** A timeout applies: the hover says which and where. */
  | { kind: 'bounded'; summary: string; timeoutMs?: number }
  /** Options this analysis cannot see decide it: stay silent. */
  | { kind: 'unknown'; summary: string }
  /** The instance it goes through has no timeout and is reported where it is created. */
  | { kind: 'elsewhere'; summary: string }
  | { kind: 'missing'; summary: string; missing: MissingTimeout; fix?: TimeoutRemedy }
  | { kind: 'disabled'; summary: string; missing: MissingTimeout; value: ts.Expression; fix?: TimeoutRemedy };

/** The context library modules read: value resolution and workspace facts (versions, display paths). */
export interface LibraryContext {
  values: ValueResolver;
  workspace: WorkspaceIndex;
  fileName: string;
}

/** An options argument as a slot for added properties, or undefined when it cannot take one. */
export function optionsSlot(
  call: ts.CallExpression | ts.NewExpression,
  index: number,
  values: ValueResolver,
): OptionsSlot | undefined {
  const argument = call.arguments?.[index];
  if (!argument) return (call.arguments?.length ?? 0) >= index ? { kind: 'argument', call, index } : undefined;
  const options = optionsObject(argument, values);
  if (options.kind === 'object') return objectArgumentSlot(argument);
  if (options.kind === 'absent') return { kind: 'reference', node: argument };
  return undefined;
}

/**
 * An options argument read as an object, as a slot: the literal written there (or the last
 * literal of a merge written there), else the reference, which a fix spreads into a new literal.
 */
export function objectArgumentSlot(argument: ts.Expression): Extract<OptionsSlot, { kind: 'literal' | 'reference' }> {
  const literal = writtenLiteral(argument);
  return literal ? { kind: 'literal', node: literal } : { kind: 'reference', node: argument };
}

/** A property of an options argument (absent argument → absent). */
export function argumentProperty(
  call: ts.CallExpression | ts.NewExpression,
  index: number,
  name: string,
  values: ValueResolver,
): PropertyLookup {
  const options = optionsObject(call.arguments?.[index], values);
  return options.kind === 'object' ? lookupProperty(options.node, name, values) : options;
}

/** A nested object property: `timeout.request`, `requestHandler.requestTimeout`. */
export function nestedProperty(lookup: PropertyLookup, name: string, values: ValueResolver): PropertyLookup {
  if (lookup.kind !== 'found') return lookup;
  const options = optionsObject(lookup.value, values);
  return options.kind === 'object' ? lookupProperty(options.node, name, values) : options;
}

/** Hover words for a duration option: "5 s", "disabled (0)", "`cfg.ms`". */
export function describeDuration(duration: Duration): string {
  if (duration.kind === 'ms') return formatMs(duration.ms);
  if (duration.kind === 'disabled') return `disabled (\`${duration.text}\`)`;
  return `\`${duration.text}\``;
}

/** Reads a found duration property into a verdict-friendly shape. */
export function durationOf(lookup: PropertyLookup, values: ValueResolver): Duration | undefined {
  return lookup.kind === 'found' ? readDuration(lookup.value, values) : undefined;
}

/** "ioredis client `redis`" — the variable, property or field a construct is assigned to. */
export function subjectName(node: ts.Node, kind: string): string {
  const parent = node.parent;
  let name: string | undefined;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) name = parent.name.text;
  else if (
    parent &&
    (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) &&
    ts.isIdentifier(parent.name)
  )
    name = parent.name.text;
  else if (parent && ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left))
    name = parent.left.name.text;
  return name ? `${kind} \`${name}\`` : kind;
}

/**
 * The `missing-timeout` simulation of a call that can wait forever: as written no timeout
 * (0 in the model), fixed with `fixedTimeoutMs`.
 */
export function missingTimeoutScenario(fixedTimeoutMs: number): SimulationScenario {
  return { model: 'missing-timeout', params: { timeoutMs: 0 }, fixedParams: { timeoutMs: fixedTimeoutMs } };
}
