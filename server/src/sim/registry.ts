import type { ModelDefinition } from './model';
import { queueModel } from './models/queue';

/** Every model, in the order listModels() shows them. */
export const MODELS: readonly ModelDefinition[] = [queueModel];
