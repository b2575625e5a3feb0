// Sources shaped to make a text scan go superlinear: long runs of white space and blank lines,
// openers that never close, one construct repeated thousands of times. Real files seldom look
// like this, but generated and minified ones come close, and a language server must not hang on
// the odd one. Each RegExp or loop that once took seconds on such a shape (an audit measured
// `fetch(` followed by 100 KB of spaces at 3.9 s) has its input here; the per-file bench times
// each against its own parse.

const SIZE = 200_000;

export function stressInputs(): Array<{ fileName: string; text: string }> {
  const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length));
  const inputs: Record<string, string> = {
    'fetch-then-spaces': `fetch(${' '.repeat(SIZE)}x`,
    'fetch-then-newlines': `fetch(url${'\n'.repeat(SIZE)}`,
    'blank-lines-after-import': `import { load } from './load';\nawait Promise.all(items.map(load));\n${'\n'.repeat(SIZE)}`,
    'indented-blank-lines': `const queue = [];\n${repeat(' \n')}`,
    'class-field-modifiers': `class Buffered {\n  ${repeat('private\n')} = [];\n}\n`,
    'export-brace-unclosed': repeat('export { a, b '),
    'signal-assignments': repeat('req.signal = controller.signal;\n'),
    'catch-without-try': repeat('} catch (error) { setTimeout(retry, 1000); '),
    'use-client-after-comments': `${repeat('/** a */\n')}'use client';\nfetch(url);\n`,
    'jsdoc-blocks': repeat('/**\n * @property {String} appId The id\n */\n'),
    'one-long-line': `const s = ${JSON.stringify(repeat('a '))};\nfetch(s);\n`,
    'nested-parens': `fetch(${'('.repeat(SIZE / 2)}`,
  };
  return Object.entries(inputs).map(([name, text]) => ({ fileName: `/stress/${name}.ts`, text }));
}
