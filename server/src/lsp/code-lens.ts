import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileResult } from '../analysis';
import { SIMULATE_FINDING_COMMAND } from '../protocol';
import type { PanelScenario } from '../report/scenario';
import { rangeOf } from './diagnostics';

// "Simulate this failure mode" above each finding that carries a scenario. The lens's argument
// is the whole scenario, so the client opens the panel without asking the server again.

export const SIMULATE_LENS_TITLE = '$(pulse) Simulate this failure mode';

export function codeLenses(result: FileResult, document: TextDocument): CodeLens[] {
  return result.findings.flatMap((finding) => {
    const scenario = simulationScenario(finding, document);
    if (!scenario) return [];
    return [
      {
        range: scenario.finding!.range,
        command: { title: SIMULATE_LENS_TITLE, command: SIMULATE_FINDING_COMMAND, arguments: [scenario] },
      },
    ];
  });
}

/** The panel's scenario for a finding (also used by the hover's command link). */
export function simulationScenario(
  finding: FileResult['findings'][number],
  document: TextDocument,
): PanelScenario | undefined {
  if (!finding.simulation) return undefined;
  const { model, params, fixedParams } = finding.simulation;
  return {
    model,
    params,
    ...(fixedParams ? { fixedParams } : {}),
    finding: {
      uri: document.uri,
      range: rangeOf(document, finding.span.start, finding.span.end),
      ruleId: finding.ruleId,
      message: finding.message,
    },
  };
}
