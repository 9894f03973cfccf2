import { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@eventstore/db-client';
import { EventFilter, GlobalPosition, RecordedEvent, Subscription, SubscriptionHandler } from '../event-store.port';
import { formatEsdbPosition, fromEsdbEvent, matchesFilter } from './esdb-mappings';

type QueueItem = { kind: 'event'; event: RecordedEvent } | { kind: 'caught-up' } | { kind: 'checkpoint'; position: GlobalPosition };

export interface EsdbSubscriptionOptions {
  /**
   * Opens the server-side catch-up subscription ($all, filtered, from the exclusive start);
   * the filter reports its checkpoints through `onCheckpoint`.
   */
  open(onCheckpoint: (position: Position) => void): AllStreamSubscription;
  /** The newest (non-system) position of $all when the subscription started; null: empty store. */
  head: Promise<GlobalPosition | null>;
  /** A position, or 'start'. */
  from: string;
  filter: EventFilter | undefined;
  batchSize: number;
  upcast(event: RecordedEvent): RecordedEvent;
  handler: SubscriptionHandler;
}

/**
 * subscribeToAll is already a catch-up subscription; this adapts it to the port: events are
 * queued as they arrive (the gRPC stream is paused while the queue is full), handed over in
 * batches of at most batchSize, one batch at a time, and `caughtUp` resolves once everything
 * before it has been handled and either an event or a filter checkpoint at or past the head of
 * $all seen at start came through, or the server said it caught up (KurrentDB ≥ 23.10).
 */
export class EsdbSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  private readonly queue: QueueItem[] = [];
  private wakeWorker: (() => void) | undefined;
  private failure: Error | undefined;
  private ended = false;
  private stopped = false;
  private markCaughtUp!: () => void;
  private failCaughtUp!: (error: unknown) => void;
  private stream: AllStreamSubscription | undefined;

  constructor(
    private readonly options: EsdbSubscriptionOptions,
    onFinished: () => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.markCaughtUp = resolve;
      this.failCaughtUp = reject;
    });
    this.caughtUp.catch(() => undefined);
    this.done = this.run().finally(onFinished);
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeWorker?.();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    let caughtUp = false;
    const settleCaughtUp = (): void => {
      if (caughtUp) return;
      caughtUp = true;
      this.markCaughtUp();
    };
    try {
      const head = await this.options.head;
      if (head === null || (this.options.from !== 'start' && this.options.from >= head)) settleCaughtUp();
      if (this.stopped) return;
      const stream = this.options.open((position) => this.push({ kind: 'checkpoint', position: formatEsdbPosition(position) }));
      this.stream = stream;
      stream.on('data', (resolved: AllStreamResolvedEvent) => this.receive(resolved));
      stream.on('caughtUp', () => this.push({ kind: 'caught-up' }));
      stream.on('error', (error: Error) => {
        this.failure ??= error;
        this.wakeWorker?.();
      });
      stream.on('end', () => {
        this.ended = true;
        this.wakeWorker?.();
      });
      while (!this.stopped) {
        if (this.failure) throw this.failure;
        const batch: RecordedEvent[] = [];
        let reachedCaughtUp = false;
        while (this.queue.length > 0 && batch.length < this.options.batchSize) {
          const item = this.queue.shift()!;
          if (item.kind === 'caught-up' || (item.kind === 'checkpoint' && head !== null && item.position >= head)) {
            reachedCaughtUp = true;
            break;
          }
          if (item.kind === 'event') batch.push(item.event);
        }
        if (this.queue.length < this.options.batchSize) stream.resume();
        if (batch.length > 0) {
          await this.options.handler(batch);
          const last = batch[batch.length - 1].position;
          if (head !== null && last >= head) settleCaughtUp();
        }
        if (reachedCaughtUp) settleCaughtUp();
        if (batch.length === 0 && !reachedCaughtUp && this.queue.length === 0) {
          if (this.ended) throw new Error('EventStoreDB ended the subscription');
          await new Promise<void>((resolve) => (this.wakeWorker = resolve));
          this.wakeWorker = undefined;
        }
      }
    } catch (error) {
      this.failCaughtUp(error);
      throw error;
    } finally {
      if (!caughtUp) this.failCaughtUp(new Error('Subscription stopped before catching up'));
      await this.stream?.unsubscribe().catch(() => undefined);
    }
  }

  private receive(resolved: AllStreamResolvedEvent): void {
    const event = fromEsdbEvent(resolved);
    if (!event || !matchesFilter(event, this.options.filter)) return;
    if (this.options.from !== 'start' && event.position <= this.options.from) return;
    this.push({ kind: 'event', event: this.options.upcast(event) });
  }

  private push(item: QueueItem): void {
    this.queue.push(item);
    if (this.queue.length >= this.options.batchSize * 4) this.stream?.pause();
    this.wakeWorker?.();
  }
}
