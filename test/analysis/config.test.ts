import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { allRules, parseConfigText } from '../../server/src/analysis';
import { configSchema } from '../../server/src/analysis/config-schema';

const SCHEMA_PATH = join(__dirname, '..', '..', 'schemas', 'config.schema.json');

describe('goodput.json', () => {
  test('the committed schema is the one generated from the rules (run `npm run schema`)', () => {
    assert.deepEqual(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')), configSchema(allRules));
  });

  test('the schema and the parser agree on valid and invalid configs', () => {
    const validate = new Ajv2020({ strict: false }).compile(configSchema(allRules));
    const cases: Array<[unknown, boolean]> = [
      [{}, true],
      [{ rules: { 'require-timeout': 'error' } }, true],
      [{ rules: { 'require-timeout': ['warning', { defaultTimeoutMs: 5000 }] } }, true],
      [{ ignore: ['**/generated/**'], reportUnusedDirectives: 'off', maxFileSizeKb: 100 }, true],
      [{ ignoreTests: false }, true],
      [{ ignoreTests: 'no' }, false],
      [{ ignoreMigrations: false }, true],
      [{ ignore: ['**/generated/**/*.ts', 'src/**/fixtures/**/**'] }, true],
      [{ ignore: ['**/a/**/a/**/a/**/b'] }, false],
      [{ ignoreMigrations: 0 }, false],
      [{ rules: { 'no-such-rule': 'error' } }, false],
      [{ rules: { 'require-timeout': 'loud' } }, false],
      [{ rules: { 'require-timeout': ['warning', { nope: 1 }] } }, false],
      [{ rules: { 'require-timeout': ['warning', { defaultTimeoutMs: 0 }] } }, false],
      [{ surprise: true }, false],
    ];
    for (const [config, valid] of cases) {
      assert.equal(validate(config), valid, `schema: ${JSON.stringify(config)}`);
      const { errors } = parseConfigText(JSON.stringify(config), allRules);
      assert.equal(errors.length === 0, valid, `parser: ${JSON.stringify(config)} → ${errors.join('; ')}`);
    }
  });

  test('invalid JSON → defaults and exactly one clear error', () => {
    const { config, errors } = parseConfigText('{ "rules": ', allRules);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /not valid JSON/);
    assert.equal(config.rules['require-timeout']!.severity, 'warning');
  });

  test('an ignore glob with more "**" than the matcher handles in linear-ish time is left out, once, and the others apply', () => {
    const { config, errors } = parseConfigText(JSON.stringify({ ignore: ['**/gen/**', '**/a/**/a/**/a/**/b'] }), allRules);
    assert.deepEqual(config.ignore, ['**/gen/**']);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /"ignore" entry "\*\*\/a\/\*\*\/a\/\*\*\/a\/\*\*\/b" has 4 "\*\*"; at most 3 are supported/);
  });

  test('valid parts apply even when others are invalid', () => {
    const { config, errors } = parseConfigText(JSON.stringify({ rules: { 'require-timeout': 'error', bogus: 'off' } }), allRules);
    assert.equal(config.rules['require-timeout']!.severity, 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /unknown rule "bogus" \(known: [a-z-, ]*require-timeout/);
  });
});
