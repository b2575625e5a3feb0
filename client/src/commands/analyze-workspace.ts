import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

// "Goodput: Analyze Workspace": the server analyzes every file of the workspace (with LSP
// work-done progress, cancellable) and publishes their problems, which then appear in the
// Problems view whether or not the files are open. Settles with one summary message.

/** Declared by the server's executeCommandProvider (server/src/lsp/workspace-analysis.ts). */
const SERVER_COMMAND = 'goodput.server.analyzeWorkspace';

interface Summary {
  fileCount: number;
  findingCount: number;
  /** Files whose diagnostics still held and were not analyzed again. */
  reusedCount: number;
  cancelled: boolean;
}

export function registerAnalyzeWorkspace(client: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('goodput.analyzeWorkspace', async () => {
    const current = client();
    if (!current) return;
    const summary = (await current.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_COMMAND,
    })) as Summary | null;
    if (!summary) return;
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const what = `${summary.findingCount} ${summary.findingCount === 1 ? 'problem' : 'problems'} in ${summary.fileCount} files`;
    void vscode.window.showInformationMessage(
      `Goodput: ${what}${summary.cancelled ? ' (cancelled before the end)' : ''}.`,
    );
  });
}
