import type { MetricSpec, ModelInfo, ParamSpec, ParamValues, SimulationResult } from '../sim/types';
import type { FindingRef, PanelScenario, RunSettings } from './scenario';

// The messages between the simulation panel's host (the extension) and its webview, as one typed
// union per direction. Each side treats what it receives as untrusted and checks it here before
// use: a webview can be scripted, and a host message can come from an older version after reload.

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | {
      type: 'run';
      requestId: number;
      model: string;
      written: ParamValues;
      fixed?: ParamValues;
      seed: number;
      horizonMs: number;
    }
  | { type: 'applyFix' }
  | { type: 'revealFinding' };

/** Host → webview. */
export type HostMessage =
  | { type: 'init'; scenario: PanelScenario; model: ModelInfo; fixTitle?: string }
  | { type: 'results'; requestId: number; written: SimulationResult; fixed?: SimulationResult }
  | { type: 'runFailed'; requestId: number; message: string }
  | { type: 'fixApplied'; ok: boolean; message: string };

/** What the webview keeps with `setState`, and the serializer hands back after a reload. */
export interface PanelState {
  scenario: PanelScenario;
  settings?: RunSettings;
}

const MAX_TEXT = 2000;
const MAX_PARAMS = 200;
const MAX_SERIES_POINTS = 5000;

type Check<T> = (value: unknown) => value is T;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = MAX_TEXT): value is string => typeof value === 'string' && value.length <= max;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isRequestId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const optional =
  <T>(check: Check<T>) =>
  (value: unknown): value is T | undefined =>
    value === undefined || check(value);
const arrayOf =
  <T>(check: Check<T>, max = MAX_PARAMS) =>
  (value: unknown): value is T[] =>
    Array.isArray(value) && value.length <= max && value.every((item) => check(item));

export const isParamValues: Check<ParamValues> = (value): value is ParamValues =>
  isRecord(value) &&
  Object.keys(value).length <= MAX_PARAMS &&
  Object.entries(value).every(
    ([name, v]) => /^[A-Za-z]\w{0,63}$/.test(name) && (isNumber(v) || typeof v === 'boolean' || isText(v, 200)),
  );

const isPosition = (value: unknown): boolean =>
  isRecord(value) && isRequestId(value.line) && isRequestId(value.character);

const isFindingRef: Check<FindingRef> = (value): value is FindingRef =>
  isRecord(value) &&
  isText(value.uri) &&
  isRecord(value.range) &&
  isPosition(value.range.start) &&
  isPosition(value.range.end) &&
  isText(value.ruleId, 100) &&
  isText(value.message);

export const isPanelScenario: Check<PanelScenario> = (value): value is PanelScenario =>
  isRecord(value) &&
  isText(value.model, 100) &&
  isParamValues(value.params) &&
  optional(isParamValues)(value.fixedParams) &&
  optional(isFindingRef)(value.finding);

const isRunSettings: Check<RunSettings> = (value): value is RunSettings =>
  isRecord(value) &&
  isParamValues(value.overrides) &&
  isRequestId(value.seed) &&
  isNumber(value.horizonMs) &&
  value.horizonMs > 0;

/** The state a reloaded panel restores, or undefined when it is missing or not ours. */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (!isRecord(value) || !isPanelScenario(value.scenario) || !optional(isRunSettings)(value.settings))
    return undefined;
  return { scenario: value.scenario, settings: value.settings as RunSettings | undefined };
}

const isParamSpec: Check<ParamSpec> = (value): value is ParamSpec =>
  isRecord(value) &&
  isText(value.name, 100) &&
  isText(value.label, 200) &&
  ['number', 'integer', 'boolean', 'enum'].includes(value.type as string) &&
  optional((v): v is number => isNumber(v))(value.min) &&
  optional((v): v is number => isNumber(v))(value.max) &&
  optional(arrayOf((v): v is string => isText(v, 100)))(value.values);

const isMetricSpec: Check<MetricSpec> = (value): value is MetricSpec =>
  isRecord(value) &&
  isText(value.id, 100) &&
  isText(value.label, 200) &&
  isText(value.unit, 50) &&
  ['rate', 'gauge', 'quantile', 'ratio'].includes(value.kind as string);

export const isModelInfo: Check<ModelInfo> = (value): value is ModelInfo =>
  isRecord(value) &&
  isText(value.id, 100) &&
  isText(value.title, 200) &&
  arrayOf(isParamSpec)(value.params) &&
  arrayOf(isMetricSpec)(value.metrics) &&
  isNumber(value.defaultHorizonMs);

const isSeriesValue = (value: unknown): value is number | null => value === null || isNumber(value);

export const isSimulationResult: Check<SimulationResult> = (value): value is SimulationResult => {
  if (!isRecord(value) || value.schema !== 'goodput.simulation/1' || !isText(value.model, 100)) return false;
  if (!isParamValues(value.params) || !arrayOf(isMetricSpec)(value.metrics)) return false;
  const { summary, series } = value;
  if (!isRecord(summary) || !isText(summary.headline) || !arrayOf((d): d is string => isText(d))(summary.details))
    return false;
  if (!isRecord(summary.values)) return false;
  if (!isRecord(series) || !isNumber(series.bucketMs) || !arrayOf(isNumber, MAX_SERIES_POINTS)(series.t)) return false;
  const points = series.t.length;
  return (
    isRecord(series.values) &&
    Object.values(series.values).every(
      (values) => arrayOf(isSeriesValue, MAX_SERIES_POINTS)(values) && values.length === points,
    )
  );
};

/** A message from the webview, or undefined when it is not one the host accepts. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'applyFix':
    case 'revealFinding':
      return { type: value.type };
    case 'run': {
      const { requestId, model, written, fixed, seed, horizonMs } = value;
      if (!isRequestId(requestId) || !isText(model, 100) || !isParamValues(written) || !optional(isParamValues)(fixed))
        return undefined;
      if (!isRequestId(seed) || !isNumber(horizonMs) || horizonMs <= 0) return undefined;
      return { type: 'run', requestId, model, written, fixed, seed, horizonMs };
    }
    default:
      return undefined;
  }
}

/** A message from the host, or undefined when it is not one the webview accepts. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'init':
      return isPanelScenario(value.scenario) &&
        isModelInfo(value.model) &&
        optional((v): v is string => isText(v, 300))(value.fixTitle)
        ? { type: 'init', scenario: value.scenario, model: value.model, fixTitle: value.fixTitle }
        : undefined;
    case 'results':
      return isRequestId(value.requestId) &&
        isSimulationResult(value.written) &&
        optional(isSimulationResult)(value.fixed)
        ? { type: 'results', requestId: value.requestId, written: value.written, fixed: value.fixed }
        : undefined;
    case 'runFailed':
      return isRequestId(value.requestId) && isText(value.message)
        ? { type: 'runFailed', requestId: value.requestId, message: value.message }
        : undefined;
    case 'fixApplied':
      return typeof value.ok === 'boolean' && isText(value.message)
        ? { type: 'fixApplied', ok: value.ok, message: value.message }
        : undefined;
    default:
      return undefined;
  }
}
