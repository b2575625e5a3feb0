import type { ts } from '../typescript';
import { isReported, type ResolvedConfig } from './config';
import type { RuleDefinition } from './rule';
import { directiveCovers, parseDirectives, type Directive } from './suppressions';
import type { Finding, TextEdit } from './types';

// Drops the findings that a directive suppresses and reports the directives (or the rule ids in
// them) that suppressed nothing — a stale `goodput-ignore` hides the next real problem.

export const UNUSED_DIRECTIVE_RULE = 'unused-directive';

export function applySuppressions(
  sourceFile: ts.SourceFile,
  findings: Finding[],
  config: ResolvedConfig,
  rules: readonly RuleDefinition[],
): Finding[] {
  const directives = parseDirectives(sourceFile);
  if (directives.length === 0) return findings;
  const used = new Map<Directive, Set<string>>(directives.map((directive) => [directive, new Set()]));
  const kept = findings.filter((finding) => {
    const line = finding.span.startPos.line - 1;
    const covering = directives.find((directive) => directiveCovers(directive, finding.ruleId, line));
    if (!covering) return true;
    used.get(covering)!.add(finding.ruleId);
    return false;
  });
  if (!isReported(config.reportUnusedDirectives)) return kept;
  const enabled = new Set(rules.filter((rule) => isReported(config.rules[rule.id]?.severity ?? 'off')).map((rule) => rule.id));
  const known = new Set(rules.map((rule) => rule.id));
  for (const directive of directives) {
    const usedRules = used.get(directive)!;
    if (directive.rules.length === 0) {
      if (usedRules.size === 0) kept.push(unusedFinding(sourceFile, directive, [], config));
      continue;
    }
    // A directive naming a rule that is switched off cannot be judged: leave it alone.
    const unused = directive.rules.filter((rule) => !usedRules.has(rule) && (enabled.has(rule) || !known.has(rule)));
    if (unused.length > 0) kept.push(unusedFinding(sourceFile, directive, unused, config, known));
  }
  return kept;
}

function unusedFinding(
  sourceFile: ts.SourceFile,
  directive: Directive,
  unusedRules: string[],
  config: ResolvedConfig,
  known: Set<string> = new Set(),
): Finding {
  const removesAll = unusedRules.length === 0 || unusedRules.length === directive.rules.length;
  const unknown = unusedRules.filter((rule) => !known.has(rule));
  const scope = directive.kind === 'file' ? 'in this file' : `on line ${directive.targetLine + 1}`;
  const message = unknown.length > 0
    ? `Unknown rule ${unknown.map((r) => `"${r}"`).join(', ')} in goodput-ignore directive: it suppresses nothing. Fix the rule id or remove it.`
    : unusedRules.length === 0
      ? `Unused goodput-ignore directive: no finding ${scope} to suppress. Remove it so it cannot hide a future problem.`
      : `Unused goodput-ignore directive for ${unusedRules.join(', ')}: no such finding ${scope}. Remove it so it cannot hide a future problem.`;
  const edit = removesAll ? removeDirectiveEdit(sourceFile.text, directive) : removeRulesEdit(directive, unusedRules);
  const start = sourceFile.getLineAndCharacterOfPosition(directive.commentStart);
  const end = sourceFile.getLineAndCharacterOfPosition(directive.commentEnd);
  return {
    ruleId: UNUSED_DIRECTIVE_RULE,
    family: 'meta',
    severity: config.reportUnusedDirectives === 'off' ? 'warning' : config.reportUnusedDirectives,
    messageId: unknown.length > 0 ? 'unknownRule' : 'unusedDirective',
    message,
    file: sourceFile.fileName,
    span: {
      start: directive.commentStart,
      end: directive.commentEnd,
      startPos: { line: start.line + 1, column: start.character + 1 },
      endPos: { line: end.line + 1, column: end.character + 1 },
    },
    fixes: [{ title: removesAll ? 'Remove the unused directive' : `Remove ${unusedRules.join(', ')} from the directive`, kind: 'safe', edits: [edit] }],
    related: [],
  };
}

/** Removes the comment; if it is alone on its line, the whole line goes. */
function removeDirectiveEdit(text: string, directive: Directive): TextEdit {
  const lineStart = text.lastIndexOf('\n', directive.commentStart - 1) + 1;
  const before = text.slice(lineStart, directive.commentStart);
  let lineEnd = text.indexOf('\n', directive.commentEnd);
  if (lineEnd === -1) lineEnd = text.length;
  const after = text.slice(directive.commentEnd, lineEnd);
  if (before.trim() === '' && after.trim() === '') {
    return { start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' };
  }
  // A trailing comment: remove it with the whitespace that separates it from the code.
  const whitespace = before.length - before.trimEnd().length;
  return { start: directive.commentStart - whitespace, end: directive.commentEnd, newText: '' };
}

function removeRulesEdit(directive: Directive, unusedRules: string[]): TextEdit {
  const remaining = directive.rules.filter((rule) => !unusedRules.includes(rule));
  return { start: directive.rulesStart, end: directive.rulesEnd, newText: remaining.join(', ') };
}
