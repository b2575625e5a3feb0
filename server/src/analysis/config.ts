import type { ReportedSeverity, Severity } from './types';
import type { RuleDefinition, RuleOptions } from './rule';
import { defaultOptions } from './rule';

// goodput.json:
// {
//   "rules": { "require-timeout": "error", "other-rule": ["warning", { "defaultTimeoutMs": 5000 }] },
//   "ignore": ["**/generated/**"],
//   "ignoreTests": true,
//   "ignoreMigrations": true,
//   "reportUnusedDirectives": "warning",
//   "maxFileSizeKb": 2048
// }
// Editor settings use the same `rules` shape and override the file, so CLI and editor agree.

export const CONFIG_FILE_NAMES = ['goodput.json', '.goodput.json'];
/**
 * Test files and their set-up, left out unless `"ignoreTests": false`: where Jest, Vitest, Mocha,
 * node:test, NestJS and Playwright projects keep them (.gitignore syntax: a pattern without a
 * slash matches at any depth, a trailing slash matches a directory).
 */
export const TEST_FILE_GLOBS: readonly string[] = [
  '*.test.*',
  '*.spec.*',
  '*.e2e-spec.*',
  'jest.setup.*',
  'setup-jest.*',
  'vitest.setup.*',
  'setupTests.*',
  'test-setup.*',
  '__tests__/',
  '__mocks__/',
  '__fixtures__/',
  'test/',
  'tests/',
  'e2e/',
];
/**
 * Database migrations, left out unless `"ignoreMigrations": false`: knex, Sequelize, TypeORM,
 * MikroORM, Directus, Strapi and Medusa keep them in a `migrations/` directory. They run once, at
 * deploy time, before the service takes traffic: a fan-out over a table's rows there or a
 * memoised schema probe cannot turn a spike into an outage.
 */
export const MIGRATION_FILE_GLOBS: readonly string[] = ['migrations/'];

/**
 * `**` per `ignore` glob. Each one between literals multiplies the time to match a path by its
 * depth (the globs become backtracking RegExps): five took 5 s per file 100 directories deep, so
 * a workspace's goodput.json could stall every run. Three stay under a millisecond at real depths.
 */
export const MAX_GLOBSTARS = 3;

/** How many `**` a glob or .gitignore line has (held against MAX_GLOBSTARS). */
export function globstarsIn(glob: string): number {
  return glob.split('**').length - 1;
}

export const SEVERITIES: readonly Severity[] = ['off', 'hint', 'information', 'warning', 'error'];

export interface RuleSetting {
  severity: Severity;
  options: RuleOptions;
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  ignore: string[];
  /** Leave test files out (cli/excluded-files.ts lists the patterns): they never serve traffic. */
  ignoreTests: boolean;
  /** Leave database migrations out (MIGRATION_FILE_GLOBS): they run once, before traffic. */
  ignoreMigrations: boolean;
  reportUnusedDirectives: Severity;
  maxFileSizeKb: number;
}

export interface ConfigResult {
  config: ResolvedConfig;
  /** Every problem found, each stated once; the valid parts of the input still apply. */
  errors: string[];
}

const TOP_LEVEL_KEYS = new Set([
  '$schema',
  'rules',
  'ignore',
  'ignoreTests',
  'ignoreMigrations',
  'reportUnusedDirectives',
  'maxFileSizeKb',
]);

export function defaultConfig(rules: readonly RuleDefinition[]): ResolvedConfig {
  const resolved: Record<string, RuleSetting> = {};
  for (const rule of rules) resolved[rule.id] = { severity: rule.meta.severity, options: defaultOptions(rule.meta) };
  return { rules: resolved, ignore: [], ignoreTests: true, ignoreMigrations: true, reportUnusedDirectives: 'warning', maxFileSizeKb: 2048 };
}

/** Parses goodput.json text. Invalid JSON → defaults and one error; invalid entries → skipped, one error each. */
export function parseConfigText(text: string, rules: readonly RuleDefinition[], source = 'goodput.json'): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { config: defaultConfig(rules), errors: [`${source}: not valid JSON (${detail}); using defaults`] };
  }
  return resolveConfig(raw, rules, source);
}

export function resolveConfig(raw: unknown, rules: readonly RuleDefinition[], source = 'goodput.json'): ConfigResult {
  const config = defaultConfig(rules);
  const errors: string[] = [];
  if (!isPlainObject(raw)) {
    return { config, errors: [`${source}: expected an object at the top level; using defaults`] };
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_KEYS.has(key)) errors.push(`${source}: unknown key "${key}" (valid: ${[...TOP_LEVEL_KEYS].join(', ')})`);
  }
  if (raw.rules !== undefined) applyRuleSettings(config, raw.rules, rules, source, errors);
  if (raw.ignore !== undefined) {
    if (Array.isArray(raw.ignore) && raw.ignore.every((glob) => typeof glob === 'string')) {
      config.ignore = raw.ignore.filter((glob) => {
        const globstars = globstarsIn(glob);
        if (globstars <= MAX_GLOBSTARS) return true;
        errors.push(`${source}: "ignore" entry "${glob}" has ${globstars} "**"; at most ${MAX_GLOBSTARS} are supported (it is left out)`);
        return false;
      });
    } else errors.push(`${source}: "ignore" must be an array of glob strings`);
  }
  for (const key of ['ignoreTests', 'ignoreMigrations'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] === 'boolean') config[key] = raw[key];
    else errors.push(`${source}: "${key}" must be true or false`);
  }
  if (raw.reportUnusedDirectives !== undefined) {
    if (isSeverity(raw.reportUnusedDirectives)) config.reportUnusedDirectives = raw.reportUnusedDirectives;
    else errors.push(`${source}: "reportUnusedDirectives" must be one of ${SEVERITIES.join(', ')}`);
  }
  if (raw.maxFileSizeKb !== undefined) {
    if (typeof raw.maxFileSizeKb === 'number' && raw.maxFileSizeKb > 0) config.maxFileSizeKb = raw.maxFileSizeKb;
    else errors.push(`${source}: "maxFileSizeKb" must be a positive number`);
  }
  return { config, errors };
}

/**
 * Applies a `rules` object (from goodput.json or the `goodput.rules` setting) onto `config`.
 * Accepts `"severity"` or `["severity", { options }]`.
 */
export function applyRuleSettings(
  config: ResolvedConfig,
  rawRules: unknown,
  rules: readonly RuleDefinition[],
  source: string,
  errors: string[],
): void {
  if (!isPlainObject(rawRules)) {
    errors.push(`${source}: "rules" must be an object of rule id → severity`);
    return;
  }
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const [id, value] of Object.entries(rawRules)) {
    const rule = byId.get(id);
    if (!rule) {
      errors.push(`${source}: unknown rule "${id}" (known: ${[...byId.keys()].join(', ')})`);
      continue;
    }
    const [severity, options] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
    if (!isSeverity(severity)) {
      errors.push(`${source}: rule "${id}": severity must be one of ${SEVERITIES.join(', ')}`);
      continue;
    }
    const setting = config.rules[id]!;
    setting.severity = severity;
    if (options !== undefined) setting.options = { ...setting.options, ...validOptions(rule, options, source, errors) };
  }
}

function validOptions(rule: RuleDefinition, raw: unknown, source: string, errors: string[]): RuleOptions {
  const valid: RuleOptions = {};
  if (!isPlainObject(raw)) {
    errors.push(`${source}: rule "${rule.id}": options must be an object`);
    return valid;
  }
  for (const [name, value] of Object.entries(raw)) {
    const spec = rule.meta.options[name];
    if (!spec) {
      const known = Object.keys(rule.meta.options);
      errors.push(`${source}: rule "${rule.id}": unknown option "${name}" (valid: ${known.join(', ') || 'none'})`);
    } else if (typeof value !== spec.type) {
      errors.push(`${source}: rule "${rule.id}": option "${name}" must be a ${spec.type}`);
    } else if (
      typeof value === 'number' &&
      ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum))
    ) {
      errors.push(`${source}: rule "${rule.id}": option "${name}" must be within [${spec.minimum ?? '-∞'}, ${spec.maximum ?? '∞'}]`);
    } else {
      valid[name] = value as number | string | boolean;
    }
  }
  return valid;
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function isReported(severity: Severity): severity is ReportedSeverity {
  return severity !== 'off';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
