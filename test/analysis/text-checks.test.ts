import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mayHoldIntervalRetry,
  mayHoldSuspendingTry,
  mayHoldTimerRetry,
} from '../../server/src/analysis/libraries/retry-text';
import { mayHoldAwaitedMap, mayHoldPromiseFanOut } from '../../server/src/analysis/libraries/fan-out-text';
import { mayNameGlobalFetch } from '../../server/src/analysis/libraries/fetch';

// The per-file text checks decide which files are parsed at all: what they let through is tested
// through the rules (test/rules/per-file-text-checks.test.ts); here, what they turn away — the
// code that made them let most of the benchmark corpus through before (session notes of issue 11).

const cases = (check: (text: string) => boolean, through: string[], away: string[]) => {
  for (const text of through) assert.equal(check(text), true, `should let through:\n${text}`);
  for (const text of away) assert.equal(check(text), false, `should turn away:\n${text}`);
};

describe('per-file text checks', () => {
  test('a try that may suspend: an await or yield between a try and a catch clause', () => {
    cases(
      mayHoldSuspendingTry,
      [
        'try { await load(); } catch (e) {}',
        'try { yield next(); } catch {}',
        'try { for await (const x of xs) f(x); }\ncatch (e) {}',
      ],
      [
        'await load();\ntry { parse(); } catch (e) {}', // the await is outside the try
        'try { parse(); } catch (e) {}\nawait load();',
        'await load().catch(() => undefined);', // a promise's catch is no catch clause
        'try { await load(); } finally { done(); }', // no catch at all
      ],
    );
  });

  test('a timer retry: setTimeout and a failure handler', () => {
    cases(
      mayHoldTimerRetry,
      [
        "socket.on('close', () => setTimeout(connect, 1000));",
        'connect().catch(() => setTimeout(connect, 1000));',
        'connect().then(ok, () => setTimeout(connect, 1000));',
        'try { await connect(); } catch { setTimeout(connect, 1000); }',
      ],
      ["setTimeout(flush, 1000);\nsocket.on('data', onData);", "socket.on('close', cleanup);"],
    );
  });

  test('an interval retry: setInterval, clearInterval and a catch clause', () => {
    cases(
      mayHoldIntervalRetry,
      ['const t = setInterval(() => { try { f(); clearInterval(t); } catch {} }, 1000);'],
      [
        'const t = setInterval(tick, 1000);\nclearInterval(t);',
        'setInterval(() => f().catch(log), 1000); clearInterval(t);',
      ],
    );
  });

  test('a Promise fan-out: a combinator in code over a mapping or pushed promises', () => {
    cases(
      mayHoldPromiseFanOut,
      [
        'await Promise.all(xs.map(f));',
        'jobs.push(f(x));\nawait Promise.race(jobs);',
        'await Promise.any(Array.from(xs, f));',
      ],
      [
        'await Promise.all([a(), b()]);',
        '// Promise.all(xs.map(f)) would start them all at once\nconst ys = xs.map(f);',
      ],
    );
  });

  test('an awaited map: for await, or a for-of whose element is awaited by name', () => {
    cases(
      mayHoldAwaitedMap,
      [
        'for (const job of rows.map(save)) await job;',
        'const jobs = rows.map(save);\nfor (const $job of jobs) await ($job as Promise<void>);',
        'for await (const r of rows.map(save)) log(r);',
      ],
      [
        'const ids = rows.map((r) => r.id);\nfor (const id of ids) await save(id);',
        'for (const job of rows.map(save)) log(job);\nawait done;',
      ],
    );
  });

  test('a reference to global fetch: the word in code, not a comment line or another object’s member', () => {
    cases(
      mayNameGlobalFetch,
      [
        'await fetch(url);',
        'const f = options.fetch ?? fetch;',
        'await globalThis.fetch(url);',
        '/* c8 ignore next */ fetch(url);',
      ],
      [
        'await consumer.fetch();',
        '// fetch the rows\nconst rows = load();',
        ' * fetch(url) is not called here',
        'const prefetch = fetchRows();',
      ],
    );
  });
});
