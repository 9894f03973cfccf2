import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventStore } from '../event-store.port';
import { checkpoints } from './checkpoints';
import { DeadLetter, deadLetters } from './dead-letters';
import { ProjectionRegistry } from './projection-registry';

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
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly registry: ProjectionRegistry,
  ) {}

  list(projection?: string, options: { includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    if (projection !== undefined) this.registry.get(projection);
    return deadLetters.list(this.orm.em.fork(), { consumer: projection, ...options });
  }

  /**
   * Applies the parked event to the live read model and marks it replayed, in one transaction
   * that also locks the projection's checkpoint row (so it never interleaves with a batch or a
   * rebuild's swap). A replay that fails again records the new error and rethrows it.
   */
  async replay(id: string): Promise<ReplayOutcome> {
    const parked = await deadLetters.get(this.orm.em.fork(), id);
    if (!parked) throw new DeadLetterNotFoundError(id);
    if (parked.replayedAt) return { status: 'already-replayed', deadLetter: parked };
    const projection = this.registry.get(parked.consumer);
    const [event] = await this.store.readStream(parked.streamId, { fromRevision: parked.streamRevision, maxCount: 1 });
    if (!event || event.id !== parked.eventId) throw new Error(`Parked event ${parked.eventId} is no longer at ${parked.streamId}@${parked.streamRevision}`);
    try {
      const outcome = await this.orm.em.fork().transactional(async (em): Promise<ReplayOutcome> => {
        await checkpoints.lock(em, projection.name, projection.version);
        const current = await deadLetters.get(em, id, { forUpdate: true });
        if (!current || current.replayedAt) return { status: 'already-replayed', deadLetter: current ?? parked };
        await projection.apply([event], { em, rebuilding: false });
        await em.flush();
        await deadLetters.markReplayed(em, id);
        return { status: 'replayed', deadLetter: { ...current, replayedAt: new Date(), attempts: current.attempts + 1 } };
      });
      return outcome;
    } catch (error) {
      await deadLetters.recordFailedReplay(this.orm.em.fork(), id, error);
      throw error;
    }
  }
}
