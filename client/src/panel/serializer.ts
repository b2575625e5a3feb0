import * as vscode from 'vscode';
import { SimulationPanel, SIMULATION_VIEW_TYPE, type PanelDependencies } from './simulation-panel';

// Brings the panel back after a window reload (activation event `onWebviewPanel:goodput.simulation`):
// VS Code hands over the state the webview saved with setState; the panel reopens its scenario
// and the webview restores its controls from the same state.

export function registerSimulationSerializer(deps: PanelDependencies): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(SIMULATION_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      SimulationPanel.revive(panel, deps, state);
    },
  });
}
