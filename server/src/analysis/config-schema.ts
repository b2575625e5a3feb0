import { MAX_GLOBSTARS, MIGRATION_FILE_GLOBS, SEVERITIES, TEST_FILE_GLOBS } from './config';
import type { RuleDefinition } from './rule';

// The JSON schema of goodput.json, generated from the rules' metadata so that editors validate
// exactly what the analyzer accepts. schemas/config.schema.json is this, written by
// `npm run schema`; a test keeps the two equal.

export function configSchema(rules: readonly RuleDefinition[]): Record<string, unknown> {
  const severity = { type: 'string', enum: [...SEVERITIES] };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    const optionProperties: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(rule.meta.options)) {
      optionProperties[name] = {
        type: spec.type,
        default: spec.default,
        description: spec.unit ? `${spec.description} (unit: ${spec.unit})` : spec.description,
        ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
        ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
      };
    }
    ruleProperties[rule.id] = {
      description: `${rule.meta.docs.description} (${rule.meta.family}; default: ${rule.meta.severity})`,
      oneOf: [
        severity,
        {
          type: 'array',
          prefixItems: [severity, { type: 'object', properties: optionProperties, additionalProperties: false }],
          items: false,
          minItems: 1,
        },
      ],
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Goodput configuration (goodput.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Per-rule severity, optionally with options: "error" or ["warning", { … }].',
        properties: ruleProperties,
        additionalProperties: false,
      },
      ignore: {
        type: 'array',
        items: { type: 'string', pattern: `^(?:(?!\\*\\*)[\\s\\S])*(?:\\*\\*(?:(?!\\*\\*)[\\s\\S])*){0,${MAX_GLOBSTARS}}$` },
        description: `Glob patterns (.gitignore syntax) of files not to analyze; at most ${MAX_GLOBSTARS} "**" each.`,
      },
      ignoreTests: {
        type: 'boolean',
        default: true,
        description:
          `Leave test files out (.gitignore patterns ${TEST_FILE_GLOBS.join(' ')}): they never serve production traffic.`,
      },
      ignoreMigrations: {
        type: 'boolean',
        default: true,
        description:
          `Leave database migrations out (.gitignore patterns ${MIGRATION_FILE_GLOBS.join(' ')}): they run once, at deploy time, before traffic.`,
      },
      reportUnusedDirectives: { ...severity, default: 'warning', description: 'Severity of goodput-ignore directives that suppress nothing.' },
      maxFileSizeKb: { type: 'number', exclusiveMinimum: 0, default: 2048, description: 'Files larger than this (KiB) are skipped, and not parsed when another file imports them.' },
    },
  };
}
