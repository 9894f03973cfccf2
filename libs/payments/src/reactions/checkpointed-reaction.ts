import { Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventFilter, EventStore, RecordedEvent, Subscription } from '@tally/eventstore';
import { Clock } from '@tally/platform';

export interface ReactionOptions {
  /** The checkpoint's name in payment_reactor_checkpoints. */
  name: string;
  filter: EventFilter;
  batchSize: number;
  /** Said in the log when it stops and restarts. */
  label: string;
}

/**
 * Follows the event log from its own checkpoint (payment_reactor_checkpoints) and reacts to one
 * event at a time, saving the checkpoint after each event's effects: a crash replays at most the
 * event in hand, so reactions must be idempotent (they derive their ids from the event). A failed
 * subscription restarts from the checkpoint after 2 s; stop() ends it for good. Shared by the
 * payments context's reactors, which differ only in what they do with an event.
 */
export class CheckpointedReaction {
  private subscription?: Subscription;
  private restartTimer?: NodeJS.Timeout;
  private stoppedFlag = false;

  constructor(
    private readonly store: EventStore,
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ReactionOptions,
    private readonly react: (event: RecordedEvent) => Promise<void>,
  ) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** Starts (or restarts) the subscription from the saved checkpoint. */
  async start(): Promise<void> {
    if (this.stoppedFlag) return;
    try {
      const [row] = await this.sql<{ position: string }>(`select position from payment_reactor_checkpoints where name = ?`, [this.options.name]);
      const { filter, batchSize } = this.options;
      const subscription = this.store.subscribe({ from: row?.position ?? 'start', filter, batchSize }, (batch) => this.handle(batch));
      this.subscription = subscription;
      subscription.done.catch((error: unknown) => this.restartLater(error));
    } catch (error) {
      this.restartLater(error);
    }
  }

  /** Stops before the event store and the database close under it (they close in later hooks). */
  async stop(): Promise<void> {
    this.stoppedFlag = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.subscription?.stop().catch(() => undefined);
  }

  /** Resolves once every matching event that exists now has been handled (tests, readiness). */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp;
  }

  private async handle(batch: readonly RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      await this.react(event);
      await this.sql(
        `insert into payment_reactor_checkpoints (name, position, updated_at) values (?, ?, ?) on conflict (name) do update set position = excluded.position, updated_at = excluded.updated_at`,
        [this.options.name, event.position, this.clock.now()],
      );
    }
  }

  private restartLater(error: unknown): void {
    if (this.stoppedFlag) return;
    this.logger.error({ err: error }, `${this.options.label} stopped; restarting from its checkpoint`);
    this.restartTimer = setTimeout(() => void this.start(), 2_000);
    this.restartTimer.unref();
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.fork().getConnection().execute<T[]>(query, params);
  }
}
