import { ts } from '../typescript';
import type { NodeVisitor, RuleContext, RuleDefinition, RuleOptions } from './rule';
import type { RuleFailure } from './types';
import { FACT_KINDS, FactsCollector, hasFacts, rememberFacts } from './facts/source-facts';

// One traversal per file. Files are parsed without parent pointers (setting them is a walk of
// its own); this walk sets them, gathers the file's cross-module facts, and queues the nodes
// that the enabled rules registered visitors for. The visitors then run in document order with
// the whole tree linked. Each rule runs in isolation: a rule that throws is recorded as a
// failure and switched off for the rest of this file; the others carry on.

const QUEUE = 1;
const FACTS = 2;

export interface ActiveRule {
  rule: RuleDefinition;
  options: RuleOptions;
  context: RuleContext;
}

/**
 * Runs the active rules over a file. `tree` is called only when some rule registered a visitor:
 * a rule whose cheap per-file check (in `create`) says it cannot apply registers none, and a
 * file that no rule can apply to is then neither parsed nor walked.
 */
export function runRules(fileName: string, tree: () => ts.SourceFile, active: readonly ActiveRule[]): RuleFailure[] {
  const failures: RuleFailure[] = [];
  const failed = new Set<number>();
  const fail = (index: number, error: unknown): void => {
    if (failed.has(index)) return;
    failed.add(index);
    failures.push({ ruleId: active[index]!.rule.id, file: fileName, message: describeError(error) });
  };

  // Dispatch table: SyntaxKind → [rule index, visitor] pairs.
  const table: Array<Array<[number, NodeVisitor]> | undefined> = [];
  const finishers: Array<[number, () => void]> = [];
  active.forEach((entry, index) => {
    let visitors;
    try {
      visitors = entry.rule.create(entry.context, entry.options);
    } catch (error) {
      fail(index, error);
      return;
    }
    for (const key of Object.keys(visitors)) {
      if (key === 'fileEnd') continue;
      const visitor = visitors[Number(key)];
      if (visitor) (table[Number(key)] ??= []).push([index, visitor]);
    }
    if (visitors.fileEnd) finishers.push([index, visitors.fileEnd]);
  });
  if (table.length === 0 && finishers.length === 0) return failures;

  const sourceFile = tree();
  const queued: ts.Node[] = [];
  const collector = hasFacts(sourceFile) ? undefined : new FactsCollector(sourceFile);
  // Per SyntaxKind, what the walk does with a node: one array read per node decides both.
  const interest = new Uint8Array(ts.SyntaxKind.Count);
  table.forEach((visitors, kind) => visitors && (interest[kind] |= QUEUE));
  if (collector) for (const kind of FACT_KINDS) interest[kind] |= FACTS;
  // One visitor function for the whole walk (no closure per node): it links each child to the
  // node being expanded, feeds the facts collector and queues the nodes that have visitors.
  let expanding: ts.Node = sourceFile;
  const visit = (node: ts.Node): void => {
    (node as { parent: ts.Node }).parent = expanding;
    const wanted = interest[node.kind]!;
    if (wanted !== 0) {
      if (wanted & QUEUE) queued.push(node);
      if (wanted & FACTS) collector!.visit(node);
    }
    const saved = expanding;
    expanding = node;
    ts.forEachChild(node, visit);
    expanding = saved;
  };
  ts.forEachChild(sourceFile, visit);
  if (collector) rememberFacts(sourceFile, collector.finish());

  for (const node of queued) {
    for (const [index, visitor] of table[node.kind]!) {
      if (failed.has(index)) continue;
      try {
        visitor(node);
      } catch (error) {
        fail(index, error);
      }
    }
  }

  for (const [index, finish] of finishers) {
    if (failed.has(index)) continue;
    try {
      finish();
    } catch (error) {
      fail(index, error);
    }
  }
  return failures;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frame = error.stack?.split('\n')[1]?.trim();
    return frame ? `${error.message} (${frame})` : error.message;
  }
  return String(error);
}
