import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LIST_MODELS_REQUEST, SIMULATE_REQUEST, type SimulateParams } from '../../../server/src/protocol';
import { panelHtml } from '../../../server/src/report/page-html';
import {
  parsePanelState,
  parseWebviewMessage,
  type HostMessage,
  type WebviewMessage,
} from '../../../server/src/report/panel-messages';
import { scenarioTitle, type PanelScenario } from '../../../server/src/report/scenario';
import type { ModelInfo, SimulationResult } from '../../../server/src/sim/types';
import { applyFindingFix, currentDiagnostic, fixTitleOf, revealFinding } from './finding-fix';

// The host of the "Goodput: Simulation" webview: one panel, reused for each finding. It serves
// the bundle from dist/webview under a strict CSP, runs the webview's requests through the
// language server (goodput/simulate, cancelling the run a newer one replaces) and applies fixes.

export const SIMULATION_VIEW_TYPE = 'goodput.simulation';
const MAX_ERROR_CHARS = 1500;

export interface PanelDependencies {
  extensionUri: vscode.Uri;
  client(): LanguageClient | undefined;
}

export class SimulationPanel {
  private static current: SimulationPanel | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private models: Promise<ModelInfo[]> | undefined;

  static show(deps: PanelDependencies, scenario: PanelScenario): void {
    if (SimulationPanel.current) {
      SimulationPanel.current.open(scenario);
      SimulationPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      SIMULATION_VIEW_TYPE,
      'Goodput: Simulation',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(deps),
    );
    SimulationPanel.current = new SimulationPanel(panel, deps, scenario);
  }

  /** After a reload: the webview's saved state names the scenario it showed. */
  static revive(panel: vscode.WebviewPanel, deps: PanelDependencies, state: unknown): void {
    const restored = parsePanelState(state);
    if (!restored) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(deps);
    SimulationPanel.current?.panel.dispose();
    SimulationPanel.current = new SimulationPanel(panel, deps, restored.scenario);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDependencies,
    private scenario: PanelScenario,
  ) {
    panel.onDidDispose(() => this.dispose());
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (message) void this.handle(message);
    });
    this.open(scenario);
  }

  private open(scenario: PanelScenario): void {
    this.scenario = scenario;
    this.panel.title = `Simulation: ${scenario.finding?.ruleId ?? scenario.model}`;
    // A fresh page (and nonce) per scenario; the webview says `ready` and gets `init`.
    this.panel.webview.html = this.html();
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.init();
      case 'run':
        return this.run(message);
      case 'applyFix': {
        if (!this.scenario.finding) return;
        const outcome = await applyFindingFix(this.scenario.finding);
        return this.post({ type: 'fixApplied', ...outcome });
      }
      case 'revealFinding':
        if (this.scenario.finding) await revealFinding(this.scenario.finding);
        return;
    }
  }

  private async init(): Promise<void> {
    const model = (await this.listModels()).find((candidate) => candidate.id === this.scenario.model);
    if (!model) {
      void vscode.window.showWarningMessage(
        `Goodput: the language server has no simulation model "${this.scenario.model}".`,
      );
      return;
    }
    this.panel.title = `Simulation: ${scenarioTitle(this.scenario, model)}`;
    const fixTitle = this.scenario.finding ? fixTitleOf(currentDiagnostic(this.scenario.finding)) : undefined;
    this.post({ type: 'init', scenario: this.scenario, model, fixTitle });
  }

  private async run(message: Extract<WebviewMessage, { type: 'run' }>): Promise<void> {
    this.running?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running = source;
    const simulate = (params: SimulateParams['params']) =>
      this.request<SimulationResult>(
        SIMULATE_REQUEST,
        { model: message.model, params, seed: message.seed, horizonMs: message.horizonMs },
        source.token,
      );
    try {
      const [written, fixed] = await Promise.all([
        simulate(message.written),
        message.fixed ? simulate(message.fixed) : undefined,
      ]);
      if (!source.token.isCancellationRequested)
        this.post({ type: 'results', requestId: message.requestId, written, fixed });
    } catch (error) {
      if (source.token.isCancellationRequested) return;
      const text = error instanceof Error ? error.message : String(error);
      this.post({ type: 'runFailed', requestId: message.requestId, message: text.slice(0, MAX_ERROR_CHARS) });
    } finally {
      if (this.running === source) this.running = undefined;
      source.dispose();
    }
  }

  private listModels(): Promise<ModelInfo[]> {
    this.models ??= this.request<ModelInfo[]>(LIST_MODELS_REQUEST, undefined).catch((error: unknown) => {
      this.models = undefined;
      throw error;
    });
    return this.models;
  }

  private async request<T>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<T> {
    const client = this.deps.client();
    if (!client) throw new Error('the Goodput language server is not running');
    return params === undefined ? client.sendRequest<T>(method, token) : client.sendRequest<T>(method, params, token);
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (name: string) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview', name)).toString();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: asset('panel.js'),
      styleUri: asset('panel.css'),
    });
  }

  private dispose(): void {
    this.running?.cancel();
    if (SimulationPanel.current === this) SimulationPanel.current = undefined;
  }
}

function webviewOptions(deps: PanelDependencies): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  // Only the bundle is reachable; no retainContextWhenHidden: the state is saved with setState instead.
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview')] };
}
