import type { Analyzer } from '../analyzer';
import type { TextEdit } from '../types';
import { applyEdits } from './text-edits';

// Applies every safe fix of a file, ESLint-style: one pass applies the fixes that do not
// overlap, then the file is analyzed again (a fix can make the next one simpler, e.g. the
// named constant the first fix added is reused), up to a fixed number of passes.

const MAX_PASSES = 10;

export interface FixAllResult {
  text: string;
  fixedCount: number;
}

export function fixAll(analyzer: Analyzer, fileName: string, text: string, ruleIds?: ReadonlySet<string>): FixAllResult {
  let current = text;
  let fixedCount = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = analyzer.analyzeFile(fileName, current);
    const chosen: TextEdit[] = [];
    let appliedThisPass = 0;
    for (const finding of result.findings) {
      if (ruleIds && !ruleIds.has(finding.ruleId)) continue;
      const fix = finding.fixes.find((candidate) => candidate.kind === 'safe');
      if (!fix) continue;
      const fresh = fix.edits.filter((edit) => !chosen.some((other) => sameEdit(edit, other)));
      if (fresh.some((edit) => chosen.some((other) => overlaps(edit, other)))) continue;
      chosen.push(...fresh);
      appliedThisPass++;
    }
    if (appliedThisPass === 0) break;
    current = applyEdits(current, chosen);
    fixedCount += appliedThisPass;
  }
  if (current !== text) analyzer.analyzeFile(fileName, text); // leave the analyzer on the caller's text
  return { text: current, fixedCount };
}

/** The single smallest edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Two edits conflict when their ranges intersect, or both insert at the same point. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}
