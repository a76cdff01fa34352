import { QueueOverflowError } from './errors';

/**
 * The frames sent while no connection is open, oldest first, at most `maxQueued` of them.
 *
 * @example
 * ```ts
 * const queue = new SendQueue(2);
 * queue.push('a');
 * queue.push('b');
 * queue.push('c'); // throws QueueOverflowError
 * queue.shift(); // 'a'
 * ```
 */
export class SendQueue {
  private readonly frames: string[] = [];

  constructor(private readonly maxQueued: number) {}

  get size(): number {
    return this.frames.length;
  }

  /** @throws {@link QueueOverflowError} when `maxQueued` frames already wait. */
  push(frame: string): void {
    if (this.frames.length >= this.maxQueued) throw new QueueOverflowError(this.maxQueued);
    this.frames.push(frame);
  }

  shift(): string | undefined {
    return this.frames.shift();
  }

  clear(): void {
    this.frames.length = 0;
  }
}
