import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventStore } from '../event-store.port';
import { DeadLetter, deadLetters } from './dead-letters';
import { readParkedEvent, replayParkedEvent } from './parked-event-replay';
import { ParkedEventRetrier } from './parked-event-retrier';
import { ProjectionRegistry } from './projection-registry';
import { PROJECTIONS_CONFIG, ProjectionsConfig } from './projections.config';

export class DeadLetterNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No parked event with id ${id}`);
    this.name = 'DeadLetterNotFoundError';
  }
}

export type ReplayOutcome = { status: 'replayed'; deadLetter: DeadLetter } | { status: 'already-replayed'; deadLetter: DeadLetter };

/**
 * Parked events: list them, and apply one again once the projection (or the data) is fixed.
 * A replay applies the event alone, out of order, as ESDB's parked-message replay does.
 */
@Injectable()
export class DeadLetterService {
  private readonly retrier: ParkedEventRetrier;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly registry: ProjectionRegistry,
    @Inject(PROJECTIONS_CONFIG) config: ProjectionsConfig,
  ) {
    this.retrier = new ParkedEventRetrier(store, orm, config);
  }

  /**
   * Retries the parked events of every projection and reactor whose background retry is due
   * (the dead-letter job's sweep; a runner retries those it leads between sweeps). A retry
   * applies and marks an event in one step (replayParkedEvent), so two at once apply it once.
   */
  retryDue(): Promise<number> {
    return this.retrier.retryDue(this.registry.all());
  }

  /** Parked events per projection and in total, and those with no retry left (waiting for an operator). */
  async counts(): Promise<{ parked: Map<string, number>; exhausted: Map<string, number> }> {
    const em = this.orm.em.fork();
    return { parked: await deadLetters.countParked(em), exhausted: await deadLetters.countExhausted(em) };
  }

  list(projection?: string, options: { includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    if (projection !== undefined) this.registry.get(projection);
    return deadLetters.list(this.orm.em.fork(), { consumer: projection, ...options });
  }

  /**
   * Applies the parked event to the live read model and marks it replayed (replayParkedEvent),
   * whether or not its background retries are used up. A replay that fails again records the
   * new error and rethrows it; the background schedule is left as it was.
   */
  async replay(id: string): Promise<ReplayOutcome> {
    const parked = await deadLetters.get(this.orm.em.fork(), id);
    if (!parked) throw new DeadLetterNotFoundError(id);
    if (parked.replayedAt) return { status: 'already-replayed', deadLetter: parked };
    const projection = this.registry.get(parked.consumer);
    const event = await readParkedEvent(this.store, parked);
    try {
      const replayed = await replayParkedEvent(this.orm, projection, id, event);
      if (replayed) return { status: 'replayed', deadLetter: replayed };
      return { status: 'already-replayed', deadLetter: (await deadLetters.get(this.orm.em.fork(), id)) ?? parked };
    } catch (error) {
      await deadLetters.recordFailedReplay(this.orm.em.fork(), id, error);
      throw error;
    }
  }
}
