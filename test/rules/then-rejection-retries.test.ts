import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// The rejection callback of `.then(onFulfilled, onRejected)` is a failure handler like `.catch`'s:
// a timer there that calls its own function again is a retry. A task that re-arms the same timer in
// both callbacks is polling (graphile-worker's periodic reset of locked jobs): its failures add no
// calls, and it is left alone, as polling on the success path alone always was.

const CLIENT = `declare const client: { connect(): Promise<void> };\n`;

describe('no-fixed-interval-retry: the rejection callback of then', () => {
  runRuleTests('no-fixed-interval-retry', {
    valid: [
      {
        name: 'polling: the same timer re-armed whether the call succeeded or failed',
        code: `declare function sweep(): Promise<void>;\nexport function run(): void {\n  sweep().then(() => { setTimeout(run, 60000); }, (err) => { console.error(err); setTimeout(run, 60000); });\n}\n`,
      },
      {
        name: 'polling on the success path only',
        code: `declare function sweep(): Promise<void>;\nexport function run(): void {\n  sweep().then(() => setTimeout(run, 60000));\n}\n`,
      },
      {
        name: 'a rejection callback that logs and gives up',
        code: `${CLIENT}export function connect(): void {\n  client.connect().then(() => console.log('up'), (err) => console.error(err));\n}\n`,
      },
    ],
    invalid: [
      {
        name: 'a reconnect timer in the rejection callback',
        code: `${CLIENT}export function connect(): void {\n  client.connect().then(() => console.log('up'), () => setTimeout(connect, 5000));\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 3 }],
        output: null,
      },
      {
        name: 'a rejection callback with a body that re-arms through an arrow',
        code: `${CLIENT}export function connect(): void {\n  client.connect().then(\n    () => console.log('up'),\n    (err) => {\n      console.error(err);\n      setTimeout(() => connect(), 5000);\n    },\n  );\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 7 }],
        output: null,
      },
    ],
  });
});
