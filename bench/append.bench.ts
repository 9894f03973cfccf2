/**
 * Append throughput of the PostgreSQL event store beside the raw single-row INSERT rate of the
 * same server, same concurrency, same run. Single-event appends from N concurrent writers, each
 * to its own stream with an exact expected revision (the command path), for a fixed duration.
 *
 *   npm run bench:append
 *   BENCH_SECONDS=10 BENCH_WRITERS=1,8,32,64 BENCH_POSTGRES_ADMIN_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:append
 *
 * It creates and drops its own `tally_bench_test_*` database.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { EventToAppend, installEventStoreSchema, PostgresEventStore } from '@tally/eventstore';

const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WRITERS = (process.env.BENCH_WRITERS ?? '1,8,32,64').split(',').map(Number);

interface Outcome {
  operations: number;
  seconds: number;
  latenciesMs: number[];
}

interface Scenario {
  name: string;
  /** One store (or nothing) per scenario run, shared by its writers as in one process. */
  open(pool: Pool): PostgresEventStore | null;
  writer(pool: Pool, store: PostgresEventStore | null, writer: number, run: string): () => Promise<void>;
}

function voteEvent(): EventToAppend {
  return {
    id: randomUUID(),
    type: 'VoteCast',
    schemaVersion: 1,
    data: { contestId: randomUUID(), contestantId: randomUUID(), votes: 1, creditsSpent: 100, idempotencyKey: randomUUID() },
    metadata: { tenantId: 'bench', actorId: randomUUID(), clientIp: '127.0.0.1', correlationId: randomUUID(), causationId: null },
  };
}

function eventStoreScenario(name: string, notifyIntervalMs: number | null | undefined): Scenario {
  return {
    name,
    open: (pool) => new PostgresEventStore(pool, { listen: false, ...(notifyIntervalMs === undefined ? {} : { notifyIntervalMs }) }),
    writer: (_pool, store, writer, run) => {
      const stream = `bench-${run}.${name}.${writer}`;
      let revision = -1;
      return async () => {
        const result = await store!.append(stream, [voteEvent()], revision === -1 ? 'no_stream' : revision);
        revision = result.nextExpectedRevision;
      };
    },
  };
}

const rawInsert: Scenario = {
  name: 'raw INSERT',
  open: () => null,
  writer: (pool, _store, writer, run) => {
    const stream = `bench-${run}.raw.${writer}`;
    return async () => {
      const event = voteEvent();
      await pool.query({
        name: 'bench_raw_insert',
        text: 'INSERT INTO bench_raw (event_id, stream_id, data, metadata) VALUES ($1, $2, $3, $4)',
        values: [event.id, stream, JSON.stringify(event.data), JSON.stringify(event.metadata)],
      });
    };
  },
};

const SCENARIOS: Scenario[] = [
  eventStoreScenario('es_append (default)', undefined),
  eventStoreScenario('es_append+notify/tx', 0),
  eventStoreScenario('es_append no notify', null),
  rawInsert,
];

async function measure(url: string, scenario: Scenario, writers: number): Promise<Outcome> {
  const pool = new Pool({ connectionString: url, max: writers });
  const run = randomBytes(4).toString('hex');
  const store = scenario.open(pool);
  const operations = Array.from({ length: writers }, (_, writer) => scenario.writer(pool, store, writer, run));
  // Warm up: open every connection and prepare the statements.
  await Promise.all(operations.map((operation) => operation()));
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(SECONDS * 1e9);
  await Promise.all(
    operations.map(async (operation) => {
      while (process.hrtime.bigint() < deadline) {
        const before = process.hrtime.bigint();
        await operation();
        latenciesMs.push(Number(process.hrtime.bigint() - before) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store?.close();
  await pool.end();
  return { operations: latenciesMs.length, seconds, latenciesMs };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  const name = `tally_bench_test_${randomBytes(5).toString('hex')}`;
  const settings = await withAdmin(async (admin) => {
    await admin.query(`CREATE DATABASE ${name}`);
    const rows = await admin.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'commit_delay', 'wal_sync_method', 'max_connections')`,
    );
    return rows.rows.map((row) => `${row.name}=${row.setting}`).join(' ');
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const setup = new Pool({ connectionString: url.toString(), max: 1 });
    await installEventStoreSchema(setup);
    await setup.query(`CREATE TABLE bench_raw (id bigserial PRIMARY KEY, event_id uuid NOT NULL, stream_id text NOT NULL,
      data jsonb NOT NULL, metadata jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await setup.end();

    console.log(`PostgreSQL: ${settings}`);
    console.log(`${SECONDS}s per scenario, single-event appends, each writer on its own stream, exact expected revision\n`);
    console.log(['writers', 'scenario', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms'].map((h, i) => (i < 2 ? h.padEnd(i ? 24 : 8) : h.padStart(9))).join(' '));
    for (const writers of WRITERS) {
      for (const scenario of SCENARIOS) {
        const outcome = await measure(url.toString(), scenario, writers);
        const sorted = [...outcome.latenciesMs].sort((a, b) => a - b);
        console.log(
          [
            String(writers).padEnd(8),
            scenario.name.padEnd(24),
            Math.round(outcome.operations / outcome.seconds).toString().padStart(9),
            percentile(sorted, 50).toFixed(2).padStart(9),
            percentile(sorted, 95).toFixed(2).padStart(9),
            percentile(sorted, 99).toFixed(2).padStart(9),
          ].join(' '),
        );
      }
    }
  } finally {
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
