/**
 * A retry budget as a token bucket (the AWS SDKs' "retry quota", gRPC's retry throttling):
 * a retry spends tokens, a success earns some back, and no tokens means no retry — so when
 * everything fails, retries stop after capacity/cost of them instead of multiplying load.
 */
export class TokenBucket {
  tokens: number;

  constructor(
    readonly capacity: number,
    readonly retryCost: number,
    readonly timeoutRetryCost: number,
    readonly successRefund: number,
  ) {
    this.tokens = capacity;
  }

  /** Takes the cost of one retry if the bucket holds it; false means "do not retry". */
  tryRetry(afterTimeout: boolean): boolean {
    const cost = afterTimeout ? this.timeoutRetryCost : this.retryCost;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  onSuccess(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.successRefund);
  }
}
