import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { Analyzer } from '../server/src/analysis';
import type { CorpusFile } from './corpus';

// Goodput vs. ESLint + typescript-eslint's parser running five AST-only rules (no type
// information), on the same in-memory files: the cost a team already pays for linting.

const FIVE_AST_RULES = {
  'no-debugger': 'error',
  'no-empty': 'error',
  eqeqeq: 'error',
  'no-var': 'error',
  'no-constant-condition': 'error',
} as const;

export async function eslintMs(files: readonly CorpusFile[]): Promise<number> {
  const eslint = new ESLint({
    overrideConfigFile: true,
    cwd: '/',
    overrideConfig: [
      { ignores: ['!**/node_modules/'] }, // the corpus lives in node_modules, which ESLint skips by default
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        languageOptions: { parser: tseslint.parser, sourceType: 'module' },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules: FIVE_AST_RULES,
      },
    ],
  });
  const started = performance.now();
  for (const file of files) await eslint.lintText(file.text, { filePath: file.fileName, warnIgnored: false });
  return performance.now() - started;
}

export function goodputMs(files: readonly CorpusFile[]): number {
  const started = performance.now();
  const analyzer = new Analyzer({ rootDir: '/' });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  for (const file of files) analyzer.analyzeFile(file.fileName);
  return performance.now() - started;
}
