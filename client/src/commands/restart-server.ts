import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { StatusItem } from '../status-item';

export function registerRestartServer(client: () => LanguageClient | undefined, status: StatusItem): vscode.Disposable {
  return vscode.commands.registerCommand('goodput.restartServer', async () => {
    const current = client();
    if (!current) return;
    status.serverStateChanged(State.Starting);
    await current.restart();
  });
}
