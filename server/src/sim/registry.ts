import type { ModelDefinition } from './model';
import { backoffContentionModel } from './models/backoff-contention';
import { cacheStampedeModel } from './models/cache-stampede';
import { missingTimeoutModel } from './models/missing-timeout';
import { poolExhaustionModel } from './models/pool-exhaustion';
import { queueModel } from './models/queue';
import { retryStormModel } from './models/retry-storm';

/** Every model, in the order listModels() shows them. */
export const MODELS: readonly ModelDefinition[] = [
  queueModel,
  retryStormModel,
  poolExhaustionModel,
  missingTimeoutModel,
  cacheStampedeModel,
  backoffContentionModel,
];
