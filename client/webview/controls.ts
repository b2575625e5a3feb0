import { roleTitle, scenarioControls, type PanelScenario, type RunSettings } from '../../server/src/report/scenario';
import type { ModelInfo, ParamSpec, ParamValue } from '../../server/src/sim/types';
import { h } from './dom';

// The panel's controls, built from the model's parameter declarations: the traffic and trigger
// parameters up front (see scenarioControls), seed and horizon, and every other parameter under
// "All parameters". Each change hands a new RunSettings to `onChange`; invalid input is marked
// and ignored until corrected.

export interface ControlsInput {
  model: ModelInfo;
  scenario: PanelScenario;
  settings: RunSettings;
  onChange(settings: RunSettings): void;
}

const MAX_SEED = 2 ** 32 - 1;
const MAX_HORIZON_S = 3600;

export function controlsView(input: ControlsInput): HTMLElement {
  const { model, scenario } = input;
  let settings: RunSettings = { ...input.settings, overrides: { ...input.settings.overrides } };
  const emit = () => input.onChange({ ...settings, overrides: { ...settings.overrides } });
  const base = (spec: ParamSpec): ParamValue => scenario.params[spec.name] ?? spec.default;
  const setParam = (spec: ParamSpec, value: ParamValue) => {
    if (value === base(spec)) delete settings.overrides[spec.name];
    else settings.overrides[spec.name] = value;
    emit();
  };

  const roles = scenarioControls(model);
  const roleNames = new Set(roles.map((control) => control.spec.name));
  const paramField = (spec: ParamSpec, title: string) =>
    field(spec, title, settings.overrides[spec.name] ?? base(spec), scenario, (value) => setParam(spec, value));

  const seed = numberInput('control-seed', settings.seed, { min: 0, max: MAX_SEED, step: 1 }, (value) => {
    settings = { ...settings, seed: value };
    emit();
  });
  const horizon = numberInput(
    'control-horizon',
    settings.horizonMs / 1000,
    { min: 1, max: MAX_HORIZON_S, step: 'any' },
    (value) => {
      settings = { ...settings, horizonMs: Math.round(value * 1000) };
      emit();
    },
  );
  return h(
    'form',
    { class: 'controls', 'aria-label': 'Simulation controls' },
    h(
      'fieldset',
      { class: 'scenario-controls' },
      h('legend', {}, 'Scenario (both runs)'),
      roles.map((control) => paramField(control.spec, roleTitle(control.role))),
      labelled('control-seed', 'Seed', 'random stream; same seed, same result', seed),
      labelled('control-horizon', 'Horizon', 'simulated seconds', horizon),
    ),
    h(
      'details',
      { class: 'all-params' },
      h('summary', {}, 'All parameters'),
      h(
        'div',
        { class: 'param-grid' },
        model.params.filter((spec) => !roleNames.has(spec.name)).map((spec) => paramField(spec, spec.label)),
      ),
    ),
  );
}

function field(
  spec: ParamSpec,
  title: string,
  value: ParamValue,
  scenario: PanelScenario,
  onValue: (value: ParamValue) => void,
): HTMLElement {
  const id = `param-${spec.name}`;
  const notes = [
    spec.unit && spec.type !== 'enum' ? spec.unit : '',
    spec.name in scenario.params ? 'from the code' : '',
  ];
  const fixed = scenario.fixedParams?.[spec.name];
  if (fixed !== undefined) notes.push(`the fix sets ${String(fixed)}`);
  return labelled(id, title, notes.filter(Boolean).join(' · '), paramInput(id, spec, value, onValue), spec.description);
}

function labelled(id: string, title: string, note: string, input: HTMLElement, description?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, title: description }, title, note ? h('span', { class: 'note' }, ` ${note}`) : null),
    input,
  );
}

function paramInput(id: string, spec: ParamSpec, value: ParamValue, onValue: (value: ParamValue) => void): HTMLElement {
  if (spec.type === 'boolean') {
    const box = h('input', { id, type: 'checkbox', 'data-param': spec.name, checked: value === true });
    box.addEventListener('change', () => onValue(box.checked));
    return box;
  }
  if (spec.type === 'enum') {
    const select = h(
      'select',
      { id, 'data-param': spec.name },
      (spec.values ?? []).map((choice) => h('option', { value: choice, selected: choice === value }, choice)),
    );
    select.addEventListener('change', () => onValue(select.value));
    return select;
  }
  const input = numberInput(
    id,
    Number(value),
    { min: spec.min, max: spec.max, step: spec.type === 'integer' ? 1 : 'any' },
    onValue,
  );
  input.dataset.param = spec.name;
  return input;
}

function numberInput(
  id: string,
  value: number,
  limits: { min?: number; max?: number; step: number | 'any' },
  onValue: (value: number) => void,
): HTMLInputElement {
  const input = h('input', {
    id,
    type: 'number',
    value: String(value),
    min: limits.min === undefined ? undefined : String(limits.min),
    max: limits.max === undefined ? undefined : String(limits.max),
    step: String(limits.step),
  });
  input.addEventListener('input', () => {
    const parsed = input.value.trim() === '' ? NaN : Number(input.value);
    const valid =
      Number.isFinite(parsed) &&
      (limits.min === undefined || parsed >= limits.min) &&
      (limits.max === undefined || parsed <= limits.max) &&
      (limits.step !== 1 || Number.isInteger(parsed));
    input.setAttribute('aria-invalid', String(!valid));
    if (valid) onValue(parsed);
  });
  return input;
}
