import { RecordedEvent, Subscription, SubscriptionHandler } from '../event-store.port';

export interface PollingSubscriptionOptions {
  /** A position, or 'start'. */
  from: string;
  batchSize: number;
  pollIntervalMs: number;
  /**
   * Reads up to `limit` visible events strictly after `from`, in global order. `horizon`, when
   * set, is a position up to which a short batch proves nothing else matches. `coversStart`:
   * everything committed before the subscription started was visible to this read.
   */
  read(from: string, limit: number): Promise<{ events: RecordedEvent[]; horizon: string | null; coversStart: boolean }>;
  /** Registers a wake-up hint; returns its removal. */
  onWake(wake: () => void): () => void;
  handler: SubscriptionHandler;
}

/**
 * A catch-up subscription over a store that can only be polled: read a batch after the last
 * delivered position, hand it over, and when a read comes back short (everything visible has
 * been delivered) sleep until the next poll or a wake-up hint.
 */
export class PollingSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  private stopped = false;
  private woken = false;
  private interrupt: (() => void) | undefined;
  private markCaughtUp!: () => void;
  private failCaughtUp!: (error: unknown) => void;

  constructor(
    private readonly options: PollingSubscriptionOptions,
    onFinished: () => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.markCaughtUp = resolve;
      this.failCaughtUp = reject;
    });
    // Observers still see rejections; an unobserved one must not crash the process.
    this.caughtUp.catch(() => undefined);
    this.done = this.run().finally(onFinished);
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { batchSize, read, handler } = this.options;
    const removeWake = this.options.onWake(() => {
      this.woken = true;
      this.interrupt?.();
    });
    let from = this.options.from;
    let caughtUp = false;
    try {
      while (!this.stopped) {
        this.woken = false;
        const { events: batch, horizon, coversStart } = await read(from, batchSize);
        if (this.stopped) break;
        if (batch.length > 0) {
          await handler(batch);
          from = batch[batch.length - 1].position;
        }
        if (batch.length < batchSize) {
          if (horizon !== null && (from === 'start' || horizon > from)) from = horizon;
          if (!caughtUp && coversStart) {
            caughtUp = true;
            this.markCaughtUp();
          }
          if (!this.woken) await this.sleep();
        }
      }
    } catch (error) {
      this.failCaughtUp(error);
      throw error;
    } finally {
      removeWake();
      // Stopped before catching up: nobody will be caught up any more, say so.
      if (!caughtUp) this.failCaughtUp(new Error('Subscription stopped before catching up'));
    }
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.stopped) return resolve();
      const finish = (): void => {
        clearTimeout(timer);
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(finish, this.options.pollIntervalMs);
      this.interrupt = finish;
    });
  }
}
