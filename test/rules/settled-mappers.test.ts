import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// A mapper whose result is ready at once — it waits on nothing and returns values, or what such
// functions return — starts no work per row: awaiting its promises with Promise.all is no fan-out.
// Audit J: Ghost's repositories map rows through async domain factories (`Mention.create`,
// `Tier.create`) that only validate and build objects. A mapper that queries, awaits a query, or
// fires a call and drops its result still starts work per row.

const loadAll = (body: string, header = '') => `import { Pool } from 'pg';
${header}const pool = new Pool({ max: 10 });
export async function loadAll() {
  const { rows } = await pool.query('SELECT * FROM mentions');
${body}
}
`;

// Ghost's shape: a CommonJS class module whose static async factory builds the object.
const MENTION = {
  'mention.js': `class Mention {
  constructor(data) { this.id = data.id; this.events = []; }
  setSourceMetadata(data) { this.title = data.title ?? null; }
  static async create(data) {
    if (!data.id) throw new Error('Invalid ID provided for Mention');
    const mention = new Mention({ id: data.id });
    mention.setSourceMetadata(data);
    mention.events.push({ type: 'created' });
    return mention;
  }
}
module.exports = Mention;
`,
};

describe('no-unbounded-concurrency: mappers that settle at once', () => {
  runRuleTests('no-unbounded-concurrency', {
    valid: [
      {
        name: 'a local helper that builds an object',
        code: loadAll('  return Promise.all(rows.map((row) => toEntity(row)));', 'function toEntity(row: { id: string }) { return { id: row.id, at: new Date() }; }\n'),
      },
      {
        name: 'an async helper that awaits nothing, passed by name',
        code: loadAll('  return Promise.all(rows.map(toEntity));', 'async function toEntity(row: { id: string }) { return { id: row.id }; }\n'),
      },
      {
        name: "a class's static async factory in another module, through a private method that logs a bad payload (Ghost's mentions)",
        files: MENTION,
        filename: 'repository.js',
        code: `const Mention = require('./mention');
const logging = require('@tryghost/logging');
module.exports = class Repository {
  #model;
  constructor(model) { this.#model = model; }
  #toMention(model) {
    let payload;
    try { payload = JSON.parse(model.get('payload')); } catch (err) { logging.error(err); payload = {}; }
    return Mention.create({ id: model.get('id'), payload });
  }
  async getAll(options) {
    const models = await this.#model.findAll(options);
    return await Promise.all(models.map((model) => this.#toMention(model)));
  }
};
`,
      },
      {
        name: 'an exported TypeScript class with a static async factory, imported by name',
        files: {
          'tier.ts': `export class Tier {\n  constructor(readonly id: string) {}\n  static async create(data: { id: string }): Promise<Tier> {\n    if (!data.id) throw new Error('no id');\n    return new Tier(data.id);\n  }\n}\n`,
        },
        code: loadAll('  return Promise.all(rows.map((row: { id: string }) => Tier.create(row)));', "import { Tier } from './tier';\n"),
      },
      {
        name: "awaiting a factory that settles at once, and noting the id in a Set (Ghost's tiers)",
        files: MENTION,
        filename: 'tiers.js',
        code: `const Mention = require('./mention');
module.exports = class Tiers {
  #ids = new Set();
  #model;
  constructor(model) { this.#model = model; }
  async init() {
    const models = await this.#model.findAll({});
    return Promise.all(models.map(async (model) => {
      const tier = await Mention.create({ id: model.get('id') });
      this.#ids.add(tier.id);
      return tier;
    }));
  }
};
`,
      },
    ],
    invalid: [
      {
        name: 'a helper that returns a query per row',
        code: loadAll("  return Promise.all(rows.map((row) => details(row.id)));", "function details(id: string) { return pool.query('SELECT * FROM details WHERE id = $1', [id]); }\n"),
        errors: [{ messageId: 'fanOutUnbounded', line: 6 }],
        output: null,
      },
      {
        name: 'an async helper that awaits a query',
        code: loadAll('  return Promise.all(rows.map(enrich));', "async function enrich(row: { id: string }) { const r = await pool.query('SELECT 1', [row.id]); return { ...row, extra: r.rows }; }\n"),
        errors: [{ messageId: 'fanOutUnbounded', line: 6 }],
        output: null,
      },
      {
        name: 'a helper that fires a request and drops it, then returns the row',
        code: loadAll('  return Promise.all(rows.map((row) => audit(row)));', "function audit(row: { id: string }) { fetch('http://audit/' + row.id, { signal: AbortSignal.timeout(1000) }); return row; }\n"),
        errors: [{ messageId: 'fanOutUnbounded', line: 6 }],
        output: null,
      },
      {
        name: 'a dropped request with a catch chained to it, a void request, and a callback that saves: each starts work per row',
        code: loadAll(
          [
            "  await Promise.all(rows.map((row) => { notify(row.id).catch(() => {}); return row; }));",
            "  await Promise.all(rows.map((row) => { void notify(row.id); return row; }));",
            "  await Promise.all(rows.map((row) => { row.tags.forEach((tag: string) => notify(tag)); return row; }));",
          ].join('\n'),
          "declare function notify(id: string): Promise<void>;\n",
        ),
        errors: [
          { messageId: 'fanOutUnbounded', line: 6 },
          { messageId: 'fanOutUnbounded', line: 7 },
          { messageId: 'fanOutUnbounded', line: 8 },
        ],
        output: null,
      },
      {
        name: 'a promise that waits on a timer',
        code: loadAll('  return Promise.all(rows.map((row) => pause(row)));', 'function pause(row: unknown) { return new Promise((resolve) => setTimeout(() => resolve(row), 100)); }\n'),
        errors: [{ messageId: 'fanOutUnbounded', line: 6 }],
        output: null,
      },
    ],
  });
});
