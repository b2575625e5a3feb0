import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LIST_MODELS_REQUEST, SIMULATE_FINDING_COMMAND, type DiagnosticData } from '../../../server/src/protocol';
import { isPanelScenario } from '../../../server/src/report/panel-messages';
import type { PanelScenario } from '../../../server/src/report/scenario';
import type { ModelInfo } from '../../../server/src/sim/types';
import { DOCUMENT_SELECTOR } from '../language-client';
import { SimulationPanel, type PanelDependencies } from '../panel/simulation-panel';

// Three ways into the simulation panel: `goodput.simulateFinding` (from the server's code lens,
// the hover's link, and the code action below), and `goodput.openSimulation` (command palette:
// pick a model and explore it from its defaults).

export const OPEN_SIMULATION_COMMAND = 'goodput.openSimulation';

export function registerSimulationCommands(deps: PanelDependencies): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(SIMULATE_FINDING_COMMAND, (scenario: unknown) => {
      // Arguments can come from a hover link: check them like any other untrusted input.
      // Without arguments (command palette): the finding under the cursor.
      const chosen =
        scenario === undefined
          ? scenarioAtCursor()
          : isPanelScenario(scenario) && scenario.finding
            ? scenario
            : undefined;
      if (chosen) SimulationPanel.show(deps, chosen);
      else if (scenario === undefined)
        void vscode.window.showInformationMessage('Goodput: put the cursor on a finding to simulate it.');
    }),
    vscode.commands.registerCommand(OPEN_SIMULATION_COMMAND, async () => {
      const model = await pickModel(deps.client());
      if (model) SimulationPanel.show(deps, { model: model.id, params: {} });
    }),
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new SimulateActionProvider(), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
}

async function pickModel(client: LanguageClient | undefined): Promise<ModelInfo | undefined> {
  if (!client) return undefined;
  const models = await client.sendRequest<ModelInfo[]>(LIST_MODELS_REQUEST);
  const picked = await vscode.window.showQuickPick(
    models.map((model) => ({ label: model.title, description: model.id, detail: model.description, model })),
    { title: 'Goodput: Open Simulation', placeHolder: 'Pick a failure-mode model' },
  );
  return picked?.model;
}

/** "Simulate this failure mode" next to the quick fixes of a finding that has a scenario. */
class SimulateActionProvider implements vscode.CodeActionProvider {
  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const scenario = scenarioOf(document.uri, diagnostic);
      if (!scenario) return [];
      const action = new vscode.CodeAction('Simulate this failure mode', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = {
        title: 'Simulate this failure mode',
        command: SIMULATE_FINDING_COMMAND,
        arguments: [scenario],
      };
      return [action];
    });
  }
}

function scenarioAtCursor(): PanelScenario | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const position = editor.selection.active;
  for (const diagnostic of vscode.languages.getDiagnostics(editor.document.uri)) {
    const scenario = diagnostic.range.contains(position) ? scenarioOf(editor.document.uri, diagnostic) : undefined;
    if (scenario) return scenario;
  }
  return undefined;
}

export function scenarioOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): PanelScenario | undefined {
  const data = (diagnostic as vscode.Diagnostic & { data?: Partial<DiagnosticData> }).data;
  if (diagnostic.source !== 'goodput' || !data?.simulation || typeof data.ruleId !== 'string') return undefined;
  const { start, end } = diagnostic.range;
  const scenario: PanelScenario = {
    ...data.simulation,
    finding: {
      uri: uri.toString(),
      range: {
        start: { line: start.line, character: start.character },
        end: { line: end.line, character: end.character },
      },
      ruleId: data.ruleId,
      message: diagnostic.message,
    },
  };
  return isPanelScenario(scenario) ? scenario : undefined;
}
