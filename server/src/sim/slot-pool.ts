/**
 * Entities (requests, attempts, connections) as slots in parallel number arrays, reused through
 * a free list: no object per entity, and a long run's memory follows what is alive, not what
 * has ever existed. A slot's fields keep stale values until written, so alloc() callers set all.
 */
export class SlotPool<F extends string> {
  readonly fields: Record<F, number[]>;
  private readonly freeList: number[] = [];
  private readonly columns: number[][];
  private count = 0;
  /** Slots in use. */
  live = 0;

  constructor(names: readonly F[]) {
    const fields = {} as Record<F, number[]>;
    for (const n of names) fields[n] = [];
    this.fields = fields;
    this.columns = names.map((n) => fields[n]);
  }

  alloc(): number {
    this.live++;
    const reused = this.freeList.pop();
    if (reused !== undefined) return reused;
    const i = this.count++;
    // Appending keeps the arrays packed (no holes), which V8 keeps fast.
    for (const c of this.columns) c.push(0);
    return i;
  }

  free(i: number): void {
    this.live--;
    this.freeList.push(i);
  }
}
