// Finding messages and policy summaries quote code, which may span lines; the text formats print
// one finding per line (tools grep them), so each run of white space that holds a line break
// becomes one space. One pass over the runs: a `\s*\n\s*` pattern is tried again from every
// blank of a long run without a newline, quadratic in its length.

export function oneLine(text: string): string {
  return text.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}
