/**
 * Closed forms of the M/M/c and M/M/c/K queues, for the summaries ("theory says…"). Rates are
 * per unit time of the caller's choosing; times come back in the reciprocal unit.
 */
export interface QueueTheory {
  /** Probability an arrival is turned away (0 without a capacity limit). */
  pBlock: number;
  /** Probability an admitted arrival has to wait. */
  pWait: number;
  L: number;
  Lq: number;
  W: number;
  Wq: number;
  lambdaEff: number;
  /** Busy servers / servers. */
  utilization: number;
}

/** Erlang B by its stable recurrence B_k = a·B_{k−1} / (k + a·B_{k−1}). */
export function erlangB(servers: number, offered: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offered * b) / (k + offered * b);
  return b;
}

/** Erlang C: probability of waiting in M/M/c with offered load a = λ/μ < c. */
export function erlangC(servers: number, offered: number): number {
  const b = erlangB(servers, offered);
  return (servers * b) / (servers - offered * (1 - b));
}

/** M/M/c (capacity ≤ 0 or Infinity) or M/M/c/K (capacity = K, counting those in service). */
export function mmcTheory(lambda: number, mu: number, servers: number, capacity: number): QueueTheory | undefined {
  const a = lambda / mu;
  if (!(capacity > 0) || capacity === Infinity) {
    if (a >= servers) return undefined; // unstable: the queue grows without bound
    const pWait = erlangC(servers, a);
    const Wq = pWait / (servers * mu - lambda);
    const W = Wq + 1 / mu;
    return { pBlock: 0, pWait, L: lambda * W, Lq: lambda * Wq, W, Wq, lambdaEff: lambda, utilization: a / servers };
  }
  // Unnormalised p_n, built by ratios so large K does not overflow factorials.
  const K = Math.floor(capacity);
  const p: number[] = [1];
  for (let n = 1; n <= K; n++) p.push((p[n - 1]! * a) / Math.min(n, servers));
  const total = p.reduce((s, x) => s + x, 0);
  const pn = p.map((x) => x / total);
  const pBlock = pn[K]!;
  let L = 0;
  let Lq = 0;
  let waiting = 0;
  for (let n = 0; n <= K; n++) {
    L += n * pn[n]!;
    if (n > servers) Lq += (n - servers) * pn[n]!;
    if (n >= servers && n < K) waiting += pn[n]!;
  }
  const lambdaEff = lambda * (1 - pBlock);
  return {
    pBlock,
    pWait: waiting / (1 - pBlock),
    L,
    Lq,
    W: L / lambdaEff,
    Wq: Lq / lambdaEff,
    lambdaEff,
    utilization: lambdaEff / (servers * mu),
  };
}
