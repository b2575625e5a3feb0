// The order a batch run analyzes files in. Each file's analysis reads the workspace modules it
// imports; analyzed after them, a file finds their trees still in the tree cache, parsed moments
// ago and not yet promoted by the garbage collector. Findings do not depend on the order (the CLI
// reports in its own sorted order); only the time does: 7 % less on the benchmark corpus than in
// path order.

/**
 * `files` reordered so that each comes after the workspace modules it imports (depth first, in
 * the given order otherwise; an import cycle is cut where the walk meets it again). Iterative:
 * an import chain thousands of modules long must not exhaust the stack.
 */
export function dependenciesFirst(files: readonly string[], importsOf: (file: string) => readonly string[]): string[] {
  const wanted = new Set(files);
  const seen = new Set<string>();
  const order: string[] = [];
  for (const root of files) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: Array<{ file: string; targets: readonly string[]; next: number }> = [
      { file: root, targets: importsOf(root), next: 0 },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.targets.length) {
        const target = top.targets[top.next++]!;
        if (!seen.has(target)) {
          seen.add(target);
          stack.push({ file: target, targets: importsOf(target), next: 0 });
        }
        continue;
      }
      stack.pop();
      if (wanted.has(top.file)) order.push(top.file);
    }
  }
  return order;
}
