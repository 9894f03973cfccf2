import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createPostgresHarness, PostgresHarness } from '../contract/postgres-harness';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors';
import { EventToAppend, RecordedEvent } from '../event-store.port';
import { EVENTS_CHANNEL } from './migrations/eventstore-schema.sql';
import { PostgresEventStore } from './postgres-event-store';
import { PgWakeups } from './pg-wakeups';

// What the contract cannot say about the PostgreSQL adapter in particular: its position format,
// its wake-up hints (LISTEN on a server; PGlite's fallback is tested in pglite.contract.int-spec),
// the mapping of a duplicate id under a matching expectation, and connection failures.

function event(type = 'Happened'): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data: { at: Date.now() },
    metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null },
  };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

describe('PostgresEventStore on PostgreSQL', () => {
  let harness: PostgresHarness;

  beforeAll(async () => {
    harness = await createPostgresHarness('postgres', { store: { notifyIntervalMs: 0 } });
  });

  afterAll(() => harness.close());

  it('formats positions as xid(20):position(19)', async () => {
    const { position } = await harness.store.append(`fmt-t.${randomUUID()}`, [event()], 'no_stream');
    expect(position).toMatch(/^\d{20}:\d{19}$/);
    // xmin is cluster-wide: another database's open transaction may hold the head back a while.
    await waitFor(async () => (await harness.store.headPosition()) === position, 10_000);
  });

  it('LISTEN wakes sleepers when another connection notifies', async () => {
    const wakeups = new PgWakeups(harness.pool, true);
    let woken = 0;
    wakeups.add(() => (woken += 1));
    try {
      await waitFor(() => wakeups.notificationMode === 'listen', 5_000);
      const before = woken;
      const other = new Pool({ connectionString: harness.url, max: 1 });
      await other.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, '']);
      await other.end();
      await waitFor(() => woken > before, 5_000);
    } finally {
      await wakeups.close();
    }
  });

  it('delivers another process’s appends to a subscription', async () => {
    const category = `listen${Date.now()}`;
    const seen: RecordedEvent[] = [];
    const subscription = harness.store.subscribe({ from: 'start', filter: { streamPrefixes: [`${category}-`] } }, async (batch) => {
      seen.push(...batch);
    });
    await subscription.caughtUp;
    await waitFor(() => harness.store.notificationMode === 'listen', 5_000);
    // Another "process": its own pool and store, so no in-process hint reaches the subscriber.
    const otherPool = new Pool({ connectionString: harness.url, max: 2 });
    const other = new PostgresEventStore(otherPool, { listen: false, notifyIntervalMs: 0 });
    try {
      await other.append(`${category}-t.1`, [event()], 'no_stream');
      await waitFor(() => seen.length === 1, 10_000);
    } finally {
      await subscription.stop();
      await otherPool.end();
    }
  });

  it('maps an id already in the stream under a matching expectation to a conflict', async () => {
    const stream = `dup-t.${randomUUID()}`;
    const first = event();
    await harness.store.append(stream, [first, event()], 'no_stream');
    const error: unknown = await harness.store.append(stream, [first], 1).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ actual: 1 });
    expect(await harness.store.readStream(stream)).toHaveLength(2);
  });

  it('needs at least one event', async () => {
    await expect(harness.store.append(`empty-t.${randomUUID()}`, [], 'any')).rejects.toThrow('at least one event');
  });
});

describe('PostgresEventStore without a server', () => {
  it('reports EventStoreUnavailable', async () => {
    const pool = new Pool({ connectionString: 'postgresql://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 1_000 });
    const store = new PostgresEventStore(pool, { ownsPool: true });
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append('x-t.1', [event()], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
