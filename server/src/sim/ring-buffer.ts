/**
 * A growable double-ended queue of numbers (ids or timestamps) on a typed array: FIFO takes from
 * the front, LIFO from the back, and neither allocates per element.
 */
export class RingBuffer {
  private data: Float64Array;
  private head = 0;
  size = 0;

  constructor(initialCapacity = 64) {
    this.data = new Float64Array(Math.max(2, initialCapacity));
  }

  pushBack(x: number): void {
    if (this.size === this.data.length) this.grow();
    this.data[(this.head + this.size) % this.data.length] = x;
    this.size++;
  }

  popFront(): number {
    if (this.size === 0) throw new RangeError('popFront on empty RingBuffer');
    const x = this.data[this.head]!;
    this.head = (this.head + 1) % this.data.length;
    this.size--;
    return x;
  }

  popBack(): number {
    if (this.size === 0) throw new RangeError('popBack on empty RingBuffer');
    this.size--;
    return this.data[(this.head + this.size) % this.data.length]!;
  }

  peekFront(): number {
    return this.data[this.head]!;
  }

  private grow(): void {
    const next = new Float64Array(this.data.length * 2);
    for (let i = 0; i < this.size; i++) next[i] = this.data[(this.head + i) % this.data.length]!;
    this.data = next;
    this.head = 0;
  }
}
