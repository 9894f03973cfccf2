import { EventStore, GlobalPosition, RecordedEvent } from '../event-store.port';
import { Projection } from './projection';

/**
 * Starts reading a projection's next batch. The runner and the rebuilder start it while the
 * previous batch is still being applied (the read uses the store's pool, the apply the ORM's
 * transaction), so a projection that is behind reads and writes at the same time. A read whose
 * batch is never used (the apply failed first) must not become an unhandled rejection.
 */
export function readBatch(store: EventStore, projection: Projection, from: GlobalPosition | null, maxCount: number): Promise<RecordedEvent[]> {
  const reading = store.readAll({ from: from ?? 'start', filter: projection.filter, maxCount });
  reading.catch(() => undefined);
  return reading;
}
