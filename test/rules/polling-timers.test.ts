import { describe } from 'node:test';
import { runRuleTests } from '../helpers/rule-tester';

// A task that re-arms its timer after a success as well as after a failure, no sooner, is polling:
// its failures add no calls (see polling-timers.ts). Coming back sooner after a failure than after
// a success is a retry, and is reported.

const SWEEP = `declare function sweep(): Promise<void>;\n`;

// graphile-worker's periodic reset of locked jobs: a delay computed at run time (so no fixed
// interval to report), the same on both paths, without an attempt cap: polling, not a retry.
const GRAPHILE = `${SWEEP}declare function nextDelay(): number;\nexport const run = (): void => {\n  sweep().then(() => {\n    const delay = nextDelay();\n    setTimeout(run, delay);\n  }, () => {\n    const delay = nextDelay();\n    setTimeout(run, delay);\n  });\n};\n`;

describe('no-unbounded-retry: polling timers', () => {
  runRuleTests('no-unbounded-retry', {
    valid: [{ name: 'the same delay variable on both paths (graphile-worker)', code: GRAPHILE }],
    invalid: [
      {
        name: 'the same, with a success path that does not re-arm: retried forever after each failure',
        code: GRAPHILE.replace('    setTimeout(run, delay);\n  }, () => {', '    console.log(delay);\n  }, () => {'),
        errors: [{ messageId: 'unbounded', line: 9 }],
        output: null,
      },
    ],
  });
});

describe('no-fixed-interval-retry: polling timers', () => {
  runRuleTests('no-fixed-interval-retry', {
    valid: [
      {
        name: 'a try that re-arms after its work, a catch that re-arms with the same delay',
        code: `${SWEEP}export async function run(): Promise<void> {\n  try {\n    await sweep();\n    setTimeout(run, 60000);\n  } catch (err) {\n    console.error(err);\n    setTimeout(run, 60000);\n  }\n}\n`,
      },
      {
        name: 'a catch that waits longer than the success path',
        code: `${SWEEP}export async function run(): Promise<void> {\n  try {\n    await sweep();\n    setTimeout(run, 1000);\n  } catch {\n    setTimeout(run, 30000);\n  }\n}\n`,
      },
      {
        name: '.then(…).catch(…) re-arming the same way on both paths',
        code: `${SWEEP}export function run(): void {\n  sweep().then(() => setTimeout(run, 60000)).catch(() => setTimeout(run, 60000));\n}\n`,
      },
    ],
    invalid: [
      {
        name: 'a catch that comes back sixty times sooner than the success path',
        code: `${SWEEP}export async function run(): Promise<void> {\n  try {\n    await sweep();\n    setTimeout(run, 60000);\n  } catch {\n    setTimeout(run, 1000);\n  }\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 7 }],
        output: null,
      },
      {
        name: 'a success path that re-arms another task',
        code: `${SWEEP}declare function report(): void;\nexport function run(): void {\n  sweep().then(() => setTimeout(report, 1000), () => setTimeout(run, 1000));\n}\n`,
        errors: [{ messageId: 'fixedInterval', line: 4 }],
        output: null,
      },
    ],
  });
});
