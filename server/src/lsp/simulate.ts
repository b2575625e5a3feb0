import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import {
  listModels,
  SimulationInputError,
  startRun,
  type ModelInfo,
  type SimulationResult,
  type SteppedRun,
} from '../sim';
import type { SimulateParams } from '../protocol';

// goodput/simulate and goodput/listModels: the simulator behind the LSP. Input is untrusted
// (it comes from a webview through the client): shape errors and out-of-range values become an
// InvalidParams error naming what is valid, never a crash.

/**
 * Events per slice of a run. Between slices the server yields to the event loop, so it reads
 * `$/cancelRequest` and answers other requests while a long run is under way; a slice is a few
 * tens of milliseconds, short enough for a panel whose controls are being dragged.
 */
const SLICE_EVENTS = 50_000;

export function handleListModels(): ModelInfo[] {
  return listModels();
}

export async function handleSimulate(
  raw: unknown,
  token: CancellationToken,
): Promise<SimulationResult | ResponseError<void>> {
  const params = raw as Partial<SimulateParams> | undefined;
  if (!params || typeof params.model !== 'string')
    return invalid('goodput/simulate needs { model: string, params?, seed?, horizonMs? }');
  if (params.params !== undefined && (typeof params.params !== 'object' || params.params === null))
    return invalid('params must be an object');
  let run: SteppedRun;
  try {
    run = startRun(params.model, params.params ?? {}, { seed: params.seed, horizonMs: params.horizonMs });
  } catch (error) {
    if (error instanceof SimulationInputError) return invalid(error.message);
    throw error;
  }
  while (!run.step(SLICE_EVENTS)) {
    // setImmediate runs after pending I/O, so a cancellation that has arrived is read before the next slice.
    await yieldToEventLoop();
    if (token.isCancellationRequested) return cancelled();
  }
  return run.result();
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'goodput/simulate was cancelled');
}
