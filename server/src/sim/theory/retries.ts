/** Load multipliers of retries, for summaries ("worst case 27× per request"). */

/** Expected attempts per request with up to `retries` retries when each attempt fails with probability x. */
export function retryAmplification(failureRate: number, retries: number): number {
  if (failureRate >= 1) return retries + 1;
  return (1 - Math.pow(failureRate, retries + 1)) / (1 - failureRate);
}

/** Worst case when every layer retries every failure of the layer below: the product of attempts. */
export function layeredAmplification(attemptsPerLayer: readonly number[]): number {
  return attemptsPerLayer.reduce((product, attempts) => product * attempts, 1);
}
