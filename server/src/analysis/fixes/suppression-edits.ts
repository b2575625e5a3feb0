import type { ts } from '../../typescript';
import { parseDirectives, type Directive } from '../suppressions';
import type { TextEdit } from '../types';
import { indentationAt } from './text-edits';

// The edits behind "disable for this line" and "disable for this file". A rule is merged into
// a directive that is already there rather than stacking a second comment on top of it.

export const REASON_PLACEHOLDER = 'TODO: explain why this is safe';

/** Suppresses `ruleId` on 0-based `line` with a `goodput-ignore-next-line` comment above it. */
export function disableForLineEdit(sourceFile: ts.SourceFile, ruleId: string, line: number): TextEdit {
  const existing = parseDirectives(sourceFile).find((d) => d.kind === 'next-line' && d.targetLine === line);
  if (existing) return mergeRule(existing, ruleId);
  const lineStart = sourceFile.getPositionOfLineAndCharacter(line, 0);
  const indent = indentationAt(sourceFile, lineStart + lineIndentLength(sourceFile.text, lineStart));
  const newline = sourceFile.text.includes('\r\n') ? '\r\n' : '\n';
  return { start: lineStart, end: lineStart, newText: `${indent}// goodput-ignore-next-line ${ruleId} -- ${REASON_PLACEHOLDER}${newline}` };
}

/** Suppresses `ruleId` in the whole file with a `goodput-ignore-file` comment at the top. */
export function disableForFileEdit(sourceFile: ts.SourceFile, ruleId: string): TextEdit {
  const existing = parseDirectives(sourceFile).find((d) => d.kind === 'file');
  if (existing) return mergeRule(existing, ruleId);
  const text = sourceFile.text;
  const start = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { start, end: start, newText: `/* goodput-ignore-file ${ruleId} -- ${REASON_PLACEHOLDER} */${newline}` };
}

function mergeRule(directive: Directive, ruleId: string): TextEdit {
  // An existing directive without a rule list already covers every rule: nothing to add.
  if (directive.rules.length === 0 || directive.rules.includes(ruleId)) {
    return { start: directive.rulesEnd, end: directive.rulesEnd, newText: '' };
  }
  return { start: directive.rulesStart, end: directive.rulesEnd, newText: [...directive.rules, ruleId].join(', ') };
}

function lineIndentLength(text: string, lineStart: number): number {
  let index = lineStart;
  while (text[index] === ' ' || text[index] === '\t') index++;
  return index - lineStart;
}
