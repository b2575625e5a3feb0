// Goodput's custom LSP messages, declared once and imported by both the client and the server.
// Documented in docs/lsp-extensions.md. Standard LSP covers everything else.

/** Server → client notification: what the server is doing, for the language-status item. */
export const STATUS_NOTIFICATION = 'goodput/status';

export type ServerState = 'starting' | 'indexing' | 'analyzing' | 'ready' | 'warning' | 'error';

export interface StatusParams {
  state: ServerState;
  /** One short line for the status item, e.g. "3 files · 4 ms". */
  text: string;
  /** The problem to show once (config errors, a rule that crashed, a skipped file); with 'ready', why a file is not analyzed. */
  detail?: string;
  /** Duration of the last analysis, in milliseconds. */
  lastAnalysisMs?: number;
  /** Workspace files known to the server. */
  fileCount?: number;
}

/** The client command that shows a rule's documentation: arguments `[ruleId, docsUri]`. */
export const SHOW_RULE_DOCS_COMMAND = 'goodput.showRuleDocs';

/**
 * The client command that opens the simulation panel on a finding (code lens, hover link, code
 * action): one argument, a `PanelScenario` (server/src/report/scenario.ts).
 */
export const SIMULATE_FINDING_COMMAND = 'goodput.simulateFinding';

/** `Diagnostic.data` of every Goodput diagnostic: all that is needed to fix or simulate it. */
export interface DiagnosticData {
  ruleId: string;
  documentVersion: number;
  fixes: Array<{ title: string; kind: 'safe' | 'suggestion'; edits: Array<{ range: LspRange; newText: string }> }>;
  policy?: string;
  simulation?: {
    model: string;
    params: Record<string, number | string | boolean>;
    fixedParams?: Record<string, number | string | boolean>;
  };
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Client → server request: the simulation models and their params/metrics (`ModelInfo[]`). */
export const LIST_MODELS_REQUEST = 'goodput/listModels';

/** Client → server request (cancellable): run a model; the result is `SimulationResult` (docs/models/README.md). */
export const SIMULATE_REQUEST = 'goodput/simulate';

export interface SimulateParams {
  model: string;
  params?: Record<string, number | string | boolean>;
  seed?: number;
  horizonMs?: number;
}
