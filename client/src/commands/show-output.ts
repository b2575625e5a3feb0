import * as vscode from 'vscode';

export function registerShowOutput(output: vscode.OutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('goodput.showOutput', () => output.show(true));
}
