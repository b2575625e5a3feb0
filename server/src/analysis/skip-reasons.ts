// Why a file is not analyzed, stated once to the user (status item, stderr): too large, not text,
// minified, or nested too deeply for TypeScript's recursive parser. The rest of the run goes on.

import { isMinified } from './minified';

/** Whether a text is above `maxFileSizeKb`: not analyzed, not parsed when imported, not indexed by the editor. */
export function isAboveSizeLimit(text: string, maxFileSizeKb: number): boolean {
  return text.length / 1024 > maxFileSizeKb;
}

export function skipReason(text: string, maxFileSizeKb: number): string | undefined {
  if (isAboveSizeLimit(text, maxFileSizeKb)) {
    return `skipped: ${Math.round(text.length / 1024)} KiB is above maxFileSizeKb (${maxFileSizeKb} KiB)`;
  }
  if (text.includes('\u0000')) return 'skipped: not a text file (contains NUL bytes)';
  if (isMinified(text)) return MINIFIED;
  return undefined;
}

export const MINIFIED = 'skipped: minified (bundler output: its lines average over 500 characters)';

/**
 * TypeScript's parser is recursive: code nested tens of thousands deep (`((((…` in a generated or
 * damaged file) exhausts the stack. Such a file is skipped with this reason, and the modules that
 * import it see it as unreadable, instead of one file ending the whole run.
 */
export const TOO_DEEP = 'skipped: nested too deeply to parse (the parser ran out of stack)';

export function tooDeep(): never {
  throw new RangeError('Maximum call stack size exceeded');
}

/** The RangeError V8 throws when recursion exhausts the stack. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes('call stack');
}
