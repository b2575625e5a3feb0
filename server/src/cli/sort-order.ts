// Every list the CLI prints is sorted with this: code-unit order is the same on every machine
// and locale (localeCompare is not), which keeps reports byte-identical between runs.
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
