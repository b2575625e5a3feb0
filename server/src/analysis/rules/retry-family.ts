import type { RuleDefinition } from '../rule';

// The retry family: retries in lockstep, without jitter, without a cap, multiplied across layers.
export const retryRules: readonly RuleDefinition[] = [];
