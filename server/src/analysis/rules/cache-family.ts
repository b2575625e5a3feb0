import type { RuleDefinition } from '../rule';
import noCacheStampede from './no-cache-stampede';
import requireTtlJitter from './require-ttl-jitter';

// The cache family: cache-aside without single-flight, synchronised expiry.
export const cacheRules: readonly RuleDefinition[] = [
  noCacheStampede as unknown as RuleDefinition,
  requireTtlJitter as unknown as RuleDefinition,
];
