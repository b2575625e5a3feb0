import type { RuleDefinition } from '../rule';
import noFixedIntervalRetry from './no-fixed-interval-retry';
import noRetryAmplification from './no-retry-amplification';
import noUnboundedRetry from './no-unbounded-retry';
import requireRetryJitter from './require-retry-jitter';

// The retry family: retries in lockstep, without jitter, without a cap, multiplied across layers.
export const retryRules: readonly RuleDefinition[] = [
  noFixedIntervalRetry,
  requireRetryJitter,
  noUnboundedRetry,
  noRetryAmplification,
] as unknown as readonly RuleDefinition[];
