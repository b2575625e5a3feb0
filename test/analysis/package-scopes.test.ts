import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzerWith } from '../helpers/rule-tester';
import { AnalysisDependencies } from '../../server/src/analysis/analysis-dependencies';
import { appliesTo } from '../../server/src/analysis/package-scopes';
import { startsWithUseClient } from '../../server/src/analysis/libraries/browser-code';

const MIDDLEWARE = `export function withSignal(req: any, res: any, next: () => void) {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  req.signal = controller.signal;
  next();
}
`;
const HANDLER = `import type { Request, Response } from 'express';
export async function list(req: Request, res: Response) {
  res.json(await fetch('https://x', { signal: AbortSignal.timeout(500) }));
}
`;

describe('package scopes', () => {
  test('the nearest package.json names the package, its dependencies from every field', () => {
    const analyzer = analyzerWith({
      '/repo/package.json': JSON.stringify({ name: 'root', workspaces: ['services/*'] }),
      '/repo/services/api/package.json': JSON.stringify({
        name: 'api',
        dependencies: { express: '^5.1.0' },
        devDependencies: { '@acme/http-kit': 'workspace:*' },
      }),
    });
    const api = analyzer.packageOf('/repo/services/api/src/routes/list.ts')!;
    assert.equal(api.dir, '/repo/services/api');
    assert.equal(api.name, 'api');
    assert.deepEqual([...api.dependencies].sort(), ['@acme/http-kit', 'express']);
    assert.equal(analyzer.packageOf('/repo/scripts/seed.ts')!.dir, '/repo');
    assert.equal(analyzerWith({}).packageOf('/repo/a.ts'), undefined);
  });

  test('a package.json being edited still marks its package', () => {
    const analyzer = analyzerWith({ '/repo/services/api/package.json': '{ "name": "api", ' });
    const api = analyzer.packageOf('/repo/services/api/a.ts')!;
    assert.equal(api.dir, '/repo/services/api');
    assert.equal(api.name, undefined);
    assert.equal(api.dependencies.size, 0);
  });

  test('what a package sets up applies to itself and to the packages that depend on it by name', () => {
    const kit = { dir: '/repo/packages/kit', name: '@acme/kit', dependencies: new Set<string>() };
    const api = { dir: '/repo/services/api', name: 'api', dependencies: new Set(['@acme/kit']) };
    const web = { dir: '/repo/services/web', name: 'web', dependencies: new Set(['express']) };
    assert.ok(appliesTo(kit, kit));
    assert.ok(appliesTo(kit, api));
    assert.ok(!appliesTo(kit, web));
    assert.ok(!appliesTo(api, kit), 'a dependency does not run its dependants’ middleware');
    assert.ok(appliesTo(undefined, undefined), 'a workspace without package.json is one package');
    assert.ok(!appliesTo(undefined, api));
  });

  test('a cached result that relied on the package scope is dropped when a package.json changes', () => {
    const analyzer = analyzerWith({
      '/repo/packages/kit/package.json': JSON.stringify({ name: '@acme/kit' }),
      '/repo/packages/kit/src/signal.ts': MIDDLEWARE,
      '/repo/services/api/package.json': JSON.stringify({ name: 'api' }),
    });
    const ruleFindings = (dependencies?: AnalysisDependencies) =>
      analyzer
        .analyzeFile('/repo/services/api/src/list.ts', HANDLER, dependencies)
        .findings.filter((finding) => finding.ruleId === 'require-deadline-propagation');
    const dependencies = new AnalysisDependencies();
    assert.equal(ruleFindings(dependencies).length, 0, 'another package’s middleware');
    assert.ok(analyzer.stillHolds(dependencies));
    analyzer.setFile('/repo/services/api/package.json', JSON.stringify({ name: 'api', dependencies: { '@acme/kit': '1.0.0' } }));
    assert.ok(!analyzer.stillHolds(dependencies), 'the dependency on the middleware package changes the answer');
    assert.equal(ruleFindings().length, 1);
  });
});

describe("the 'use client' directive", () => {
  test('after whitespace and comments only', () => {
    assert.ok(startsWithUseClient(`'use client';\nexport {};`));
    assert.ok(startsWithUseClient(`\uFEFF// Items list\n/* licence\n * MIT */\n"use client"\nexport {};`));
    assert.ok(!startsWithUseClient(`import x from 'y';\n'use client';`));
    assert.ok(!startsWithUseClient(`const note = 'use client';`));
    assert.ok(!startsWithUseClient(`/* a comment that never ends 'use client'`));
    assert.ok(!startsWithUseClient(`// only a comment 'use client'`));
    assert.ok(!startsWithUseClient(`/* a */ f(); /* b */ 'use client'; /* c */`));
    // Many comments before code: a comment-skipping RegExp backtracked exponentially here
    // (parse-server's Options/docs.js, all JSDoc, took 205 s).
    assert.ok(!startsWithUseClient(`${'/** option */\n'.repeat(60)}module.exports = {}; /* end */`));
  });
});
