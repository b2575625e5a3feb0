const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 10_000;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Capped exponential backoff with full jitter: uniform in [0, min(MAX, BASE * 2^attempt)). */
export function backoffMs(attempt: number): number {
  const ceilingMs = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.floor(Math.random() * ceilingMs);
}

export interface RetryOptions {
  /** Total tries, the first one included. */
  attempts: number;
  shouldRetry?: (err: unknown) => boolean;
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  { attempts, shouldRetry = () => true }: RetryOptions,
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation(attempt);
    } catch (err) {
      lastError = err;
      if (!shouldRetry(err)) break;
      if (attempt + 1 < attempts) await sleep(backoffMs(attempt));
    }
  }
  throw lastError;
}
