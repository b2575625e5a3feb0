import { ts } from '../../typescript';
import type { TextEdit } from '../types';
import type { RetrySchedule } from './backoff-schedule';

// What a retry library's recogniser reports: the schedule its options (and defaults) give, the
// function it retries, and how to fix it with the library's own options.

/** Set properties of an options argument: inside the literal, or as a new argument. */
export interface OptionEdit {
  title: string;
  call: ts.CallExpression | ts.NewExpression;
  /** Index of the options argument. */
  index: number;
  /** The options literal when there is one; undefined when the argument is absent. */
  options: ts.ObjectLiteralExpression | undefined;
  /** name → value text; an existing property of that name (in the literal) is replaced. */
  set: Record<string, string>;
  /** Edits outside the call, such as adding a name to an existing import. */
  importEdits?: TextEdit[];
}

export interface LibraryRetry {
  library: string;
  node: ts.CallExpression | ts.NewExpression;
  schedule: RetrySchedule;
  /** The function retried, when the library wraps one (p-retry, cockatiel `execute`). */
  operation?: ts.Expression;
  /** The library's own jittered option (safe fix for fixed or unjittered waits). */
  jitterFix?: OptionEdit;
  /** An attempt cap (offered as a suggestion for unbounded retries). */
  capFix?: OptionEdit;
}

/** The options argument at `index` as something an OptionEdit can target, or undefined. */
export function editableOptions(
  call: ts.CallExpression | ts.NewExpression,
  index: number,
): { options: ts.ObjectLiteralExpression | undefined } | undefined {
  const argument = call.arguments?.[index];
  if (!argument) return (call.arguments?.length ?? 0) >= index ? { options: undefined } : undefined;
  return ts.isObjectLiteralExpression(argument) ? { options: argument } : undefined;
}

/** An OptionEdit when the options are a literal or absent; undefined otherwise. */
export function optionEdit(
  call: ts.CallExpression | ts.NewExpression,
  index: number,
  title: string,
  set: Record<string, string>,
  importEdits?: TextEdit[],
): OptionEdit | undefined {
  const target = editableOptions(call, index);
  return target ? { title, call, index, options: target.options, set, importEdits } : undefined;
}
