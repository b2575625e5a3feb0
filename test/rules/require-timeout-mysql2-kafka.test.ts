import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeCase, runRuleTests } from '../helpers/rule-tester';

// require-timeout for mysql2 and kafkajs: both bound their connect by default, so only an
// explicitly disabled timeout is a finding (and, on kafkajs 1.x, a request timeout that is not
// enforced by default); every recognised client gets a policy hover.

const KAFKAJS_1 = { 'package.json': JSON.stringify({ dependencies: { kafkajs: '^1.16.0' } }) };

const DOCS = '(see docs/rules/require-timeout.md).';
const CONNECT = `// Upper bound for opening a connection. A healthy peer connects in milliseconds; this covers a
// slow handshake, not a dead host. Take the p99.9 of connect time, not a guess ${DOCS}
const CONNECT_TIMEOUT_MS = 3000;`;
const STATEMENT = `// Upper bound for one database statement. Derive it from the p99.9 of the slowest legitimate
// query and the caller's own deadline, not a guess ${DOCS}
const DB_STATEMENT_TIMEOUT_MS = 10_000;`;

describe('require-timeout: mysql2 and kafkajs', () => {
  runRuleTests('require-timeout', {
    valid: [
      {
        name: 'mysql2 pool with the default connectTimeout; queries without timeout are not flooded',
        code: `import mysql from 'mysql2/promise';\nexport const db = mysql.createPool({ host: 'db', connectionLimit: 10, queueLimit: 50 });\nexport const rows = () => db.query('SELECT 1');\nexport const one = () => db.execute({ sql: 'SELECT 2' });`,
      },
      {
        name: 'mysql2 connection with a finite connectTimeout',
        code: `import mysql from 'mysql2';\nexport const c = mysql.createConnection({ host: 'db', connectTimeout: 5_000 });`,
      },
      {
        name: 'mysql2 query with a timeout',
        code: `import mysql from 'mysql2';\nconst pool = mysql.createPool({});\npool.query({ sql: 'SELECT 1', timeout: 2000 }, () => {});`,
      },
      {
        name: 'mysql2 URI without connectTimeout',
        code: `import mysql from 'mysql2';\nexport const p = mysql.createPool('mysql://u@db/app?connectionLimit=5');`,
      },
      {
        name: 'mysql2 options from a parameter',
        code: `import mysql, { type PoolOptions } from 'mysql2';\nexport const make = (o: PoolOptions) => mysql.createPool(o);`,
      },
      {
        name: 'connectTimeout: 0 on a look-alike that is not mysql2',
        code: `const mysql = { createPool: (o: object) => o };\nmysql.createPool({ connectTimeout: 0 });`,
      },
      {
        name: 'timeout: 0 on a query of something that is not a mysql2 pool',
        code: `import mysql from 'mysql2';\nexport const db = mysql.createPool({});\nconst other = { query: (o: object) => o };\nother.query({ sql: 'x', timeout: 0 });`,
      },
      {
        name: 'mysql (not mysql2) is not recognised here',
        code: `import mysql from 'mysql';\nmysql.createPool({ connectTimeout: 0 });`,
      },
      {
        name: 'kafkajs with defaults',
        code: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ clientId: 'api', brokers: ['k:9092'] });`,
      },
      {
        name: 'kafkajs with finite timeouts and enforceRequestTimeout: true',
        code: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], connectionTimeout: 3000, requestTimeout: 10_000, enforceRequestTimeout: true });`,
      },
      {
        name: 'kafkajs 1.x with enforceRequestTimeout: true',
        files: KAFKAJS_1,
        code: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], enforceRequestTimeout: true });`,
      },
      {
        name: 'kafkajs 1.x with enforceRequestTimeout computed at run time: decided elsewhere',
        files: KAFKAJS_1,
        code: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], enforceRequestTimeout: process.env.KAFKA_ENFORCE === '1' });`,
      },
      {
        name: 'kafkajs requestTimeout: 0 fails fast rather than waiting (not a missing timeout)',
        code: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], requestTimeout: 0 });`,
      },
      {
        name: 'kafkajs config from a parameter',
        code: `import { Kafka, type KafkaConfig } from 'kafkajs';\nexport const make = (c: KafkaConfig) => new Kafka(c);`,
      },
      {
        name: 'a local Kafka class',
        code: `class Kafka { constructor(readonly o: object) {} }\nnew Kafka({ enforceRequestTimeout: false });`,
      },
    ],
    invalid: [
      {
        name: 'mysql2 pool with connectTimeout: 0',
        code: `import mysql from 'mysql2/promise';\nexport const db = mysql.createPool({ host: 'db', connectTimeout: 0 });\n`,
        errors: [{ messageId: 'clientTimeoutDisabled', line: 2, column: 19 }],
        output: `import mysql from 'mysql2/promise';\n\n${CONNECT}\nexport const db = mysql.createPool({ host: 'db', connectTimeout: CONNECT_TIMEOUT_MS });\n`,
      },
      {
        name: 'awaited mysql2 connection with connectTimeout: null, via require',
        filename: 'db.js',
        code: `const mysql = require('mysql2/promise');\nasync function open() {\n  const conn = await mysql.createConnection({ connectTimeout: null });\n  return conn;\n}\nmodule.exports = { open };\n`,
        errors: [{ messageId: 'clientTimeoutDisabled', line: 3 }],
        output: `const mysql = require('mysql2/promise');\n\n${CONNECT}\nasync function open() {\n  const conn = await mysql.createConnection({ connectTimeout: CONNECT_TIMEOUT_MS });\n  return conn;\n}\nmodule.exports = { open };\n`,
      },
      {
        name: 'connectTimeout=0 in the URI (no fix: the string is the user’s)',
        code: `import mysql from 'mysql2';\nexport const p = mysql.createPool('mysql://u@db/app?connectTimeout=0');\n`,
        errors: [{ messageId: 'clientTimeoutDisabled', line: 2 }],
        output: null,
      },
      {
        name: 'mysql2 query with an explicitly disabled timeout',
        code: `import mysql from 'mysql2';\nconst pool = mysql.createPool({ host: 'db' });\npool.query({ sql: 'SELECT * FROM t FOR UPDATE', timeout: 0 }, () => {});\n`,
        errors: [{ messageId: 'clientTimeoutDisabled', line: 3 }],
        output: `import mysql from 'mysql2';\n\n${STATEMENT}\nconst pool = mysql.createPool({ host: 'db' });\npool.query({ sql: 'SELECT * FROM t FOR UPDATE', timeout: DB_STATEMENT_TIMEOUT_MS }, () => {});\n`,
      },
      {
        name: 'connectTimeout from a constant that is 0: the property is replaced, the constant left alone',
        code: `import mysql from 'mysql2';\nconst NO_TIMEOUT = 0;\nexport const p = mysql.createPool({ connectTimeout: NO_TIMEOUT });\n`,
        errors: [{ messageId: 'clientTimeoutDisabled', line: 3 }],
        output: `import mysql from 'mysql2';\n\n${CONNECT}\nconst NO_TIMEOUT = 0;\nexport const p = mysql.createPool({ connectTimeout: CONNECT_TIMEOUT_MS });\n`,
      },
      {
        name: 'kafkajs with enforceRequestTimeout: false',
        code: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], enforceRequestTimeout: false });\n`,
        errors: [{ messageId: 'clientTimeoutDisabled', line: 2, column: 22 }],
        output: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], enforceRequestTimeout: true });\n`,
      },
      {
        name: 'kafkajs 1.x defaults: requestTimeout is not enforced until enforceRequestTimeout: true',
        files: KAFKAJS_1,
        code: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ clientId: 'api', brokers: ['k:9092'] });\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 2, column: 22 }],
        output: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ clientId: 'api', brokers: ['k:9092'], enforceRequestTimeout: true });\n`,
      },
      {
        name: 'kafkajs with requestTimeout: Infinity (no safe fix)',
        code: `import kafkajs from 'kafkajs';\nexport const kafka = new kafkajs.Kafka({ brokers: ['k'], requestTimeout: Infinity });\n`,
        errors: [{ messageId: 'clientTimeoutDisabled', line: 2 }],
        output: null,
      },
    ],
  });

  it('hovers state the effective policy', () => {
    const hover = (code: string) =>
      analyzeCase('require-timeout', { code }).result.policies.map((note) => note.policy.summary);
    assert.deepEqual(hover(`import mysql from 'mysql2';\nexport const db = mysql.createPool({ host: 'db' });`), [
      'mysql2 pool `db`: connect 10 s (default); queries: no limit (mysql2 default: none; set `timeout` per query)',
    ]);
    assert.deepEqual(
      hover(
        `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], requestTimeout: 5000 });`,
      ),
      ['kafkajs client `kafka`: connect 1 s (default), requests 5 s'],
    );
    assert.deepEqual(
      analyzeCase('require-timeout', {
        files: KAFKAJS_1,
        code: `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], requestTimeout: 5000 });`,
      }).result.policies.map((note) => note.policy.summary),
      ['kafkajs client `kafka`: connect 1 s (default), requests: no limit (kafkajs 1.x default: `enforceRequestTimeout: false`)'],
    );
  });

  it('on kafkajs 1.x the remedy does not promise a default that 1.x lacks', () => {
    const message = (code: string, files?: Record<string, string>) =>
      analyzeCase('require-timeout', { code, files }).findings.map((finding) => finding.message.replace(/^.*\. /, ''));
    const disabled = `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], enforceRequestTimeout: false });`;
    const infinite = `import { Kafka } from 'kafkajs';\nexport const kafka = new Kafka({ brokers: ['k'], requestTimeout: Infinity });`;
    assert.deepEqual(message(disabled), ['Remove it: the kafkajs default enforces a 30 s `requestTimeout`.']);
    assert.deepEqual(message(disabled, KAFKAJS_1), ['Set it to `true`: kafkajs 1.x does not enforce `requestTimeout` by default (kafkajs 2 does).']);
    assert.deepEqual(message(infinite, KAFKAJS_1), [
      'Set a finite `requestTimeout` and `enforceRequestTimeout: true`: kafkajs 1.x enforces no request timeout by default.',
    ]);
  });
});
