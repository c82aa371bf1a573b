/**
 * A bounded queue of batches between nodes. Producers wait when it is full, which is what keeps
 * memory flat: a fast source can never run more than `capacity` batches ahead of a slow target.
 * Several producers may feed one channel (fan-in); it ends when the last one is done.
 */
export class Channel<T> {
  private readonly queue: T[] = [];
  private consumerWake: (() => void) | undefined;
  private producerWakes: Array<() => void> = [];
  private failure: unknown;
  private closed = false;

  constructor(
    private readonly capacity: number,
    private producers: number,
  ) {
    if (producers === 0) this.closed = true;
  }

  async push(item: T): Promise<void> {
    while (this.queue.length >= this.capacity && this.failure === undefined) {
      await new Promise<void>((resolve) => this.producerWakes.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
    this.queue.push(item);
    this.wakeConsumer();
  }

  /** One producer has finished. */
  done(): void {
    this.producers--;
    if (this.producers <= 0) {
      this.closed = true;
      this.wakeConsumer();
    }
  }

  /** Stops producers and the consumer, e.g. when the run is cancelled or a node crashed. */
  abort(reason: unknown): void {
    this.failure = reason ?? new Error('aborted');
    this.wakeConsumer();
    for (const wake of this.producerWakes.splice(0)) wake();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      if (this.failure !== undefined) throw this.failure;
      const item = this.queue.shift();
      if (item !== undefined) {
        this.producerWakes.shift()?.();
        yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.consumerWake = resolve));
    }
  }

  private wakeConsumer(): void {
    const wake = this.consumerWake;
    this.consumerWake = undefined;
    wake?.();
  }
}
