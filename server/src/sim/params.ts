import { SimulationInputError } from './errors';
import type { ParamSpec, ParamValue, ParamValues } from './types';

const DURATION = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(ms|s|m|min|h)?$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** "60s" → 60000, "250ms" → 250, "2m" → 120000, "1500" → 1500 (bare numbers are ms). */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (m === null) return undefined;
  return Number(m[1]) * UNIT_MS[(m[2] ?? 'ms').toLowerCase()]!;
}

/** Turns a value as typed by a person (CLI) or carried by a finding into the spec's type. */
export function coerceParam(spec: ParamSpec, raw: ParamValue): ParamValue | undefined {
  if (spec.type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    const s = String(raw).toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(s)) return true;
    if (['false', '0', 'no', 'off'].includes(s)) return false;
    return undefined;
  }
  if (spec.type === 'enum') return typeof raw === 'string' ? raw : undefined;
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  // Durations with a unit suffix are accepted for millisecond params only: "2s" means 2000 ms.
  const n = spec.unit === 'ms' ? parseDurationMs(raw) : raw.trim() === '' ? NaN : Number(raw);
  return n === undefined || Number.isNaN(n) ? undefined : n;
}

export function describeParam(spec: ParamSpec): string {
  if (spec.type === 'enum') return `${spec.name}=${(spec.values ?? []).join('|')} (default ${String(spec.default)})`;
  if (spec.type === 'boolean') return `${spec.name}=true|false (default ${String(spec.default)})`;
  const unit = spec.unit !== undefined ? ` ${spec.unit}` : '';
  return `${spec.name}=${spec.type} in [${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]${unit} (default ${String(spec.default)})`;
}

/**
 * Validates a partial parameter set against a model's specs and fills in defaults. Unknown
 * names, wrong types and out-of-range values are errors that list what is valid.
 */
export function resolveParams(modelId: string, specs: readonly ParamSpec[], input: Readonly<ParamValues>): ParamValues {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: ParamValues = {};
  for (const s of specs) out[s.name] = s.default;
  for (const [name, raw] of Object.entries(input)) {
    const spec = byName.get(name);
    if (spec === undefined) {
      throw new SimulationInputError(
        `unknown parameter "${name}" for model ${modelId}; valid parameters: ${specs.map((s) => s.name).join(', ')}`,
        specs.map(describeParam),
      );
    }
    out[name] = checkValue(modelId, spec, raw);
  }
  return out;
}

function checkValue(modelId: string, spec: ParamSpec, raw: ParamValue): ParamValue {
  const bad = (why: string): SimulationInputError =>
    new SimulationInputError(`${modelId}: ${spec.name}=${String(raw)} ${why}; expected ${describeParam(spec)}`, [
      describeParam(spec),
    ]);
  const v = coerceParam(spec, raw);
  if (v === undefined) throw bad('is not valid');
  if (spec.type === 'enum') {
    if (!(spec.values ?? []).includes(v as string)) throw bad('is not one of the choices');
    return v;
  }
  if (spec.type === 'boolean') return v;
  const n = v as number;
  if (!Number.isFinite(n)) throw bad('is not a finite number');
  if (spec.type === 'integer' && !Number.isInteger(n)) throw bad('is not a whole number');
  if (spec.min !== undefined && n < spec.min) throw bad(`is below the minimum ${spec.min}`);
  if (spec.max !== undefined && n > spec.max) throw bad(`is above the maximum ${spec.max}`);
  return n;
}
