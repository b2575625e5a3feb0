import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerAnalyzeWorkspace } from './commands/analyze-workspace';
import { registerRestartServer } from './commands/restart-server';
import { registerShowOutput } from './commands/show-output';
import { registerShowRuleDocs } from './commands/show-rule-docs';
import { registerSimulationCommands } from './commands/simulate-finding';
import { registerSimulationSerializer } from './panel/serializer';
import { createGoodputClient } from './language-client';
import { StatusItem } from './status-item';

// Activation wiring only: the language server does the analysis; this file connects it to
// VS Code's UI (status, output, commands).

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Goodput', { log: true });
  const status = new StatusItem();
  client = createGoodputClient(context, output, status);
  context.subscriptions.push(
    output,
    status,
    registerShowOutput(output),
    registerRestartServer(() => client, status),
    registerShowRuleDocs(),
    registerAnalyzeWorkspace(() => client),
    registerSimulationCommands({ extensionUri: context.extensionUri, client: () => client }),
    registerSimulationSerializer({ extensionUri: context.extensionUri, client: () => client }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
