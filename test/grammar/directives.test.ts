import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anyGoodputScope, baseGrammars, directiveTokens, tokenize, type BaseScope } from './tokenize';

const allScopes = Object.keys(baseGrammars) as BaseScope[];
const jsxScopes: BaseScope[] = ['source.tsx', 'source.js.jsx'];

const KEYWORD = 'keyword.control.directive.goodput';
const RULE = 'entity.name.tag.rule.goodput';
const COMMA = 'punctuation.separator.comma.goodput';
const SEPARATOR = 'punctuation.separator.goodput';
const REASON = 'comment.reason.goodput';

/** Asserts that no token of `source` carries a Goodput scope, naming the offending text if one does. */
async function assertNoDirective(source: string, scopes: readonly BaseScope[] = allScopes): Promise<void> {
  for (const scope of scopes) {
    const leaked = (await anyGoodputScope(source, scope)).map((t) => `${t.text} (${t.scopes.join(' ')})`);
    assert.deepEqual(leaked, [], `${scope}: ${source}`);
  }
}

describe('directive comments in TypeScript', () => {
  test('next-line directive with a rule and a reason', async () => {
    assert.deepEqual(await directiveTokens('// goodput-ignore-next-line require-timeout -- reason text', 'source.ts'), [
      ['goodput-ignore-next-line', KEYWORD],
      ['require-timeout', RULE],
      ['--', SEPARATOR],
      ['reason text', REASON],
    ]);
  });

  test('every directive token stays inside the comment scope', async () => {
    const tokens = await tokenize('// goodput-ignore-next-line require-timeout -- reason text', 'source.ts');
    for (const token of tokens) assert.ok(token.scopes.includes('comment.line.double-slash.ts'), token.text);
  });

  test('same-line directive after code, with several rules', async () => {
    const source = 'await fetch(url); // goodput-ignore require-timeout, no-unbounded-pool -- partner is slow';
    assert.deepEqual(await directiveTokens(source, 'source.ts'), [
      ['goodput-ignore', KEYWORD],
      ['require-timeout', RULE],
      [',', COMMA],
      ['no-unbounded-pool', RULE],
      ['--', SEPARATOR],
      ['partner is slow', REASON],
    ]);
    const fetchToken = (await tokenize(source, 'source.ts')).find((t) => t.text === 'fetch');
    assert.ok(fetchToken?.scopes.includes('entity.name.function.ts'), 'the code before the comment is untouched');
  });

  test('file-level directive in a block comment hands `*/` back to the base grammar', async () => {
    const source = '/* goodput-ignore-file require-timeout */ const x = 1;';
    assert.deepEqual(await directiveTokens(source, 'source.ts'), [
      ['goodput-ignore-file', KEYWORD],
      ['require-timeout', RULE],
    ]);
    const tokens = await tokenize(source, 'source.ts');
    const close = tokens.find((t) => t.text === '*/');
    assert.deepEqual(close?.scopes.slice(1), ['comment.block.ts', 'punctuation.definition.comment.ts']);
    const constToken = tokens.find((t) => t.text === 'const');
    assert.ok(constToken && !constToken.scopes.some((s) => s.startsWith('comment')), 'code after `*/` is code');
  });

  test('the reason of a block directive stops before `*/`', async () => {
    assert.deepEqual(await directiveTokens('/* goodput-ignore-file require-timeout -- legacy module */', 'source.ts'), [
      ['goodput-ignore-file', KEYWORD],
      ['require-timeout', RULE],
      ['--', SEPARATOR],
      ['legacy module', REASON],
    ]);
  });

  test('file-level directive in a line comment', async () => {
    assert.deepEqual(
      await directiveTokens('// goodput-ignore-file no-cache-stampede, require-ttl-jitter', 'source.ts'),
      [
        ['goodput-ignore-file', KEYWORD],
        ['no-cache-stampede', RULE],
        [',', COMMA],
        ['require-ttl-jitter', RULE],
      ],
    );
  });

  test('the rule list is optional, with or without a reason', async () => {
    assert.deepEqual(await directiveTokens('// goodput-ignore-next-line', 'source.ts'), [
      ['goodput-ignore-next-line', KEYWORD],
    ]);
    assert.deepEqual(await directiveTokens('/* goodput-ignore-file */', 'source.ts'), [
      ['goodput-ignore-file', KEYWORD],
    ]);
    assert.deepEqual(await directiveTokens('// goodput-ignore -- generated code', 'source.ts'), [
      ['goodput-ignore', KEYWORD],
      ['--', SEPARATOR],
      ['generated code', REASON],
    ]);
  });

  test('no space is needed after the comment opener', async () => {
    assert.deepEqual(await directiveTokens('//goodput-ignore require-timeout', 'source.ts'), [
      ['goodput-ignore', KEYWORD],
      ['require-timeout', RULE],
    ]);
  });

  test('words after `--` are reason, even when they look like rule ids', async () => {
    assert.deepEqual(
      await directiveTokens('// goodput-ignore require-timeout -- see no-unbounded-pool -- later', 'source.ts'),
      [
        ['goodput-ignore', KEYWORD],
        ['require-timeout', RULE],
        ['--', SEPARATOR],
        ['see no-unbounded-pool -- later', REASON],
      ],
    );
  });

  test('text that is not a kebab-case rule id stays plain comment', async () => {
    assert.deepEqual(await directiveTokens('// goodput-ignore Require_Timeout, require-timeout', 'source.ts'), [
      ['goodput-ignore', KEYWORD],
      [',', COMMA],
      ['require-timeout', RULE],
    ]);
  });

  test('a directive does not leak into the next line', async () => {
    const source = '// goodput-ignore-next-line require-timeout -- reason\nawait fetch(url); // ok\n';
    const secondLine = (await tokenize(source, 'source.ts')).filter((t) => t.line === 1);
    assert.ok(secondLine.length > 0);
    assert.ok(secondLine.every((t) => !t.scopes.some((s) => s.endsWith('.goodput'))));
  });
});

describe('directive comments in the other base grammars', () => {
  test('JavaScript: line and block comments', async () => {
    assert.deepEqual(
      await directiveTokens('http.get(url); // goodput-ignore require-timeout -- internal host', 'source.js'),
      [
        ['goodput-ignore', KEYWORD],
        ['require-timeout', RULE],
        ['--', SEPARATOR],
        ['internal host', REASON],
      ],
    );
    assert.deepEqual(await directiveTokens('/* goodput-ignore-file no-unbounded-pool */', 'source.js'), [
      ['goodput-ignore-file', KEYWORD],
      ['no-unbounded-pool', RULE],
    ]);
  });

  for (const scope of jsxScopes) {
    test(`${scope}: line comment and a block comment inside a JSX expression`, async () => {
      assert.deepEqual(await directiveTokens('// goodput-ignore-next-line require-timeout -- demo', scope), [
        ['goodput-ignore-next-line', KEYWORD],
        ['require-timeout', RULE],
        ['--', SEPARATOR],
        ['demo', REASON],
      ]);
      const jsx = 'const view = <div>{/* goodput-ignore-next-line no-unbounded-concurrency, require-timeout */}</div>;';
      assert.deepEqual(await directiveTokens(jsx, scope), [
        ['goodput-ignore-next-line', KEYWORD],
        ['no-unbounded-concurrency', RULE],
        [',', COMMA],
        ['require-timeout', RULE],
      ]);
    });
  }
});

describe('text that is not a directive', () => {
  test('string literals', async () => {
    await assertNoDirective('const s = "// goodput-ignore require-timeout -- reason";');
    await assertNoDirective("const s = 'goodput-ignore-next-line require-timeout';");
    await assertNoDirective("const s = '/* goodput-ignore-file */';");
  });

  test('template literals', async () => {
    await assertNoDirective('const t = `// goodput-ignore require-timeout -- ${reason}`;');
    await assertNoDirective('const t = `\n/* goodput-ignore-file require-timeout */\n// goodput-ignore-next-line\n`;');
  });

  test('regular expression literals', async () => {
    await assertNoDirective('const r = /goodput-ignore require-timeout/;');
    await assertNoDirective('const r = /\\/\\/ goodput-ignore-next-line/g;');
  });

  test('identifier-like code', async () => {
    await assertNoDirective('const x = goodput-ignore-next-line;');
    await assertNoDirective('const delta = goodput-ignore - 1;\nlet y = goodput-ignore-file\n');
    await assertNoDirective('goodput - ignore(require - timeout);');
    await assertNoDirective('const y = config.goodput.ignore;');
  });

  test('comments without a directive', async () => {
    await assertNoDirective('// just a comment about require-timeout -- nothing to see');
    await assertNoDirective('/* require-timeout, no-unbounded-pool */');
    await assertNoDirective('await fetch(url); // TODO add a timeout');
  });

  test('a directive word that does not start the comment', async () => {
    await assertNoDirective('// see goodput-ignore-next-line in the docs');
    await assertNoDirective('/* TODO: goodput-ignore-file require-timeout */');
  });

  test('look-alike keywords', async () => {
    await assertNoDirective('// goodput-ignored require-timeout');
    await assertNoDirective('// goodput-ignore-lines require-timeout');
    await assertNoDirective('/* goodput-ignore-next-line-please */');
    await assertNoDirective('// goodput-ignore: require-timeout');
  });

  test('JSDoc blocks and triple-slash comments are not directives', async () => {
    await assertNoDirective('/** goodput-ignore-file require-timeout */');
    await assertNoDirective('/// goodput-ignore require-timeout');
  });

  test('JSX text that looks like a comment', async () => {
    await assertNoDirective('const view = <p>// goodput-ignore require-timeout -- reason</p>;', jsxScopes);
  });
});

describe('manifest wiring', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const grammar = JSON.parse(readFileSync(join(root, 'syntaxes', 'goodput-directives.tmLanguage.json'), 'utf8'));

  test('the contributed injection targets exactly the four base grammars', () => {
    const entry = manifest.contributes.grammars.find((g: { path: string }) =>
      g.path.endsWith('goodput-directives.tmLanguage.json'),
    );
    assert.equal(entry?.scopeName, grammar.scopeName);
    assert.deepEqual([...entry.injectTo].sort(), [...allScopes].sort());
  });
});
