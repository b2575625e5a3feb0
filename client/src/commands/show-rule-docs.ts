import * as vscode from 'vscode';
import { SHOW_RULE_DOCS_COMMAND } from '../../../server/src/protocol';

// Opens a rule's documentation: the page shipped inside the extension as a Markdown preview,
// or the online page in the browser when there is no local copy.

export function registerShowRuleDocs(): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, async (ruleId: unknown, docsUri: unknown) => {
    if (typeof ruleId !== 'string' || typeof docsUri !== 'string') return;
    const uri = vscode.Uri.parse(docsUri);
    if (uri.scheme === 'file') await vscode.commands.executeCommand('markdown.showPreview', uri);
    else await vscode.env.openExternal(uri);
  });
}
