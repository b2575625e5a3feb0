import type { ModelDefinition } from './model';
import { backoffContentionModel } from './models/backoff-contention';
import { queueModel } from './models/queue';
import { retryStormModel } from './models/retry-storm';

/** Every model, in the order listModels() shows them. */
export const MODELS: readonly ModelDefinition[] = [queueModel, retryStormModel, backoffContentionModel];
