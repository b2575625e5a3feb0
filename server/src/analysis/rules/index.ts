import type { RuleDefinition } from '../rule';
import requireTimeout from './require-timeout';

// Every rule Goodput ships. A rule's id equals its file name, its doc page and its test file.
export const allRules: readonly RuleDefinition[] = [requireTimeout as unknown as RuleDefinition];

export function ruleById(id: string): RuleDefinition | undefined {
  return allRules.find((rule) => rule.id === id);
}
