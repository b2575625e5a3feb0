import type { RuleDefinition } from '../rule';

// The cache family: cache-aside without single-flight, synchronised expiry.
export const cacheRules: readonly RuleDefinition[] = [];
