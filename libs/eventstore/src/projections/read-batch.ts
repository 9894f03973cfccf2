import { MikroORM } from '@mikro-orm/postgresql';
import { EventStore, GlobalPosition, RecordedEvent } from '../event-store.port';
import { Projection } from './projection';
import { isSharedSessionServer } from './shared-session';

/**
 * Starts reading a projection's batch. The runner and the rebuilder start the next one while the
 * previous batch is still being applied (the read uses the store's pool, the apply the ORM's
 * transaction), so a projection that is behind reads and writes at the same time. A read whose
 * batch is never used (the apply failed first) must not become an unhandled rejection.
 *
 * Not on PGlite (canReadAhead): every connection shares its one session, so a read issued
 * during a batch transaction waits for it anyway, and the next transaction then starts before
 * other connections get a turn (the rebuild int-spec's reader saw no shadow table mid-rebuild).
 */
export function readBatch(store: EventStore, projection: Projection, from: GlobalPosition | null, maxCount: number): Promise<RecordedEvent[]> {
  const reading = store.readAll({ from: from ?? 'start', filter: projection.filter, maxCount, omitData: projection.omitData });
  reading.catch(() => undefined);
  return reading;
}

/** The batch after `events` (a full batch), started now; `from` tells whether it still fits the checkpoint. */
export function readAheadFrom(
  store: EventStore,
  projection: Projection,
  events: readonly RecordedEvent[],
  maxCount: number,
): { from: GlobalPosition; events: Promise<RecordedEvent[]> } {
  const from = events[events.length - 1].position;
  return { from, events: readBatch(store, projection, from, maxCount) };
}

const verdicts = new WeakMap<MikroORM, Promise<boolean>>();

/** False on PGlite, served embedded or through a socket URL alike; asked once per ORM. */
export function canReadAhead(orm: MikroORM): Promise<boolean> {
  let verdict = verdicts.get(orm);
  if (!verdict) {
    verdict = orm.em
      .fork()
      .execute<{ version: string }[]>('select version() as version')
      .then((rows) => !isSharedSessionServer(rows[0]?.version))
      .catch((error: unknown) => {
        verdicts.delete(orm); // the database was unreachable: ask again next time
        throw error;
      });
    verdicts.set(orm, verdict);
  }
  return verdict;
}
