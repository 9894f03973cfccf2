/**
 * PostgreSQL helpers shared by the benches: a database of their own, the raw single-row INSERT
 * ceiling and the timed loop that measures it (first written for append.bench.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { EventToAppend, PostgresEventStore } from '@tally/eventstore';

export const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface Outcome {
  operations: number;
  seconds: number;
  latenciesMs: number[];
}

export interface Scenario {
  name: string;
  /** One store (or nothing) per scenario run, shared by its writers as in one process. */
  open(pool: Pool): PostgresEventStore | null;
  writer(pool: Pool, store: PostgresEventStore | null, writer: number, run: string): () => Promise<void>;
}

export function voteEvent(): EventToAppend {
  return {
    id: randomUUID(),
    type: 'VoteCast',
    schemaVersion: 1,
    data: { contestId: randomUUID(), contestantId: randomUUID(), votes: 1, creditsSpent: 100, idempotencyKey: randomUUID() },
    metadata: { tenantId: 'bench', actorId: randomUUID(), clientIp: '127.0.0.1', correlationId: randomUUID(), causationId: null },
  };
}

/** The table the raw INSERT ceiling writes to: the same columns an event row carries. */
export const RAW_TABLE_SQL = `CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, event_id uuid NOT NULL, stream_id text NOT NULL,
  data jsonb NOT NULL, metadata jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`;

/** One single-row INSERT per operation, autocommit: what the server manages without any batching. */
export const rawInsert: Scenario = {
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

/** Runs `writers` concurrent loops of the scenario's operation for `seconds`. */
export async function measure(url: string, scenario: Scenario, writers: number, seconds: number): Promise<Outcome> {
  const pool = new Pool({ connectionString: url, max: writers });
  const run = randomBytes(4).toString('hex');
  const store = scenario.open(pool);
  const operations = Array.from({ length: writers }, (_, writer) => scenario.writer(pool, store, writer, run));
  // Warm up: open every connection and prepare the statements.
  await Promise.all(operations.map((operation) => operation()));
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  await Promise.all(
    operations.map(async (operation) => {
      while (process.hrtime.bigint() < deadline) {
        const before = process.hrtime.bigint();
        await operation();
        latenciesMs.push(Number(process.hrtime.bigint() - before) / 1e6);
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await store?.close();
  await pool.end();
  return { operations: latenciesMs.length, seconds: elapsed, latenciesMs };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** Server settings that decide commit cost, for the report. */
  settings: string;
  drop(): Promise<void>;
}

/** A fresh `tally_bench_test_*` database on the admin URL's server; drop() removes it. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
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
  return {
    name,
    url: url.toString(),
    settings,
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
