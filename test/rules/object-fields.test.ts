import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';
import { HTTP_TIMEOUT_CONSTANT } from '../helpers/timeout-fixtures';

// Fields read as the one value their object is given. `this.x`: the class's initializer or its
// one assignment (in the constructor, as compiled JavaScript writes fields, or lazily with `??=`).
// `obj.x` where `var obj = {}` and later `obj.x = …` (the module pattern of much CommonJS code),
// and options built the same way (`var opts = {}; opts.timeout = …; got(url, opts)`).
// Two assignments, a changed field, `Object.assign(this or obj, …)`, another function's `this` or
// a static method's leave it unknown.

const HTTP = HTTP_TIMEOUT_CONSTANT;

describe('require-timeout: clients kept in fields', () => {
  runRuleTests('require-timeout', {
    valid: [
      {
        name: "a field assigned in two places, a class that copies options onto `this`, `this` of a plain function, a static method's `this`: unknown",
        filename: 'ok.js',
        code: `const axios = require('axios');\nclass Twice {\n  constructor() { this.http = axios; }\n  configure() { this.http = axios.create({ timeout: 2000 }); }\n  load() { return this.http.get('/a'); }\n}\nclass Options {\n  constructor(options) { this.http = axios; Object.assign(this, options); }\n  load() { return this.http.get('/b'); }\n}\nclass Inner {\n  constructor() { this.http = axios; }\n  load(done) { setImmediate(function () { this.http.get('/c').then(done); }); }\n}\nclass Static {\n  static http = axios.create({ timeout: 1000 });\n  constructor() { this.http = 'unused'; }\n  static load() { return this.http.get('/d'); }\n}\nmodule.exports = { Twice, Options, Inner, Static };\n`,
      },
      {
        name: 'a module object whose property is assigned twice, or which Object.assign may overwrite: unknown',
        filename: 'ok.js',
        code: `var a = {};\na.http = require('axios');\na.http = require('axios').create({ timeout: 2000 });\nexports.a = () => a.http.get('/a');\nvar b = {};\nb.http = require('axios');\nObject.assign(b, require('./overrides'));\nexports.b = () => b.http.get('/b');\n`,
      },
    ],
    invalid: [
      {
        name: 'compiled class: `this.http = axios` in the constructor, reset to null on close: the request goes through the default instance',
        filename: 'api.js',
        code: `const axios = require('axios');\nclass Api {\n  constructor() {\n    this.http = axios;\n  }\n  load(id) {\n    return this.http.get(\`/items/\${id}\`);\n  }\n  close() {\n    this.http = null;\n  }\n}\nexports.Api = Api;\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 7 }],
        output: `const axios = require('axios');\n\n${HTTP}\nclass Api {\n  constructor() {\n    this.http = axios;\n  }\n  load(id) {\n    return this.http.get(\`/items/\${id}\`, { timeout: HTTP_TIMEOUT_MS });\n  }\n  close() {\n    this.http = null;\n  }\n}\nexports.Api = Api;\n`,
      },
      {
        name: "a module object's property set once after `var obj = {}`",
        filename: 'api.js',
        code: `var obj = {};\nobj.http = require('axios');\nobj.load = function (id) { return obj.http.get('/items/' + id); };\nmodule.exports = obj;\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 3 }],
        output: `${HTTP}\n\nvar obj = {};\nobj.http = require('axios');\nobj.load = function (id) { return obj.http.get('/items/' + id, { timeout: HTTP_TIMEOUT_MS }); };\nmodule.exports = obj;\n`,
      },
      {
        name: 'a field given its value lazily (`this.http ??= axios`)',
        filename: 'main.ts',
        code: `import axios, { type AxiosStatic } from 'axios';\nexport class Client {\n  private http?: AxiosStatic;\n  load(id: string) {\n    this.http ??= axios;\n    return this.http.get(\`/items/\${id}\`);\n  }\n}\n`,
        errors: [{ messageId: 'axiosNoTimeout', line: 6 }],
        output: `import axios, { type AxiosStatic } from 'axios';\n\n${HTTP}\nexport class Client {\n  private http?: AxiosStatic;\n  load(id: string) {\n    this.http ??= axios;\n    return this.http.get(\`/items/\${id}\`, { timeout: HTTP_TIMEOUT_MS });\n  }\n}\n`,
      },
    ],
  });
});

describe('no-cache-stampede: caches kept in fields', () => {
  runRuleTests('no-cache-stampede', {
    valid: [
      {
        name: 'the same Map field given a second value elsewhere: unknown',
        filename: 'users.js',
        code: `class UserService {\n  constructor(db) {\n    this.db = db;\n    this.byId = new Map();\n  }\n  use(cache) {\n    this.byId = cache;\n  }\n  async find(id) {\n    const hit = this.byId.get(id);\n    if (hit) return hit;\n    const user = await this.db.query('select * from users where id = $1', [id]);\n    this.byId.set(id, user);\n    return user;\n  }\n}\nexports.UserService = UserService;\n`,
      },
    ],
    invalid: [
      {
        name: 'compiled class: a Map made in the constructor, read and filled around an awaited query',
        filename: 'users.js',
        code: `class UserService {\n  constructor(db) {\n    this.db = db;\n    this.byId = new Map();\n  }\n  async find(id) {\n    const hit = this.byId.get(id);\n    if (hit) return hit;\n    const user = await this.db.query('select * from users where id = $1', [id]);\n    this.byId.set(id, user);\n    return user;\n  }\n}\nexports.UserService = UserService;\n`,
        errors: [{ messageId: 'stampede', line: 6 }],
        output: `// Single-flight: callers that miss the same key at the same time share one load instead of each\n// recomputing it. Per process: N instances still load up to N times (docs/rules/no-cache-stampede.md).\nconst singleFlight = (inFlight, key, load) => {\n  const pending = inFlight.get(key);\n  if (pending) return pending;\n  const started = load().finally(() => inFlight.delete(key));\n  inFlight.set(key, started);\n  return started;\n};\n\n// Loads of find in flight, by cache key (single-flight).\nconst findInFlight = new Map();\n\nclass UserService {\n  constructor(db) {\n    this.db = db;\n    this.byId = new Map();\n  }\n  async find(id) {\n    const hit = this.byId.get(id);\n    if (hit) return hit;\n    return singleFlight(findInFlight, id, async () => {\n      // Re-check: a caller that waited may find the value another caller wrote.\n      const hit = this.byId.get(id);\n      if (hit) return hit;\n      const user = await this.db.query('select * from users where id = $1', [id]);\n      this.byId.set(id, user);\n      return user;\n    });\n  }\n}\nexports.UserService = UserService;\n`,
      },
    ],
  });
});

describe('require-load-shedding: servers kept on a module object', () => {
  runRuleTests('require-load-shedding', {
    valid: [
      {
        name: 'the same server given a second value: unknown',
        filename: 'web.js',
        code: `module.exports.create = function (tlsOptions, port, server) {\n  var obj = {};\n  obj.tlsServer = require('https').createServer(tlsOptions);\n  if (server) obj.tlsServer = server;\n  obj.tlsServer.listen(port);\n  return obj;\n};\n`,
      },
    ],
    invalid: [
      {
        name: "MeshCentral's web server: app and https server kept on `obj`, then listened",
        filename: 'web.js',
        code: `module.exports.CreateWebServer = function (tlsOptions, port) {\n  var obj = {};\n  obj.express = require('express');\n  obj.app = obj.express();\n  obj.app.get('/', function (req, res) { res.send('ok'); });\n  obj.tlsServer = require('https').createServer(tlsOptions, obj.app);\n  obj.tcpServer = obj.tlsServer.listen(port);\n  return obj;\n};\n`,
        errors: [{ messageId: 'noLoadShedding', line: 7 }],
        output: null,
      },
    ],
  });
});

describe('require-timeout: options built by assignment', () => {
  runRuleTests('require-timeout', {
    valid: [
      {
        name: "a timeout assigned after `var opts = {}` (Node-RED's HTTP request node); Object.assign or a computed key may set it: unknown",
        filename: 'ok.js',
        code: `const got = require('got');\nexports.a = (url, settings) => {\n  var opts = {};\n  opts.timeout = { request: settings.httpRequestTimeout || 120000 };\n  return got(url, opts);\n};\nexports.b = (url, extra) => {\n  const opts = { method: 'GET' };\n  Object.assign(opts, extra);\n  return got(url, opts);\n};\nexports.c = (url, key, value) => {\n  const opts = { method: 'GET' };\n  opts[key] = value;\n  return got(url, opts);\n};\n`,
      },
    ],
    invalid: [
      {
        name: 'options filled property by property, none of them a timeout',
        filename: 'send.js',
        code: `const got = require('got');\nfunction send(url, settings) {\n  var opts = {};\n  opts.method = 'POST';\n  opts.retry = { limit: 0 };\n  return got(url, opts);\n}\nmodule.exports = { send };\n`,
        errors: [{ messageId: 'clientNoTimeout', line: 6 }],
        output: `const got = require('got');\n\n${HTTP}\nfunction send(url, settings) {\n  var opts = {};\n  opts.method = 'POST';\n  opts.retry = { limit: 0 };\n  return got(url, { ...opts, timeout: { request: HTTP_TIMEOUT_MS } });\n}\nmodule.exports = { send };\n`,
      },
    ],
  });
});
