// Text scans (the cheap per-file checks, the import graph) must not take prose for code: a JSDoc
// example or a commented-out line names modules and functions the file never uses.

/**
 * Whether `at` is in a comment that starts its line: `// require('x')` commented out, or a JSDoc
 * example (` * const Int32 = require('mongodb').Int32;`, which made every module of bson import
 * mongodb). A comment after code on the same line is not looked for: telling it from a `//`
 * inside a string would take a tokenizer.
 */
export function onCommentLine(text: string, at: number): boolean {
  // Only the line's first MAX_COMMENT_LOOKBACK characters are looked at: on a minified bundle's
  // one line, walking back to its start from every `require` would be quadratic.
  const limit = Math.max(0, at - MAX_COMMENT_LOOKBACK);
  let start = at;
  while (start > limit && text.charCodeAt(start - 1) !== 10) start--;
  if (start > 0 && text.charCodeAt(start - 1) !== 10) return false; // a long line: code
  while (start < at && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  const first = text.charCodeAt(start);
  const second = text.charCodeAt(start + 1);
  if (first === 47 && second === 47) return true; // `//`
  // `* …` inside a block comment, or `/* …`: unless the comment closes before (`/* c8 ignore */ require(…)`).
  if (first !== 42 && !(first === 47 && second === 42)) return false;
  return !text.slice(start, at).includes('*/');
}

const MAX_COMMENT_LOOKBACK = 256;

/**
 * Whether the global `pattern` matches `text` outside comment lines, at a position `accept`
 * takes (any by default): a per-file check's "written as code".
 */
export function matchesInCode(pattern: RegExp, text: string, accept: (at: number) => boolean = () => true): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (accept(match.index) && !onCommentLine(text, match.index)) return true;
  }
  return false;
}
