import * as vscode from 'vscode';
import type { DiagnosticData } from '../../../server/src/protocol';
import type { FindingRef } from '../../../server/src/report/scenario';

// The panel's "Apply fix": the same quick fix the light bulb offers for the finding, asked from
// the language server now, so its edits match the document as it is (the server refuses edits
// computed for an older version).

/** The finding's diagnostic as currently published, if it is still there. */
export function currentDiagnostic(finding: FindingRef): vscode.Diagnostic | undefined {
  const uri = vscode.Uri.parse(finding.uri);
  const start = new vscode.Position(finding.range.start.line, finding.range.start.character);
  const candidates = vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'goodput' && codeOf(d) === finding.ruleId);
  // Same start first; edits elsewhere in the file may have moved it by whole lines.
  return (
    candidates.find((d) => d.range.start.isEqual(start)) ?? candidates.find((d) => d.range.start.line === start.line)
  );
}

/** The title of the fix the rule offers first (the preferred one), if any. */
export function fixTitleOf(diagnostic: vscode.Diagnostic | undefined): string | undefined {
  const data = (diagnostic as (vscode.Diagnostic & { data?: Partial<DiagnosticData> }) | undefined)?.data;
  const fix = Array.isArray(data?.fixes) ? data.fixes[0] : undefined;
  return typeof fix?.title === 'string' ? fix.title : undefined;
}

export async function applyFindingFix(finding: FindingRef): Promise<{ ok: boolean; message: string }> {
  const diagnostic = currentDiagnostic(finding);
  const title = fixTitleOf(diagnostic);
  if (!diagnostic || !title)
    return { ok: false, message: 'The finding is gone (already fixed, or the code changed); nothing to apply.' };
  const uri = vscode.Uri.parse(finding.uri);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  const action = actions.find((candidate) => candidate.title === title && candidate.edit);
  if (!action?.edit)
    return {
      ok: false,
      message: `The quick fix "${title}" is not available right now; try again after the file is analyzed.`,
    };
  const applied = await vscode.workspace.applyEdit(action.edit);
  return applied
    ? { ok: true, message: `Applied: ${title}.` }
    : { ok: false, message: `The editor refused the edit "${title}".` };
}

export async function revealFinding(finding: FindingRef): Promise<void> {
  const { start, end } = finding.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(finding.uri), { selection, viewColumn: vscode.ViewColumn.One });
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}
