import type { RuleDefinition } from '../rule';
import noUnboundedConcurrency from './no-unbounded-concurrency';
import noUnboundedPool from './no-unbounded-pool';
import noUnboundedQueue from './no-unbounded-queue';
import requireLoadShedding from './require-load-shedding';

// The pool family: connections, waits and fan-out without bounds.
export const poolRules: readonly RuleDefinition[] = [
  noUnboundedPool as unknown as RuleDefinition,
  noUnboundedQueue as unknown as RuleDefinition,
  noUnboundedConcurrency as unknown as RuleDefinition,
  requireLoadShedding as unknown as RuleDefinition,
];
