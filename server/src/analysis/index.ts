// The analysis core's public face, used by the language server and the CLI.
export { Analyzer, type AnalyzerOptions } from './analyzer';
export { allRules, ruleById } from './rules';
export * from './config';
export * from './types';
export type { RuleDefinition, RuleMeta, OptionSpec } from './rule';
export { ruleDocsUrl } from './docs-url';
