import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { PoolClient } from 'pg';
import { TestDatabaseKind } from '@tally/platform';
import { createPostgresHarness, PostgresHarness } from '../contract/postgres-harness';
import { EVENT_STORE_APPEND_MANY_SET_DOWN } from './migrations/eventstore-append-many-set.sql';

// The set-based es_append_many_if against its one-by-one predecessor (installed beside it as
// es_append_many_if_reference): for random stream states and random batches — duplicate
// streams, every kind of expectation, idempotent retries, conditions that hold or not, batches
// that append a stream another item has as a condition — both give the same statuses and
// revisions and leave the same streams and events. Each case runs inside a transaction that is
// rolled back, once per function.

const STREAMS = ['a-contest', 'b-contest', 'voter-1', 'voter-2', 'voter-3', 'voter-4'];

interface StreamState {
  revision: number;
  state: 'active' | 'soft_deleted' | 'tombstoned';
}

interface Item {
  stream: string;
  expected: number;
  /** Event ids: fresh, or the stream's existing ones from `retryFrom` (an idempotent retry). */
  count: number;
  retryFrom: number | null;
  conditions: { stream: string; revision: number }[];
}

const stateArb = fc.option(
  fc.record({ revision: fc.integer({ min: -1, max: 3 }), state: fc.constantFrom<StreamState['state']>('active', 'active', 'active', 'soft_deleted', 'tombstoned') }),
  { nil: undefined },
);

const itemArb = fc.record({
  stream: fc.constantFrom(...STREAMS),
  expected: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constantFrom(-2, -4)),
  count: fc.integer({ min: 1, max: 3 }),
  retryFrom: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  conditions: fc.array(fc.record({ stream: fc.constantFrom(...STREAMS), revision: fc.integer({ min: -1, max: 4 }) }), { maxLength: 2 }),
});

const caseArb = fc.record({
  states: fc.tuple(...STREAMS.map(() => stateArb)),
  items: fc.array(itemArb, { minLength: 2, maxLength: 8 }),
});

describe.each<TestDatabaseKind>(['postgres', 'pglite'])('es_append_many_if (set-based) on %s', (kind) => {
  let harness: PostgresHarness;
  let client: PoolClient;

  beforeAll(async () => {
    harness = await createPostgresHarness(kind, { store: { listen: false } });
    client = await harness.pool.connect();
    await client.query(EVENT_STORE_APPEND_MANY_SET_DOWN[0].replace('FUNCTION es_append_many_if(', 'FUNCTION es_append_many_if_reference('));
  });

  afterAll(async () => {
    client.release();
    await harness.close();
  });

  it('gives the same results and leaves the same log as appending the items one by one', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ states, items }) => {
        const run = randomUUID().slice(0, 8);
        const name = (stream: string): string => `${stream.split('-')[0]}-${run}.${stream}`;
        const existing = new Map<string, string[]>();
        const setUp = async (): Promise<void> => {
          for (const [i, state] of states.entries()) {
            if (!state) continue;
            const stream = name(STREAMS[i]);
            const ids = Array.from({ length: state.revision + 1 }, () => randomUUID());
            existing.set(STREAMS[i], ids);
            await client.query('INSERT INTO es_streams (stream_id, revision, state) VALUES ($1, $2, $3)', [stream, state.revision, state.state]);
            for (const [revision, id] of ids.entries()) {
              await client.query(
                `INSERT INTO es_events (stream_id, stream_revision, event_id, event_type, data, metadata) VALUES ($1, $2, $3, 'Happened', '{}', '{}')`,
                [stream, revision, id],
              );
            }
          }
        };
        // The adapter sorts a batch by stream id before the call.
        const batch = [...items].sort((a, b) => (name(a.stream) < name(b.stream) ? -1 : name(a.stream) > name(b.stream) ? 1 : 0));
        const ids = batch.map((item) => {
          const old = existing.get(item.stream) ?? [];
          if (item.retryFrom !== null && item.retryFrom + item.count <= old.length) return old.slice(item.retryFrom, item.retryFrom + item.count);
          return Array.from({ length: item.count }, () => randomUUID());
        });
        const args = [
          batch.map((item) => name(item.stream)),
          batch.map((item) => item.expected),
          batch.map((item) => item.count),
          ids.flat(),
          ids.flat().map(() => 'Happened'),
          ids.flat().map(() => 1),
          ids.flat().map(() => '{}'),
          ids.flat().map(() => '{}'),
          false,
          batch.map((item) => item.conditions.length),
          batch.flatMap((item) => item.conditions.map((condition) => name(condition.stream))),
          batch.flatMap((item) => item.conditions.map((condition) => condition.revision)),
        ];
        const outcome = async (fn: string): Promise<unknown> => {
          await client.query('SAVEPOINT attempt');
          try {
            const { rows } = await client.query(
              `SELECT item, status, revision, pos IS NOT NULL AS has_pos, tx = pg_current_xact_id() AS own_tx, cond_stream
                 FROM ${fn}($1::text[], $2::bigint[], $3::int[], $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9, $10::int[], $11::text[], $12::bigint[])
                ORDER BY item`,
              args,
            );
            const streams = await client.query(`SELECT stream_id, revision, state FROM es_streams WHERE stream_id LIKE '%-${run}.%' ORDER BY stream_id`);
            const events = await client.query(
              `SELECT stream_id, stream_revision, event_id FROM es_events WHERE stream_id LIKE '%-${run}.%' ORDER BY stream_id, stream_revision`,
            );
            // Within each stream, positions grow with revisions.
            const order = await client.query(
              `SELECT count(*) AS n FROM es_events a JOIN es_events b ON a.stream_id = b.stream_id AND a.stream_revision < b.stream_revision
                WHERE a.stream_id LIKE '%-${run}.%' AND a.global_position > b.global_position`,
            );
            return { rows, streams: streams.rows, events: events.rows, outOfOrder: Number(order.rows[0].n) };
          } catch (error) {
            return { error: (error as { code?: string }).code ?? String(error) };
          } finally {
            await client.query('ROLLBACK TO SAVEPOINT attempt');
          }
        };
        await client.query('BEGIN');
        try {
          await setUp();
          const setBased = await outcome('es_append_many_if');
          const oneByOne = await outcome('es_append_many_if_reference');
          expect(setBased).toEqual(oneByOne);
        } finally {
          await client.query('ROLLBACK');
        }
      }),
      { numRuns: kind === 'postgres' ? 1000 : 200 },
    );
  });

  it('appends a batch of conditioned votes, each at its next revision, positions in item order', async () => {
    const run = randomUUID().slice(0, 8);
    await harness.store.append(`contest-${run}.c`, [{ type: 'Created', data: {}, metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: 'c', causationId: null } }], 'no_stream');
    const voters = Array.from({ length: 6 }, (_, i) => `voter-${run}.v${i}`);
    for (const voter of voters) {
      await harness.store.append(voter, [{ type: 'Granted', data: {}, metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: 'c', causationId: null } }], 'no_stream');
    }
    const ids = voters.map(() => randomUUID());
    const { rows } = await client.query<{ item: number; status: number; revision: string; pos: string }>(
      `SELECT item, status, revision, pos FROM es_append_many_if($1::text[], $2::bigint[], $3::int[], $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], false, $9::int[], $10::text[], $11::bigint[])
        ORDER BY item`,
      [voters, voters.map(() => 0), voters.map(() => 1), ids, ids.map(() => 'VoteCast'), ids.map(() => 1), ids.map(() => '{}'), ids.map(() => '{}'), voters.map(() => 1), voters.map(() => `contest-${run}.c`), voters.map(() => 0)],
    );
    expect(rows.map((row) => [row.item, row.status, Number(row.revision)])).toEqual(voters.map((_, i) => [i, 0, 1]));
    const positions = rows.map((row) => BigInt(row.pos));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    for (const [i, voter] of voters.entries()) expect((await harness.store.readStream(voter)).map((event) => event.id)[1]).toBe(ids[i]);
  });
});
