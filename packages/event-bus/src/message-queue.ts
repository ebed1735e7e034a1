/**
 * A bounded queue between the JetStream pull loop and the workers: workers take whatever has
 * arrived (up to a batch size), so batches grow under load and stay at one message when traffic is
 * light; the pull loop waits for room, so messages do not sit here until their ack deadline passes.
 */
export class MessageQueue<T> {
  private readonly items: T[] = [];
  private readonly takers: Array<() => void> = [];
  private readonly roomWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly capacity: number) {}

  /** Adds an item and resolves once the queue is below capacity again; false if already closed. */
  async push(item: T): Promise<boolean> {
    if (this.closed) return false;
    this.items.push(item);
    this.takers.shift()?.();
    while (this.items.length >= this.capacity && !this.closed) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    return true;
  }

  get size(): number {
    return this.items.length;
  }

  /** Up to `max` items; waits while empty. Resolves to [] once closed and empty. */
  async take(max: number): Promise<T[]> {
    while (this.items.length === 0) {
      if (this.closed) return [];
      await new Promise<void>((resolve) => this.takers.push(resolve));
    }
    const taken = this.items.splice(0, max);
    for (const wake of this.roomWaiters.splice(0)) wake();
    return taken;
  }

  /** Closes the queue and hands back what nobody took (to be returned to the server). */
  close(): T[] {
    this.closed = true;
    for (const wake of [...this.takers.splice(0), ...this.roomWaiters.splice(0)]) wake();
    return this.items.splice(0);
  }
}
