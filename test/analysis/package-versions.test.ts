import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzerWith } from '../helpers/rule-tester';
import { majorOfRange } from '../../server/src/analysis/package-versions';

describe('package versions', () => {
  test('the lockfile beats the package.json range', () => {
    const analyzer = analyzerWith({
      '/repo/package.json': JSON.stringify({ dependencies: { ioredis: '^5.0.0' } }),
      '/repo/package-lock.json': JSON.stringify({ packages: { 'node_modules/ioredis': { version: '6.0.1' } } }),
    });
    assert.equal(analyzer.packageMajor('/repo/src/cache.ts', 'ioredis'), 6);
  });

  test('pnpm and yarn lockfiles', () => {
    const pnpm = analyzerWith({
      '/repo/package.json': '{}',
      '/repo/pnpm-lock.yaml': "importers:\n  .:\n    dependencies:\n      redis:\n        specifier: ^4.6.0\n        version: 4.7.1\n",
    });
    assert.equal(pnpm.packageMajor('/repo/a.ts', 'redis'), 4);
    const yarn = analyzerWith({
      '/repo/package.json': '{}',
      '/repo/yarn.lock': '"node-fetch@^2.6.1":\n  version "2.7.0"\n  resolved "x"\n',
    });
    assert.equal(yarn.packageMajor('/repo/a.ts', 'node-fetch'), 2);
  });

  test('lockfiles with CRLF line ends, the pnpm v5 key form, and blank lines that must not join two entries', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const pnpm = analyzerWith({
      '/repo/package.json': '{}',
      '/repo/pnpm-lock.yaml': crlf("importers:\n  .:\n    dependencies:\n      redis:\n        specifier: ^4.6.0\n        version: 4.7.1\n"),
    });
    assert.equal(pnpm.packageMajor('/repo/a.ts', 'redis'), 4);
    const v5 = analyzerWith({ '/repo/package.json': '{}', '/repo/pnpm-lock.yaml': 'packages:\n\n  /ioredis/5.3.2:\n    resolution: x\n' });
    assert.equal(v5.packageMajor('/repo/a.ts', 'ioredis'), 5);
    const yarn = analyzerWith({ '/repo/package.json': '{}', '/repo/yarn.lock': crlf('"node-fetch@^2.6.1":\n  version "2.7.0"\n') });
    assert.equal(yarn.packageMajor('/repo/a.ts', 'node-fetch'), 2);
    // An entry's version is on the line after it: a blank line between is another entry's end.
    const split = analyzerWith({ '/repo/package.json': '{}', '/repo/yarn.lock': '"node-fetch@^2.6.1":\n\n  version "2.7.0"\n' });
    assert.equal(split.packageMajor('/repo/a.ts', 'node-fetch'), undefined);
  });

  test('the nearest package.json in a monorepo wins; unknown packages are undefined', () => {
    const analyzer = analyzerWith({
      '/repo/package.json': JSON.stringify({ workspaces: ['packages/*'], devDependencies: { redis: '5.1.0' } }),
      '/repo/packages/api/package.json': JSON.stringify({ dependencies: { redis: '~6.2.0' } }),
    });
    assert.equal(analyzer.packageMajor('/repo/packages/api/src/x.ts', 'redis'), 6);
    assert.equal(analyzer.packageMajor('/repo/packages/web/src/x.ts', 'redis'), 5);
    assert.equal(analyzer.packageMajor('/repo/src/x.ts', 'left-pad'), undefined);
  });

  test('ranges', () => {
    assert.equal(majorOfRange('^5.2.0'), 5);
    assert.equal(majorOfRange('~6.0'), 6);
    assert.equal(majorOfRange('>=4 <6'), 4);
    assert.equal(majorOfRange('5.x'), 5);
    assert.equal(majorOfRange('npm:ioredis@5.3.0'), 5);
    assert.equal(majorOfRange('latest'), undefined);
  });
});
