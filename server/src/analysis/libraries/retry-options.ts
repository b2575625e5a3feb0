import { ts } from '../../typescript';
import { evaluateNumber } from './durations';
import { lookupProperty, optionsObject, type ObjectSource, type PropertyLookup } from './object-properties';
import type { ValueResolver } from './values';

// Reading a retry library's options object: numbers through constants, booleans and strings
// as written. `unknown` (a spread of a parameter, a computed value) keeps the rules silent.

export type OptionValue =
  | { kind: 'absent' }
  | { kind: 'unknown' }
  | { kind: 'number'; value: number; node: ts.Expression }
  | { kind: 'boolean'; value: boolean; node: ts.Expression }
  | { kind: 'string'; value: string; node: ts.Expression }
  /** Present, but not a constant: a function, an object, a call. */
  | { kind: 'expression'; node: ts.Expression };

export class RetryOptions {
  /** The options object literal, when the argument is one (a fix can edit it). */
  readonly literal: ts.ObjectLiteralExpression | undefined;
  /** False when the argument is something we cannot read (a parameter, a call). */
  readonly readable: boolean;
  private readonly object: ObjectSource | undefined;

  constructor(
    readonly argument: ts.Expression | undefined,
    private readonly values: ValueResolver,
  ) {
    const options = optionsObject(argument, values);
    this.object = options.kind === 'object' ? options.node : undefined;
    this.readable = options.kind !== 'unknown';
    this.literal = argument && ts.isObjectLiteralExpression(argument) ? argument : undefined;
  }

  get(name: string): OptionValue {
    const found = this.lookup(name);
    return found.kind === 'found' ? readValue(found.value, this.values) : found;
  }

  /** The expression an option is written as, whatever it holds; undefined when absent or unreadable. */
  written(name: string): ts.Expression | undefined {
    const found = this.lookup(name);
    return found.kind === 'found' ? found.value : undefined;
  }

  private lookup(name: string): PropertyLookup {
    if (!this.readable) return { kind: 'unknown' };
    if (!this.object) return { kind: 'absent' };
    return lookupProperty(this.object, name, this.values);
  }

  /** A number option, its default when absent; undefined when unreadable or not constant. */
  number(name: string, fallback: number): number | undefined {
    const option = this.get(name);
    if (option.kind === 'absent') return fallback;
    return option.kind === 'number' ? option.value : undefined;
  }

  boolean(name: string, fallback: boolean): boolean | undefined {
    const option = this.get(name);
    if (option.kind === 'absent') return fallback;
    return option.kind === 'boolean' ? option.value : undefined;
  }
}

export function readValue(expression: ts.Expression, values: ValueResolver): OptionValue {
  const number = evaluateNumber(expression, values, 0);
  if (number !== undefined) return { kind: 'number', value: number, node: expression };
  if (ts.isIdentifier(expression) && expression.text === 'undefined') return { kind: 'absent' };
  const value = values.resolve(expression);
  const node = value.kind === 'literal' && value.path.length === 0 ? value.node : expression;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true, node: expression };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false, node: expression };
  if (ts.isStringLiteralLike(node)) return { kind: 'string', value: node.text, node: expression };
  if (value.kind === 'parameter' || value.kind === 'unknown') return { kind: 'unknown' };
  return { kind: 'expression', node: expression };
}
