/**
 * Binary min-heap of events ordered by (time, sequence). The sequence number breaks ties in
 * insertion order, which is what makes runs reproducible when two events share a time.
 * Parallel typed arrays instead of objects: no allocation per event, and the sift loops stay
 * monomorphic. An event is a kind (handler index) plus two numeric payloads.
 */
export class EventQueue {
  size = 0;
  /** Fields of the event last returned by pop(): read them right after the call. */
  topTime = 0;
  topKind = 0;
  topA = 0;
  topB = 0;

  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private a: Float64Array;
  private b: Float64Array;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.a = new Float64Array(initialCapacity);
    this.b = new Float64Array(initialCapacity);
  }

  push(t: number, kind: number, a: number, b: number): void {
    if (this.size === this.time.length) this.grow();
    const s = this.nextSeq++;
    const time = this.time;
    const seq = this.seq;
    // Sift the hole up from the end, then drop the new event into it.
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p]!;
      if (pt < t || (pt === t && seq[p]! < s)) break;
      this.move(p, i);
      i = p;
    }
    time[i] = t;
    seq[i] = s;
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.time[0]! : Infinity;
  }

  /** Removes the earliest event into top*; returns false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    this.topTime = this.time[0]!;
    this.topKind = this.kind[0]!;
    this.topA = this.a[0]!;
    this.topB = this.b[0]!;
    const last = --this.size;
    if (last === 0) return true;
    const time = this.time;
    const seq = this.seq;
    const t = time[last]!;
    const s = seq[last]!;
    // Sift the hole at the root down, then place the former last event.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last) {
        const ct = time[c]!;
        const rt = time[r]!;
        if (rt < ct || (rt === ct && seq[r]! < seq[c]!)) c = r;
      }
      const ct = time[c]!;
      if (t < ct || (t === ct && s < seq[c]!)) break;
      this.move(c, i);
      i = c;
    }
    this.move(last, i);
    return true;
  }

  clear(): void {
    this.size = 0;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.seq[to] = this.seq[from]!;
    this.kind[to] = this.kind[from]!;
    this.a[to] = this.a[from]!;
    this.b[to] = this.b[from]!;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const time = new Float64Array(n);
    const seq = new Float64Array(n);
    const kind = new Int32Array(n);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    time.set(this.time);
    seq.set(this.seq);
    kind.set(this.kind);
    a.set(this.a);
    b.set(this.b);
    this.time = time;
    this.seq = seq;
    this.kind = kind;
    this.a = a;
    this.b = b;
  }
}
