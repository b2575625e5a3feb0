import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// A timer retry re-armed from an error handler or \`.catch\` stops when it is set only under a
// comparison on a parameter of the function it re-arms — an attempt count handed from call to
// call (\`if (tries < 3) setTimeout(() => connect(tries + 1), 150)\`), also through a variable
// computed from one (\`const tries = job.tries || 0\`). Ghost's socket bootstrap and scheduler were
// reported as retrying without a cap. A flag (\`if (options.reconnect)\`) is no count.

describe('no-unbounded-retry: timer retries capped by a count', () => {
  runRuleTests('no-unbounded-retry', {
    valid: [
      {
        name: "a count handed to the re-armed function, compared with a limit (Ghost's bootstrap socket)",
        filename: 'socket.js',
        code: `const net = require('node:net');\n\nexports.connectAndSend = (address, message) => {\n  const client = new net.Socket();\n  return new Promise((resolve) => {\n    const connect = (tries) => {\n      client.connect(address.port, address.host, () => {\n        client.write(JSON.stringify(message));\n        resolve();\n      });\n      client.on('error', () => {\n        client.removeAllListeners();\n        if (tries < 3) {\n          setTimeout(() => {\n            connect(tries + 1);\n          }, 150);\n        } else {\n          resolve();\n        }\n      });\n    };\n    connect(0);\n  });\n};\n`,
      },
      {
        name: "a count read from the job into a variable, compared with a limit (Ghost's scheduler)",
        filename: 'scheduler.js',
        code: `const got = require('got');\n\nclass Scheduler {\n  retryTimeoutInMs = 5000;\n\n  pingUrl(job) {\n    const tries = job.tries || 0;\n    const maxTries = 30;\n    return got(job.url, { method: 'PUT', timeout: { request: 5000 }, retry: { limit: 0 } }).catch((err) => {\n      if (err.statusCode === 503 && tries < maxTries) {\n        setTimeout(() => {\n          job.tries = tries + 1;\n          this.pingUrl(job);\n        }, this.retryTimeoutInMs);\n        return;\n      }\n      console.error(err);\n    });\n  }\n}\nmodule.exports = Scheduler;\n`,
      },
    ],
    invalid: [
      {
        name: 'a flag is not a count: reconnects forever while it is set',
        filename: 'flag.js',
        code: `const net = require('node:net');\n\nexports.connectAndSend = (address, message) => {\n  const client = new net.Socket();\n  return new Promise((resolve) => {\n    const connect = (options) => {\n      client.connect(address.port, address.host, () => {\n        client.write(JSON.stringify(message));\n        resolve();\n      });\n      client.on('error', () => {\n        client.removeAllListeners();\n        if (options.reconnect) {\n          setTimeout(() => {\n            connect(options);\n          }, 150);\n        } else {\n          resolve();\n        }\n      });\n    };\n    connect({ reconnect: true });\n  });\n};\n`,
        errors: [{ messageId: 'unbounded', line: 14 }],
        output: null,
      },
    ],
  });
});
