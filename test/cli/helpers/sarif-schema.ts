import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';

// The official SARIF 2.1.0 JSON schema is not vendored (it is someone else's 136 KB file). The
// tests validate against it when it is available: GOODPUT_SARIF_SCHEMA=<path>, or the copy that
// the npm package @microsoft/jest-sarif ships. Otherwise they fall back to structural assertions.

const CANDIDATES = [
  process.env.GOODPUT_SARIF_SCHEMA,
  join(__dirname, '../../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
];

export type SarifValidator = (log: unknown) => string[];

export function loadSarifValidator(): SarifValidator | undefined {
  const path = CANDIDATES.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!path) return undefined;
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // The schema is draft-04 (`id`, not `$id`); Ajv 8 reads it once that keyword is renamed.
  delete schema.$schema;
  if (typeof schema.id === 'string') {
    schema.$id = schema.id;
    delete schema.id;
  }
  // One of its patterns is not valid with the `u` flag Ajv uses by default.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  return (log) =>
    validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

export const SARIF_SCHEMA_SKIP_REASON =
  'SARIF 2.1.0 schema not available (set GOODPUT_SARIF_SCHEMA or install @microsoft/jest-sarif)';
