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
import { Pool } from 'pg';
import { installEventStoreSchema, PostgresEventStore } from '@tally/eventstore';
import { createBenchDatabase, measure, percentile, RAW_TABLE_SQL, rawInsert, Scenario, voteEvent } from './support/pg-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WRITERS = (process.env.BENCH_WRITERS ?? '1,8,32,64').split(',').map(Number);

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

const SCENARIOS: Scenario[] = [
  eventStoreScenario('es_append (default)', undefined),
  eventStoreScenario('es_append+notify/tx', 0),
  eventStoreScenario('es_append no notify', null),
  rawInsert,
];

async function main(): Promise<void> {
  const database = await createBenchDatabase();
  try {
    const setup = new Pool({ connectionString: database.url, max: 1 });
    await installEventStoreSchema(setup);
    await setup.query(RAW_TABLE_SQL);
    await setup.end();

    console.log(`PostgreSQL: ${database.settings}`);
    console.log(`${SECONDS}s per scenario, single-event appends, each writer on its own stream, exact expected revision\n`);
    console.log(['writers', 'scenario', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms'].map((h, i) => (i < 2 ? h.padEnd(i ? 24 : 8) : h.padStart(9))).join(' '));
    for (const writers of WRITERS) {
      for (const scenario of SCENARIOS) {
        const outcome = await measure(database.url, scenario, writers, SECONDS);
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
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
