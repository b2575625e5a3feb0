import { ts } from 'ts-morph';
import type { NodeVisitor, RuleContext, RuleDefinition, RuleOptions } from './rule';
import type { RuleFailure } from './types';

// One traversal per file: every node is visited once and handed to the visitors that the
// enabled rules registered for its SyntaxKind. Each rule runs in isolation: a rule that throws
// is recorded as a failure and switched off for the rest of this file; the others carry on.

export interface ActiveRule {
  rule: RuleDefinition;
  options: RuleOptions;
  context: RuleContext;
}

export function runRules(sourceFile: ts.SourceFile, active: readonly ActiveRule[]): RuleFailure[] {
  const failures: RuleFailure[] = [];
  const failed = new Set<number>();
  const fail = (index: number, error: unknown): void => {
    if (failed.has(index)) return;
    failed.add(index);
    failures.push({ ruleId: active[index]!.rule.id, file: sourceFile.fileName, message: describeError(error) });
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

  const visit = (node: ts.Node): void => {
    const handlers = table[node.kind];
    if (handlers) {
      for (const [index, visitor] of handlers) {
        if (failed.has(index)) continue;
        try {
          visitor(node);
        } catch (error) {
          fail(index, error);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);

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
