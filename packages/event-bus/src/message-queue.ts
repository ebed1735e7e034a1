/**
 * A queue between the JetStream pull loop and the workers: workers take whatever has arrived
 * (up to a batch size), so batches grow under load and stay at one message when traffic is light.
 */
export class MessageQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: Array<() => void> = [];
  private closed = false;

  push(item: T): void {
    this.items.push(item);
    this.waiters.shift()?.();
  }

  get size(): number {
    return this.items.length;
  }

  /** Up to `max` items; waits while empty. Resolves to [] once closed and empty. */
  async take(max: number): Promise<T[]> {
    while (this.items.length === 0) {
      if (this.closed) return [];
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.items.splice(0, max);
  }

  close(): void {
    this.closed = true;
    for (const wake of this.waiters.splice(0)) wake();
  }
}
