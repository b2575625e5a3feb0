import { SimulationInputError } from './errors';
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

export function findModel(id: string): ModelDefinition {
  const model = MODELS.find((m) => m.id === id);
  if (model === undefined) {
    const ids = MODELS.map((m) => m.id);
    throw new SimulationInputError(`unknown model "${id}"; valid models: ${ids.join(', ')}`, ids);
  }
  return model;
}
