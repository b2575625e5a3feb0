import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';

// The official SARIF 2.1.0 JSON schema is not vendored (it is someone else's 136 KB file): the
// tests read the copy that the dev dependency @microsoft/jest-sarif ships (or GOODPUT_SARIF_SCHEMA).
// It is required: a validation that silently skips would let an invalid log reach code scanning.

const CANDIDATES = [
  process.env.GOODPUT_SARIF_SCHEMA,
  join(__dirname, '../../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
];

export type SarifValidator = (log: unknown) => string[];

let cached: SarifValidator | undefined;

export function loadSarifValidator(): SarifValidator {
  cached ??= compileValidator();
  return cached;
}

function compileValidator(): SarifValidator {
  const path = CANDIDATES.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!path) throw new Error(SARIF_SCHEMA_MISSING);
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

const SARIF_SCHEMA_MISSING =
  'SARIF 2.1.0 schema not found: run npm ci (dev dependency @microsoft/jest-sarif) or set GOODPUT_SARIF_SCHEMA';
