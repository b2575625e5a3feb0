// The core's vocabulary. Nothing here knows about LSP, VS Code or the terminal: the LSP and CLI
// adapters convert these shapes to their own.

export type Family = 'retry' | 'pool' | 'timeout' | 'cache';

/** `off` disables a rule; the others are reported severities. */
export type Severity = 'off' | 'hint' | 'information' | 'warning' | 'error';
export type ReportedSeverity = Exclude<Severity, 'off'>;

/** 1-based line and column, as editors and SARIF count them for humans. */
export interface LineColumn {
  line: number;
  column: number;
}

/** A span of a file: offsets (0-based, UTF-16 code units) plus the same span as lines/columns. */
export interface Span {
  start: number;
  end: number;
  startPos: LineColumn;
  endPos: LineColumn;
}

/** A replacement of `[start, end)` in the analyzed text (offsets into the text before the fix). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** `safe` fixes are applied by fix-all; `suggestion`s are offered, never applied automatically. */
export type FixKind = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
}

/** What a rule computed about the code it judged: shown on hover, carried to the simulator. */
export interface EffectivePolicy {
  /** One line a person reads first, e.g. "axios (default instance): no timeout (axios default: 0 = none)". */
  summary: string;
  /** Machine-readable facts behind the summary (e.g. `{ timeoutMs: null, client: 'fetch' }`). */
  facts?: Record<string, unknown>;
}

/** The scenario a finding hands to the simulator: a model id and its parameters, read from code. */
export interface SimulationScenario {
  model: string;
  /** The code as written. */
  params: Record<string, number | string | boolean>;
  /** The parameters that change when the finding's fix is applied (merged over `params`). */
  fixedParams?: Record<string, number | string | boolean>;
}

export interface RelatedLocation {
  file: string;
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  family: Family | 'meta';
  severity: ReportedSeverity;
  messageId: string;
  message: string;
  /** Absolute path of the file. */
  file: string;
  span: Span;
  policy?: EffectivePolicy;
  fixes: Fix[];
  related: RelatedLocation[];
  simulation?: SimulationScenario;
}

/** Policy notes are attached to recognised calls whether or not they are findings (hover). */
export interface PolicyNote {
  span: Span;
  policy: EffectivePolicy;
}

/** A rule that threw while analyzing a file. The other rules' findings still arrive. */
export interface RuleFailure {
  ruleId: string;
  file: string;
  message: string;
}

export interface FileResult {
  file: string;
  findings: Finding[];
  policies: PolicyNote[];
  failures: RuleFailure[];
  /** Set when the file was not analyzed at all (too large, not text); the reason is shown once. */
  skipped?: string;
  /** Time spent analyzing this file, in milliseconds. */
  analysisMs: number;
}
