import { randomUUID } from 'node:crypto';
import { TestDatabaseKind } from '@tally/platform';
import { createPostgresHarness, PostgresHarness } from '../contract/postgres-harness';
import { StreamConditionFailedError, WrongExpectedVersionError } from '../event-store.errors';
import { EventToAppend } from '../event-store.port';
import { parsePgPosition } from './pg-position';

// Group commit: concurrent appends to different streams share one es_append_many transaction,
// and each stream's expectation is still its own.

function event(): EventToAppend {
  return { id: randomUUID(), type: 'Happened', data: {}, metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null } };
}

describe.each<TestDatabaseKind>(['postgres', 'pglite'])('PostgresEventStore group commit on %s', (kind) => {
  let harness: PostgresHarness;

  beforeAll(async () => {
    // One flush in flight: everything that arrives meanwhile goes in the next batch.
    harness = await createPostgresHarness(kind, { store: { groupCommitFlushes: 1, listen: false } });
  });

  afterAll(() => harness.close());

  it('commits concurrent appends to different streams in one transaction, each with its own revision', async () => {
    const run = randomUUID().slice(0, 8);
    // 'hold' takes the one flush slot at once; the 20 that arrive meanwhile go together.
    const results = await Promise.all([
      harness.store.append(`gc-${run}.hold`, [event()], 'no_stream'),
      ...Array.from({ length: 20 }, (_, i) => harness.store.append(`gc-${run}.s${i}`, [event(), event()], 'no_stream')),
    ]);
    const batched = results.slice(1);
    expect(batched.every((result) => result.nextExpectedRevision === 1)).toBe(true);
    const transactions = new Set(batched.map((result) => parsePgPosition(result.position).tx));
    expect(transactions.size).toBe(1);
    const stream = await harness.store.readStream(`gc-${run}.s7`);
    expect(stream.map((e) => e.revision)).toEqual([0, 1]);
  });

  it("fails only the stream whose expectation does not hold, and only the stream whose event id clashes", async () => {
    const run = randomUUID().slice(0, 8);
    const reused = event();
    await harness.store.append(`gc-${run}.a`, [event()], 'no_stream');
    await harness.store.append(`gc-${run}.dup`, [reused], 'no_stream');
    const outcomes = await Promise.allSettled([
      harness.store.append(`gc-${run}.first`, [event()], 'no_stream'),
      harness.store.append(`gc-${run}.a`, [event()], 5), // wrong expectation: conflict, nothing written
      harness.store.append(`gc-${run}.dup`, [reused], 0), // same id under a matching expectation: conflict
      harness.store.append(`gc-${run}.b`, [event()], 'no_stream'),
      harness.store.append(`gc-${run}.c`, [event()], 'any'),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await harness.store.readStream(`gc-${run}.a`)).length).toBe(1);
    expect((await harness.store.readStream(`gc-${run}.dup`)).length).toBe(1);
    expect((await harness.store.readStream(`gc-${run}.b`)).length).toBe(1);
  });

  it('lets one of two batched appends to the same stream with the same expectation win', async () => {
    const run = randomUUID().slice(0, 8);
    await harness.store.append(`gc-${run}.warm`, [event()], 'no_stream');
    const outcomes = await Promise.allSettled([
      harness.store.append(`gc-${run}.x`, [event()], 'no_stream'),
      harness.store.append(`gc-${run}.same`, [event()], 'no_stream'),
      harness.store.append(`gc-${run}.same`, [event()], 'no_stream'),
    ]);
    expect(outcomes.slice(1).filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect((await harness.store.readStream(`gc-${run}.same`)).length).toBe(1);
  });

  it('batches conditional appends in one transaction; a failed condition fails only its own append', async () => {
    const run = randomUUID().slice(0, 8);
    const contest = `gc-${run}.contest`;
    await harness.store.append(contest, [event(), event()], 'no_stream');
    const results = await Promise.allSettled([
      harness.store.append(`gc-${run}.hold`, [event()], 'no_stream'),
      ...Array.from({ length: 12 }, (_, i) =>
        harness.store.append(`gc-${run}.v${i}`, [event()], 'no_stream', { conditions: [{ streamId: contest, revision: i === 5 ? 0 : 1 }] }),
      ),
    ]);
    const votes = results.slice(1, 13);
    expect(votes.map((outcome) => outcome.status)).toEqual(votes.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    expect((votes[5] as PromiseRejectedResult).reason).toBeInstanceOf(StreamConditionFailedError);
    const positions = votes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => parsePgPosition(outcome.value.position).tx);
    expect(new Set(positions).size).toBe(1);
  });

  it('evaluates a condition after the appends before it in the same batch (stream order)', async () => {
    const run = randomUUID().slice(0, 8);
    await harness.store.append(`gc-${run}.a-contest`, [event()], 'no_stream');
    const outcomes = await Promise.allSettled([
      harness.store.append(`gc-${run}.hold`, [event()], 'no_stream'),
      harness.store.append(`gc-${run}.a-contest`, [event()], 0),
      harness.store.append(`gc-${run}.b-vote`, [event()], 'no_stream', { conditions: [{ streamId: `gc-${run}.a-contest`, revision: 0 }] }),
      harness.store.append(`gc-${run}.c-vote`, [event()], 'no_stream', { conditions: [{ streamId: `gc-${run}.a-contest`, revision: 1 }] }),
      // Sorts before the contest: locked ahead of it, and its condition sees the contest before the move.
      harness.store.append(`gc-${run}.0-early`, [event()], 'no_stream', { conditions: [{ streamId: `gc-${run}.a-contest`, revision: 0 }] }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
