import { randomUUID } from 'node:crypto';
import { RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { eventStoreContract } from './event-store.contract';
import { createPostgresHarness, PostgresHarness } from './postgres-harness';

// One PGlite for the whole file: creating one costs seconds.
let shared: Promise<PostgresHarness> | undefined;
const harness = (): Promise<PostgresHarness> => (shared ??= createPostgresHarness('pglite'));

afterAll(async () => {
  if (shared) await (await shared).close();
});

describe('EventStore contract — PostgreSQL adapter on PGlite', () => {
  eventStoreContract({
    create: async () => ({ ...(await harness()), close: async () => undefined }),
    openTransactions: {
      supported: false,
      reason: 'PGlite runs one transaction at a time for the whole database, so commits cannot interleave there',
    },
  });
});

describe('PostgresEventStore on PGlite', () => {
  it('falls back from LISTEN to local hints plus polling, and still delivers its own appends at once', async () => {
    const { pool } = await harness();
    // Polling every 30 s: only the in-process hint can deliver within the wait below.
    const store = new PostgresEventStore(pool, { pollIntervalMs: 30_000 });
    const category = `local${Date.now()}`;
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ from: 'start', filter: { streamPrefixes: [`${category}-`] } }, async (batch) => {
      seen.push(...batch);
    });
    try {
      await subscription.caughtUp;
      await waitFor(() => store.notificationMode === 'polling-only', 10_000);
      const metadata = { tenantId: 't', actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null };
      await store.append(`${category}-t.1`, [{ type: 'Happened', data: {}, metadata }], 'no_stream');
      await waitFor(() => seen.length === 1, 5_000);
    } finally {
      await store.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
