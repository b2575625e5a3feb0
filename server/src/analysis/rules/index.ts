import type { RuleDefinition } from '../rule';
import { cacheRules } from './cache-family';
import { poolRules } from './pool-family';
import { retryRules } from './retry-family';
import { timeoutRules } from './timeout-family';

// Every rule Goodput ships, by family. A rule's id equals its file name, its doc page and its
// test file; each family file lists its rules.
export const allRules: readonly RuleDefinition[] = [...retryRules, ...poolRules, ...timeoutRules, ...cacheRules];

export function ruleById(id: string): RuleDefinition | undefined {
  return allRules.find((rule) => rule.id === id);
}
