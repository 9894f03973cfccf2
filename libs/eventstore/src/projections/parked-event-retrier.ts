import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EventStore } from '../event-store.port';
import { DeadLetter, deadLetters, describeError } from './dead-letters';
import { readParkedEvent, replayParkedEvent } from './parked-event-replay';
import { Projection } from './projection';
import { ProjectionsConfig } from './projections.config';
import { isTransientFailure, retryDelay } from './retry-policy';

export type ParkedRetrySettings = Pick<ProjectionsConfig, 'parkedMaxRetries' | 'parkedRetryBaseMs' | 'parkedRetryMaxMs'>;

/** Most parked events retried per round; the rest wait for the next poll. */
const ROUND_LIMIT = 100;

/**
 * Retries parked events in the background, like ESDB's parked-message retries: each alone, out
 * of log order, with exponential backoff up to a cap, `parkedMaxRetries` times; after that it
 * stays parked until an operator replays it (`projections:replay-dead-letter`). A success is
 * applied and marked replayed in one transaction (replayParkedEvent), so it counts once.
 */
export class ParkedEventRetrier {
  private readonly logger = new Logger('ProjectionRunner');

  constructor(
    private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly settings: ParkedRetrySettings,
  ) {}

  /** Retries the due parked events of these projections (their live versions), oldest first; returns how many were applied. */
  async retryDue(projections: readonly Projection[]): Promise<number> {
    const byName = new Map(projections.map((projection) => [projection.name, projection]));
    const due = await deadLetters.due(this.orm.em.fork(), [...byName.keys()], ROUND_LIMIT);
    let applied = 0;
    for (const parked of due) {
      const projection = byName.get(parked.consumer);
      // A letter of another version waits for a rebuild's hand-over or an operator.
      if (!projection || projection.version !== parked.version) continue;
      const outcome = await this.retry(projection, parked);
      if (outcome === 'transient') break;
      if (outcome === 'applied') applied += 1;
    }
    return applied;
  }

  /** 'skipped': an operator replayed it meanwhile. */
  private async retry(projection: Projection, parked: DeadLetter): Promise<'applied' | 'skipped' | 'failed' | 'transient'> {
    try {
      const event = await readParkedEvent(this.store, parked);
      if (await replayParkedEvent(this.orm, projection, parked.id, event)) {
        this.logger.log(`${projection.name}: parked event ${parked.eventId} (${parked.eventType}) applied on background retry ${parked.retries + 1}`);
        return 'applied';
      }
      return 'skipped';
    } catch (error) {
      // The database blinked: not the event's fault, so not counted; the next round tries again.
      if (isTransientFailure(error)) return 'transient';
      const retries = parked.retries + 1;
      const retryInMs = retries < this.settings.parkedMaxRetries ? retryDelay(retries + 1, this.settings.parkedRetryBaseMs, this.settings.parkedRetryMaxMs) : null;
      await deadLetters.recordFailedRetry(this.orm.em.fork(), parked.id, error, retryInMs);
      const next = retryInMs === null ? 'no retries left: waiting for an operator' : `next in ${Math.round(retryInMs / 1000)} s`;
      this.logger.warn(`${projection.name}: background retry ${retries} of parked event ${parked.eventId} failed (${describeError(error)}); ${next}`);
      return 'failed';
    }
  }
}
