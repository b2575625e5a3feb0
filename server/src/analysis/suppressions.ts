import { ts } from '../typescript';

// Suppression directives, in comments only, as the highlighting grammar reads them:
//   // goodput-ignore-next-line require-timeout, no-unbounded-pool -- reason
//   someCall(); // goodput-ignore require-timeout -- reason
//   /* goodput-ignore-file require-timeout */
// The directive is the first word of the comment; `///` and `/** */` (docs) are not directives;
// a directive stays on one line; no rule list means every rule.

export type DirectiveKind = 'next-line' | 'line' | 'file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids listed; empty = all rules. */
  rules: string[];
  reason?: string;
  /** The comment's range, and the range of the rule list (for edits that add or remove a rule). */
  commentStart: number;
  commentEnd: number;
  rulesStart: number;
  rulesEnd: number;
  /** 0-based line of the comment. */
  line: number;
  /** 0-based line the directive covers (`next-line`: the line below; `line`: its own; `file`: -1). */
  targetLine: number;
  isBlock: boolean;
}

const DIRECTIVE = /((?<!\/)\/\/(?!\/)|\/\*(?!\*))[ \t]*goodput-ignore(-next-line|-file)?(?=[ \t]|\*\/|$)/gm;
const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function parseDirectives(sourceFile: ts.SourceFile): Directive[] {
  const text = sourceFile.text;
  if (!text.includes('goodput-ignore')) return [];
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const commentStart = match.index;
    if (!isInComment(sourceFile, commentStart)) continue;
    const isBlock = match[1] === '/*';
    const lineEnd = endOfLine(text, commentStart);
    const blockEnd = isBlock ? text.indexOf('*/', commentStart + 2) : -1;
    const bodyEnd = isBlock && blockEnd !== -1 && blockEnd < lineEnd ? blockEnd : lineEnd;
    const commentEnd = isBlock && blockEnd !== -1 ? blockEnd + 2 : lineEnd;
    const bodyStart = commentStart + match[0].length;
    const body = text.slice(bodyStart, bodyEnd);
    const separator = body.search(/[ \t]--(?:[ \t]|$)/);
    const rulesText = separator === -1 ? body : body.slice(0, separator);
    const reason = separator === -1 ? undefined : body.slice(separator).replace(/^[ \t]--/, '').trim() || undefined;
    const rules = rulesText.split(/[\s,]+/).filter((word) => RULE_ID.test(word));
    const line = sourceFile.getLineAndCharacterOfPosition(commentStart).line;
    const kind: DirectiveKind = match[2] === '-next-line' ? 'next-line' : match[2] === '-file' ? 'file' : 'line';
    const trimmedRulesEnd = bodyStart + rulesText.trimEnd().length;
    directives.push({
      kind,
      rules,
      reason,
      commentStart,
      commentEnd,
      rulesStart: bodyStart + (rulesText.length - rulesText.trimStart().length),
      rulesEnd: trimmedRulesEnd,
      line,
      targetLine: kind === 'next-line' ? line + 1 : kind === 'line' ? line : -1,
      isBlock,
    });
  }
  return directives;
}

/** Whether a directive covers a finding of `ruleId` whose span starts on 0-based `line`. */
export function directiveCovers(directive: Directive, ruleId: string, line: number): boolean {
  if (directive.rules.length > 0 && !directive.rules.includes(ruleId)) return false;
  return directive.kind === 'file' || directive.targetLine === line;
}

const LITERAL_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/** True when `position` lies in trivia (a comment), not inside a string, template, regex or JSX text. */
function isInComment(sourceFile: ts.SourceFile, position: number): boolean {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (candidate) =>
      candidate.pos <= position && position < candidate.end ? candidate : undefined,
    );
    if (!child) break;
    node = child;
  }
  // `//` or `/*` outside a comment can only stand inside a literal token, which is always a child node.
  return !(LITERAL_KINDS.has(node.kind) && position >= node.getStart(sourceFile));
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  const end = newline === -1 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}
