import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The four base grammars Goodput's injection targets, keyed by scope name. */
export const baseGrammars = {
  'source.ts': 'typescript.json',
  'source.tsx': 'tsx.json',
  'source.js': 'javascript.json',
  'source.js.jsx': 'jsx.json',
} as const;
export type BaseScope = keyof typeof baseGrammars;

interface ContributedGrammar {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

// Injections are wired from the real manifest, so a wrong `injectTo` or `path` fails these tests
// the same way it would silently fail in the editor.
function contributedGrammars(): ContributedGrammar[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return manifest.contributes.grammars;
}

function grammarFile(scopeName: string): string | undefined {
  if (scopeName in baseGrammars) {
    return join(root, 'node_modules', 'tm-grammars', 'grammars', baseGrammars[scopeName as BaseScope]);
  }
  const contributed = contributedGrammars().find((g) => g.scopeName === scopeName);
  return contributed && join(root, contributed.path);
}

let registry: Promise<Registry> | undefined;

function getRegistry(): Promise<Registry> {
  registry ??= (async () => {
    await loadWASM(readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')));
    return new Registry({
      onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
      loadGrammar: async (scopeName) => {
        const file = grammarFile(scopeName);
        return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName) =>
        contributedGrammars()
          .filter((g) => g.injectTo?.includes(scopeName))
          .map((g) => g.scopeName),
    });
  })();
  return registry;
}

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

const grammars = new Map<BaseScope, Promise<IGrammar>>();

async function loadGrammar(scope: BaseScope): Promise<IGrammar> {
  let grammar = grammars.get(scope);
  if (!grammar) {
    grammar = getRegistry().then(async (r) => {
      const loaded = await r.loadGrammar(scope);
      if (!loaded) throw new Error(`grammar ${scope} did not load`);
      return loaded;
    });
    grammars.set(scope, grammar);
  }
  return grammar;
}

/** Tokenizes `source` line by line, carrying the rule stack as an editor does. */
export async function tokenize(source: string, scope: BaseScope): Promise<Token[]> {
  const grammar = await loadGrammar(scope);
  const tokens: Token[] = [];
  let state: StateStack = INITIAL;
  source.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const t of result.tokens) {
      const text = lineText.slice(t.startIndex, t.endIndex);
      if (text !== '') tokens.push({ line, text, scopes: t.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

const goodputSuffix = '.goodput';

/**
 * The tokens that carry a Goodput scope, as `[text, innermost goodput scope]`, skipping the
 * `meta.directive.goodput` wrapper so the assertions read like the directive itself.
 */
export async function directiveTokens(source: string, scope: BaseScope): Promise<[string, string][]> {
  const result: [string, string][] = [];
  for (const token of await tokenize(source, scope)) {
    const own = token.scopes.filter((s) => s.endsWith(goodputSuffix) && !s.startsWith('meta.'));
    if (own.length > 0) result.push([token.text, own[own.length - 1]!]);
  }
  return result;
}

/** Every token that has any Goodput scope at all, including the meta wrapper. */
export async function anyGoodputScope(source: string, scope: BaseScope): Promise<Token[]> {
  return (await tokenize(source, scope)).filter((t) => t.scopes.some((s) => s.endsWith(goodputSuffix)));
}
