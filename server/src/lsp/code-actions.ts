import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ts } from '../typescript';
import { disableForFileEdit, disableForLineEdit } from '../analysis/fixes/suppression-edits';
import { SHOW_RULE_DOCS_COMMAND } from '../protocol';
import { docsUri, isGoodputDiagnostic, rangeOf, type GoodputDiagnostic } from './diagnostics';
import { UNUSED_DIRECTIVE_RULE } from '../analysis/suppression-filter';

// Code actions for Goodput diagnostics: the rule's fix (from Diagnostic.data), "disable for this
// line / file" (merged into an existing directive), "show documentation", and fix-all.

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.goodput`;

export interface CodeActionHost {
  fixAllEdit(document: TextDocument): { start: number; end: number; newText: string } | undefined;
  sourceFileOf(document: TextDocument): ts.SourceFile | undefined;
}

export function codeActions(params: CodeActionParams, document: TextDocument, host: CodeActionHost): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (!isGoodputDiagnostic(diagnostic)) continue;
      actions.push(...quickFixes(diagnostic, document, host));
    }
  }
  if (only && wants(FIX_ALL_KIND)) {
    const edit = host.fixAllEdit(document);
    if (edit) {
      actions.push({
        title: 'Fix all Goodput problems',
        kind: FIX_ALL_KIND,
        edit: { changes: { [document.uri]: [{ range: rangeOf(document, edit.start, edit.end), newText: edit.newText }] } },
      });
    }
  }
  return actions;
}

function quickFixes(diagnostic: GoodputDiagnostic, document: TextDocument, host: CodeActionHost): CodeAction[] {
  const { data } = diagnostic;
  const actions: CodeAction[] = [];
  // Edits computed for an older version of the document would land in the wrong place.
  const current = data.documentVersion === document.version;
  data.fixes.forEach((fix, index) => {
    if (!current) return;
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic as Diagnostic],
      isPreferred: index === 0 && fix.kind === 'safe',
      edit: { changes: { [document.uri]: fix.edits as TextEdit[] } },
    });
  });
  if (data.ruleId === UNUSED_DIRECTIVE_RULE) return actions;
  const sourceFile = host.sourceFileOf(document);
  if (sourceFile) {
    const lineEdit = disableForLineEdit(sourceFile, data.ruleId, diagnostic.range.start.line);
    const fileEdit = disableForFileEdit(sourceFile, data.ruleId);
    for (const [title, edit] of [[`Disable ${data.ruleId} for this line`, lineEdit], [`Disable ${data.ruleId} for this file`, fileEdit]] as const) {
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic as Diagnostic],
        edit: { changes: { [document.uri]: [{ range: rangeOf(document, edit.start, edit.end), newText: edit.newText }] } },
      });
    }
  }
  actions.push({
    title: `Show documentation for ${data.ruleId}`,
    kind: CodeActionKind.QuickFix,
    command: { title: 'Show rule documentation', command: SHOW_RULE_DOCS_COMMAND, arguments: [data.ruleId, docsUri(data.ruleId)] },
  });
  return actions;
}
