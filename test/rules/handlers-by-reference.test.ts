import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// Failure handlers handed over by reference rather than written in the call
// (handler-registrations.ts): a declared function or a `const` registered with
// `.on('close', onClose)`, and Node-RED's websocket node, which assigns its error handler to the
// socket (`socket.nrErrorHandler = function …`) and then registers `socket.nrErrorHandler`.

const NET = "import net from 'node:net';";

describe('no-fixed-interval-retry: failure handlers registered by reference', () => {
  runRuleTests('no-fixed-interval-retry', {
    valid: [
      {
        name: "a named function registered for 'data', not for a failure",
        code: `${NET}\nfunction onData(): void { setTimeout(connect, 1000); }\nexport function connect(): void {\n  const socket = net.connect(6379, 'cache');\n  socket.on('data', onData);\n}\n`,
      },
      {
        name: 'a handler held in a let (it may be replaced before it runs)',
        code: `${NET}\nlet onClose = (): void => { setTimeout(connect, 1000); };\nexport function connect(): void {\n  const socket = net.connect(6379, 'cache');\n  socket.on('close', onClose);\n}\nexport const quiet = () => { onClose = () => undefined; };\n`,
      },
      {
        name: 'the registered name is a local of another function, not the function that re-arms',
        code: `${NET}\nfunction onClose(): void { setTimeout(connect, 1000); }\nexport function connect(): void {\n  const onClose = (): void => console.log('closed');\n  const socket = net.connect(6379, 'cache');\n  socket.on('close', onClose);\n}\nexport const unused = onClose;\n`,
      },
      {
        name: 'a member assigned in one function and registered in another',
        filename: 'node.js',
        code: `const net = require('net');\nfunction setup(socket) { socket.onFailure = function () { setTimeout(connect, 3000); }; }\nfunction connect() {\n  const socket = net.connect(1883, 'broker');\n  setup(socket);\n  socket.on('error', socket.onFailure);\n}\nconnect();\n`,
      },
    ],
    invalid: [
      {
        name: "a declared function registered for 'close' re-arms the connecting function",
        code: `${NET}\nfunction onClose(): void {\n  setTimeout(connect, 1000);\n}\nexport function connect(): void {\n  const socket = net.connect(6379, 'cache');\n  socket.on('close', onClose);\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: null,
      },
      {
        name: "a const arrow function registered with once('error')",
        code: `${NET}\nexport function connect(): void {\n  const onError = (): void => { setTimeout(connect, 2000); };\n  const socket = net.connect(6379, 'cache');\n  socket.once('error', onError);\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: null,
      },
      {
        name: "Node-RED's websocket node: the error handler assigned to the socket, then registered as socket.nrErrorHandler",
        filename: 'ws-node.js',
        code: `const net = require('net');\nmodule.exports = function (node) {\n  function startconn() {\n    const socket = net.connect(node.port, node.host);\n    socket.nrErrorHandler = function (err) {\n      node.error(err);\n      node.tout = setTimeout(function () { startconn(); }, 3000);\n    };\n    socket.on('error', socket.nrErrorHandler);\n  }\n  startconn();\n};\n`,
        errors: [{ messageId: 'fixedInterval', line: 7 }],
        output: null,
      },
      {
        name: "a declared function handed to a promise's catch",
        code: `declare function get(): Promise<string>;\nfunction retryLater(): void {\n  setTimeout(load, 500);\n}\nexport function load(): void {\n  get().then(console.log).catch(retryLater);\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: null,
      },
    ],
  });
});
