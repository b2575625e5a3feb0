import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SIMULATE_FINDING_COMMAND, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import type { StatusItem } from './status-item';

// The LanguageClient that runs the bundled server (dist/server.js) over Node IPC.

export const DOCUMENT_SELECTOR = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({
  scheme: 'file',
  language,
}));

export function createGoodputClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, status: StatusItem): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // The hover's "Simulate this failure mode" link runs this one command, and nothing else.
    markdown: { isTrusted: { enabledCommands: [SIMULATE_FINDING_COMMAND] } },
    synchronize: {
      configurationSection: 'goodput',
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{goodput.json,.goodput.json,package.json,package-lock.json,npm-shrinkwrap.json,pnpm-lock.yaml,yarn.lock,*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs}',
      ),
    },
  };
  const client = new LanguageClient('goodput', 'Goodput', serverOptions, clientOptions);
  client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params));
  client.onDidChangeState(({ newState }) => status.serverStateChanged(newState));
  return client;
}
