// Recognising a bundler's minified output, which Goodput skips (skip-reasons.ts).

/**
 * Whether a text is minified code: a bundler's output, whose findings no one can act on where they
 * are (the fix belongs in the sources it was built from). In ten backend apps (6,439 files) every
 * file averaging over 200 characters per line was a bundle; minified ones there and in the library
 * corpora have under 8 % whitespace. Three tests, so that long data does not count:
 * - lines average over 500 characters, leaving out a trailing source-map comment (Babel inlines
 *   whole maps on one line);
 * - under 10 % of the characters are whitespace (bullmq's long SQL strings have 19 %);
 * - at least 0.5 % are `;`, `{` or `}`: code, not one huge literal (base64 WebAssembly, a Unicode
 *   table, a blob embedded in a hand-written file).
 */
export function isMinified(text: string): boolean {
  const end = sourceMapCommentStart(text);
  let lines = 1;
  if (end <= MINIFIED_LINE_CHARS) return false;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) {
    if (++lines * MINIFIED_LINE_CHARS >= end) return false;
  }
  let whitespace = 0;
  let braces = 0;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if (isWhitespace(code)) whitespace++;
    else if (code === 59 || code === 123 || code === 125) braces++;
  }
  return whitespace < end * 0.1 && braces >= end * 0.005;
}

const MINIFIED_LINE_CHARS = 500;

/**
 * Where a `//# sourceMappingURL=` comment on the last line starts, or the text's length. Only the
 * last non-blank line is searched: scanning a whole file backwards for the marker cost about 1 %
 * of the analysis, for every file.
 */
function sourceMapCommentStart(text: string): number {
  let contentEnd = text.length;
  while (contentEnd > 0 && isWhitespace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  const lastLine = text.slice(text.lastIndexOf('\n', contentEnd - 1) + 1, contentEnd);
  const at = Math.max(lastLine.lastIndexOf('//# sourceMappingURL='), lastLine.lastIndexOf('//@ sourceMappingURL='));
  return at === -1 ? text.length : contentEnd - lastLine.length + at;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
