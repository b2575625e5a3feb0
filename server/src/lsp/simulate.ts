import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { listModels, runModel, SimulationInputError, type ModelInfo, type SimulationResult } from '../sim';
import type { SimulateParams } from '../protocol';

// goodput/simulate and goodput/listModels: the simulator behind the LSP. Input is untrusted
// (it comes from a webview through the client): shape errors and out-of-range values become an
// InvalidParams error naming what is valid, never a crash.

export function handleListModels(): ModelInfo[] {
  return listModels();
}

export function handleSimulate(raw: unknown, token: CancellationToken): SimulationResult | ResponseError<void> {
  const params = raw as Partial<SimulateParams> | undefined;
  if (!params || typeof params.model !== 'string') return invalid('goodput/simulate needs { model: string, params?, seed?, horizonMs? }');
  if (params.params !== undefined && (typeof params.params !== 'object' || params.params === null)) return invalid('params must be an object');
  try {
    // A run is synchronous; cancellation is polled by the engine between batches of events.
    return runModel(params.model, params.params ?? {}, {
      seed: params.seed,
      horizonMs: params.horizonMs,
      shouldCancel: () => token.isCancellationRequested,
    });
  } catch (error) {
    if (error instanceof SimulationInputError) return invalid(error.message);
    throw error;
  }
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}
