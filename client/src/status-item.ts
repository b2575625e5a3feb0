import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { StatusParams } from '../../server/src/protocol';

// The language-status item ({} in the status bar for TS/JS files): what the server is doing,
// how long the last analysis took, and the one problem worth knowing. Click → output channel.

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private problem: string | undefined;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('goodput.status', [
      'typescript',
      'typescriptreact',
      'javascript',
      'javascriptreact',
    ]);
    this.item.name = 'Goodput';
    this.item.command = { title: 'Show Output', command: 'goodput.showOutput' };
    this.set('Goodput: starting', 'Starting the language server', false, vscode.LanguageStatusSeverity.Information);
    this.item.busy = true;
  }

  update(params: StatusParams): void {
    if (params.detail && (params.state === 'warning' || params.state === 'error')) this.problem = params.detail;
    const severity = params.state === 'error' ? vscode.LanguageStatusSeverity.Error
      : this.problem ? vscode.LanguageStatusSeverity.Warning
      : vscode.LanguageStatusSeverity.Information;
    const busy = params.state === 'analyzing' || params.state === 'indexing' || params.state === 'starting';
    const text = params.state === 'ready' && params.lastAnalysisMs !== undefined
      ? `Goodput: ${params.lastAnalysisMs.toFixed(1)} ms`
      : `Goodput: ${params.text}`;
    const files = params.fileCount !== undefined ? ` · ${params.fileCount} workspace files` : '';
    // A ready state's detail explains itself (e.g. why this file is not analyzed); a problem comes first.
    const detail = this.problem ?? (params.state === 'ready' && params.detail ? params.detail : `Goodput is ${params.state}${files}`);
    this.set(text, detail, busy, severity);
  }

  serverStateChanged(state: State): void {
    if (state === State.Stopped) {
      this.set('Goodput: stopped', 'The language server stopped; see the output', false, vscode.LanguageStatusSeverity.Error);
    } else if (state === State.Starting) {
      this.problem = undefined;
      this.set('Goodput: starting', 'Starting the language server', true, vscode.LanguageStatusSeverity.Information);
    }
  }

  dispose(): void {
    this.item.dispose();
  }

  private set(text: string, detail: string, busy: boolean, severity: vscode.LanguageStatusSeverity): void {
    this.item.text = text;
    this.item.detail = detail;
    this.item.busy = busy;
    this.item.severity = severity;
  }
}
