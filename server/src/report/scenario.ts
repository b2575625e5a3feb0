import type { ModelInfo, ParamSpec, ParamValues } from '../sim/types';
import type { LspRange } from '../protocol';

// What the simulation panel (and `goodput report`) shows for one finding: the scenario read
// from the code, the settings the user changed, and which parameters the controls stand for.
// DOM-free and editor-free, so the webview, the panel host, the CLI and the tests share it.

/** Where a finding is, so the panel can name it and apply its fix. */
export interface FindingRef {
  uri: string;
  range: LspRange;
  ruleId: string;
  message: string;
}

/** What the panel opens with: a finding's scenario, or a model's defaults (from the command palette). */
export interface PanelScenario {
  model: string;
  /** The code as written: the parameters the rule read (the model's defaults fill the rest). */
  params: ParamValues;
  /** What the fix changes, merged over `params`; absent when there is nothing to compare. */
  fixedParams?: ParamValues;
  finding?: FindingRef;
}

/** What the user changed in the panel; applies to both runs. */
export interface RunSettings {
  /** Parameter values set with the controls, over the scenario's own. */
  overrides: ParamValues;
  seed: number;
  horizonMs: number;
}

export interface ScenarioRuns {
  written: ParamValues;
  /** Undefined when the scenario has no fix to compare with. */
  fixed?: ParamValues;
}

/**
 * The parameters of both runs. The user's overrides apply to both, but the fix keeps its own
 * values: changing the timeout under "as written" must not undo the fix's timeout.
 */
export function scenarioRuns(scenario: PanelScenario, settings: RunSettings): ScenarioRuns {
  const written = { ...scenario.params, ...settings.overrides };
  if (!scenario.fixedParams) return { written };
  return { written, fixed: { ...written, ...scenario.fixedParams } };
}

export function defaultSettings(model: ModelInfo): RunSettings {
  return { overrides: {}, seed: 1, horizonMs: model.defaultHorizonMs };
}

export type ControlRole = 'load' | 'trigger' | 'triggerSize' | 'triggerStart' | 'triggerLength';

export interface ScenarioControl {
  role: ControlRole;
  spec: ParamSpec;
}

const ROLE_TITLES: Record<ControlRole, string> = {
  load: 'Load',
  trigger: 'Trigger',
  triggerSize: 'Spike / outage size',
  triggerStart: 'Trigger starts at',
  triggerLength: 'Trigger length',
};

export function roleTitle(role: ControlRole): string {
  return ROLE_TITLES[role];
}

/**
 * The handful of parameters that describe the traffic and the trigger, found by their declared
 * names and units so a new model gets controls without panel code: the first rate (`1/s`) is the
 * load; `trigger` picks the trigger; `…Multiplier` or `slow…` sizes it; `…AtMs` and `…DurationMs`
 * place it in time.
 */
export function scenarioControls(model: ModelInfo): ScenarioControl[] {
  const find = (test: (spec: ParamSpec) => boolean) => model.params.find(test);
  const numeric = (spec: ParamSpec) => spec.type === 'number' || spec.type === 'integer';
  const candidates: Array<[ControlRole, ParamSpec | undefined]> = [
    ['load', find((spec) => numeric(spec) && spec.unit === '1/s')],
    ['trigger', find((spec) => spec.type === 'enum' && spec.name === 'trigger')],
    [
      'triggerSize',
      find((spec) => numeric(spec) && /Multiplier$/.test(spec.name)) ??
        find((spec) => numeric(spec) && /^slow/.test(spec.name)),
    ],
    ['triggerStart', find((spec) => numeric(spec) && spec.unit === 'ms' && /AtMs$/.test(spec.name))],
    ['triggerLength', find((spec) => numeric(spec) && spec.unit === 'ms' && /DurationMs$/.test(spec.name))],
  ];
  return candidates.flatMap(([role, spec]) => (spec ? [{ role, spec }] : []));
}

export interface TimeWindowMs {
  startMs: number;
  endMs: number;
}

/**
 * The trigger's time window, from a run's full parameters (`SimulationResult.params`):
 * `<name>AtMs` and `<name>DurationMs` with the same prefix; none when `trigger` is `none`.
 */
export function triggerWindowMs(params: ParamValues): TimeWindowMs | undefined {
  if (params.trigger === 'none') return undefined;
  for (const [name, start] of Object.entries(params)) {
    const match = /^(\w*)AtMs$/.exec(name);
    const length = match ? params[`${match[1]}DurationMs`] : undefined;
    if (typeof start === 'number' && typeof length === 'number' && length > 0) {
      return { startMs: start, endMs: start + length };
    }
  }
  return undefined;
}

/** The panel's title: the rule (or model) it simulates. */
export function scenarioTitle(scenario: PanelScenario, model: ModelInfo | undefined): string {
  const what = model?.title ?? scenario.model;
  return scenario.finding ? `${what} · ${scenario.finding.ruleId}` : what;
}
