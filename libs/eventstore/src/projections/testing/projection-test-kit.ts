import { Test, TestingModule } from '@nestjs/testing';
import { createTestDatabase, DatabaseModule, PlatformModule, TestDatabase, TestDatabaseKind } from '@tally/platform';
import { Pool } from 'pg';
import { EventStoreModule } from '../../event-store.module';
import { EVENT_STORE, EventStore, EventToAppend } from '../../event-store.port';
import { eventStoreSchema } from '../../eventstore.schema';
import { ProjectionsModule } from '../projections.module';
import { projectionsSchema } from '../projections.schema';
import { CountingProjection, countingProjectionSchema } from './counting.projection';

/** Settings that keep the runner quick in tests: small batches, short polls and backoffs. */
export const FAST_PROJECTIONS_ENV = {
  DATABASE_POOL_SIZE: '4',
  PROJECTIONS_BATCH_SIZE: '10',
  PROJECTIONS_REBUILD_BATCH_SIZE: '10',
  PROJECTIONS_POLL_MS: '20',
  // Checkpoints stay at the last applied event (what the tests compare) unless a test asks for the skip.
  PROJECTIONS_SKIP_PERSIST_MS: '600000',
  PROJECTIONS_MAX_ATTEMPTS: '3',
  PROJECTIONS_QUICK_RETRY_MS: '2',
  PROJECTIONS_RETRY_BASE_MS: '5',
  PROJECTIONS_RETRY_MAX_MS: '20',
  // Parked events stay put (no background retry within a test) unless a test asks for retries.
  PROJECTIONS_PARKED_RETRY_BASE_MS: '600000',
  PROJECTIONS_PARKED_POLL_MS: '20',
  PROJECTIONS_LOCK_RETRY_MS: '50',
};

/** One application instance (a "process") over the test database, with the counting projection. */
export async function startProjectionApp(
  database: TestDatabase,
  options: {
    run: boolean;
    name: string;
    prefix: string;
    version?: number;
    env?: Record<string, string>;
    /** Runs before the application starts (and with it the runner). */
    prepare?: (projection: CountingProjection) => void;
  },
): Promise<{ app: TestingModule; projection: CountingProjection; store: EventStore }> {
  const env = { DATABASE_URL: database.url, ...FAST_PROJECTIONS_ENV, ...options.env };
  const app = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ env }),
      DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, countingProjectionSchema]),
      EventStoreModule,
      ProjectionsModule.forRoot({ run: options.run }),
    ],
    providers: [CountingProjection],
  }).compile();
  const projection = app.get(CountingProjection).configure(options.name, options.prefix, options.version);
  options.prepare?.(projection);
  // Parked events and retries are logged as errors by design; tests assert on them instead.
  app.useLogger(false);
  await app.init();
  return { app, projection, store: app.get<EventStore>(EVENT_STORE) };
}

export function testEvents(count: number, tenant = 't1'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => ({
    type: 'TestHappened',
    data: { n },
    metadata: { tenantId: tenant, actorId: null, clientIp: null, correlationId: `c-${n}`, causationId: null },
  }));
}

/** Appends `perStream` events to each of `streams` streams under the prefix, interleaved. */
export async function appendTestEvents(store: EventStore, prefix: string, streams: number, perStream: number): Promise<void> {
  for (let round = 0; round < perStream; round++) {
    for (let stream = 0; stream < streams; stream++) await store.append(`${prefix}t1.s${stream}`, testEvents(1), 'any');
  }
}

export async function readModel(pool: Pool, schema = 'public'): Promise<{ rows: number; distinct: number; totals: Record<string, number>; keys: string[] }> {
  const counts = await pool.query<{ rows: string; distinct: string }>(`select count(*) as rows, count(distinct event_id) as distinct from ${schema}.projection_test_rows`);
  const totals = await pool.query<{ stream_id: string; events: number }>(`select stream_id, events from ${schema}.projection_test_totals order by stream_id`);
  const keys = await pool.query<{ key: string }>(`select event_id || '@' || stream_id || '#' || revision as key from ${schema}.projection_test_rows order by 1`);
  return {
    rows: Number(counts.rows[0].rows),
    distinct: Number(counts.rows[0].distinct),
    totals: Object.fromEntries(totals.rows.map((row) => [row.stream_id, row.events])),
    keys: keys.rows.map((row) => row.key),
  };
}

/** Retries an assertion until it passes or the time is up. */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * Waits until `count` events under the prefix are readable. Readers see an append only once no
 * older transaction anywhere in the cluster is still open (xmin horizon), and test files run in
 * parallel on one server.
 */
export async function waitUntilReadable(store: EventStore, prefix: string, count: number): Promise<void> {
  await eventually(async () => {
    const events = await store.readAll({ filter: { streamPrefixes: [prefix] } });
    if (events.length !== count) throw new Error(`${events.length} of ${count} events readable under ${prefix}`);
  });
}

export type StartedProjectionApp = Awaited<ReturnType<typeof startProjectionApp>>;

/**
 * One test database per `describe`, a raw pool on it, the apps ("processes") each test starts
 * (closed after the test), and a fresh projection name and stream prefix per test.
 */
export interface ProjectionTestBed {
  /** Valid once the suite's beforeAll has run. */
  readonly pool: Pool;
  fresh(): { name: string; prefix: string };
  start(options: Parameters<typeof startProjectionApp>[1]): Promise<StartedProjectionApp>;
  /** Closes one app before the test ends (a process going away). */
  stop(app: TestingModule): Promise<void>;
}

export function useProjectionTestBed(kind: TestDatabaseKind, names: { name: string; prefix: string }): ProjectionTestBed {
  let database: TestDatabase;
  let pool: Pool | undefined;
  const apps: TestingModule[] = [];
  let n = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    pool = new Pool({ connectionString: database.url, max: 2 });
    // These tests end server connections on purpose (a process dying mid-batch); an idle client
    // of this raw pool that the server drops is replaced on the next query, not a failure.
    pool.on('error', () => undefined);
  });

  beforeEach(async () => {
    // The read-model tables exist once the first app has migrated the database.
    await pool!.query(`do $$ begin
      if to_regclass('public.projection_test_rows') is not null then truncate projection_test_rows, projection_test_totals; end if;
    end $$`);
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  return {
    get pool(): Pool {
      if (!pool) throw new Error('The projection test bed is not set up yet');
      return pool;
    },
    fresh: () => {
      n += 1;
      return { name: `${names.name}${n}`, prefix: `${names.prefix}${n}-` };
    },
    start: async (options) => {
      const started = await startProjectionApp(database, options);
      apps.push(started.app);
      return started;
    },
    stop: async (app) => {
      apps.splice(apps.indexOf(app), 1);
      await app.close();
    },
  };
}
