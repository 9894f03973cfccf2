import { MikroORM } from '@mikro-orm/postgresql';
import { EventStore, RecordedEvent } from '../event-store.port';
import { checkpoints } from './checkpoints';
import { DeadLetter, deadLetters } from './dead-letters';
import { Projection } from './projection';

/** The parked event itself, read back from its stream (a dead letter keeps only where it is). */
export async function readParkedEvent(store: EventStore, parked: DeadLetter): Promise<RecordedEvent> {
  const [event] = await store.readStream(parked.streamId, { fromRevision: parked.streamRevision, maxCount: 1 });
  if (!event || event.id !== parked.eventId) throw new Error(`Parked event ${parked.eventId} is no longer at ${parked.streamId}@${parked.streamRevision}`);
  return event;
}

/**
 * Applies a parked event alone to the live read model and marks it replayed, in one
 * transaction that also locks the projection's checkpoint row, so it never interleaves with a
 * batch or a rebuild's swap, and an event is never applied twice (the operator's replay and the
 * background retry both come here). Null when it was replayed meanwhile. The event lands out of
 * log order: docs/projections.md says which projections tolerate that.
 */
export async function replayParkedEvent(orm: MikroORM, projection: Projection, id: string, event: RecordedEvent): Promise<DeadLetter | null> {
  if (projection.delivery === 'effects-first') return replayParkedEffects(orm, projection, id, event);
  return orm.em.fork().transactional(async (em) => {
    await checkpoints.lock(em, projection.name, projection.version);
    const current = await deadLetters.get(em, id, { forUpdate: true });
    if (!current || current.replayedAt) return null;
    await projection.apply([event], { em, rebuilding: false });
    await em.flush();
    await deadLetters.markReplayed(em, id);
    return { ...current, replayedAt: new Date(), attempts: current.attempts + 1, nextRetryAt: null };
  });
}

/**
 * A reactor's parked event: its effects run outside any transaction (they are idempotent, so a
 * crash or a concurrent operator replay between them and the mark only repeats them).
 */
async function replayParkedEffects(orm: MikroORM, projection: Projection, id: string, event: RecordedEvent): Promise<DeadLetter | null> {
  const before = await deadLetters.get(orm.em.fork(), id);
  if (!before || before.replayedAt) return null;
  await projection.apply([event], { em: orm.em.fork(), rebuilding: false });
  return orm.em.fork().transactional(async (em) => {
    const current = await deadLetters.get(em, id, { forUpdate: true });
    if (!current || current.replayedAt) return null;
    await deadLetters.markReplayed(em, id);
    return { ...current, replayedAt: new Date(), attempts: current.attempts + 1, nextRetryAt: null };
  });
}
