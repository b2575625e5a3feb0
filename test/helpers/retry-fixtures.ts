// The backoff helper the retry fixes insert, as the expected fix-all output of the retry tests.
export function backoffHelper(baseMs: string, typed = true): string {
  return `// First retry waits up to this long; each further retry doubles the ceiling.
const RETRY_BASE_DELAY_MS = ${baseMs};

// Longest wait between two tries.
const RETRY_MAX_DELAY_MS = 30_000;

// Capped exponential backoff with full jitter: clients that failed together wait different
// times, so their retries do not arrive together (see docs/rules/no-fixed-interval-retry.md).
const backoffWithJitterMs = ${typed ? '(attempt: number): number' : '(attempt)'} =>
  Math.random() * Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** attempt);`;
}
