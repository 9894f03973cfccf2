import { randomUUID } from 'node:crypto';
import { DomainError, isPostgresReachable } from '@tally/platform';
import { createPostgresHarness, PostgresHarness } from '../contract/postgres-harness';
import { commandMetadata } from './command-metadata';
import { StreamConditionFailedError } from '../event-store.errors';
import { CommandRunner } from './command-runner';
import { DomainEvent } from './domain-event';
import { Decision, StreamDecider } from './stream-decider';

// The CommandRunner against the real PostgreSQL adapter (PGlite when no server answers).

type Incremented = DomainEvent<'Incremented', { by: number }>;

interface Counter {
  count: number;
}

const counter: StreamDecider<Counter, Incremented> = {
  aggregate: 'counter',
  initialState: () => ({ count: 0 }),
  evolve: (state, event) => ({ count: state.count + event.data.by }),
};

const metadata = commandMetadata({ tenantId: 'tenant-runner', actorId: null, clientIp: null });

function increment(streamId: string): Decision<Counter, Incremented> {
  return { decider: counter, streamId, decide: () => [{ type: 'Incremented', data: { by: 1 } }] };
}

/** Refuses below `minimum`: a rule only a fresh state can pass once others have incremented. */
function incrementIfAtLeast(streamId: string, minimum: number): Decision<Counter, Incremented> {
  return {
    decider: counter,
    streamId,
    decide: (state) => {
      if (state.count < minimum) throw new DomainError('COUNTER.TOO_LOW', `count ${state.count} is below ${minimum}`);
      return [{ type: 'Incremented', data: { by: 1 } }];
    },
  };
}

describe('CommandRunner on the PostgreSQL event store', () => {
  let harness: PostgresHarness;

  beforeAll(async () => {
    harness = await createPostgresHarness((await isPostgresReachable()) ? 'postgres' : 'pglite');
  });

  afterAll(() => harness.close());

  it('loses no update when 30 decisions on one stream run at once', async () => {
    const runner = new CommandRunner(harness.store);
    const stream = `counter-tenant.${randomUUID()}`;
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => runner.run(increment(stream), metadata)));
    expect(new Set(outcomes.map((outcome) => outcome.revision))).toEqual(new Set(Array.from({ length: 30 }, (_, revision) => revision)));
    const events = await harness.store.readStream(stream);
    expect(events.map((event) => event.revision)).toEqual(Array.from({ length: 30 }, (_, revision) => revision));
    const fresh = await new CommandRunner(harness.store).load(counter, stream);
    expect(fresh).toEqual({ state: { count: 30 }, revision: 29 });
    expect(events[0].metadata).toMatchObject({ tenantId: 'tenant-runner', correlationId: metadata.correlationId });
  });

  it('loses no update when two processes (two runners, two caches) contend', async () => {
    const [a, b] = [new CommandRunner(harness.store), new CommandRunner(harness.store)];
    const stream = `counter-tenant.${randomUUID()}`;
    await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? a : b).run(increment(stream), metadata)));
    expect(await new CommandRunner(harness.store).load(counter, stream)).toEqual({ state: { count: 20 }, revision: 19 });
  });

  it('re-checks a refusal made on a stale cached state against the stream', async () => {
    const stale = new CommandRunner(harness.store);
    const other = new CommandRunner(harness.store);
    const stream = `counter-tenant.${randomUUID()}`;
    await stale.run(increment(stream), metadata); // stale now caches count 1 at revision 0
    await other.run(increment(stream), metadata);
    await other.run(increment(stream), metadata); // the stream is at count 3
    const outcome = await stale.run(incrementIfAtLeast(stream, 3), metadata);
    expect(outcome.state).toEqual({ count: 4 });
    expect(outcome.revision).toBe(3);
  });

  it('still refuses when the fresh state refuses too', async () => {
    const runner = new CommandRunner(harness.store);
    const stream = `counter-tenant.${randomUUID()}`;
    await runner.run(increment(stream), metadata);
    await expect(runner.run(incrementIfAtLeast(stream, 5), metadata)).rejects.toMatchObject({ code: 'COUNTER.TOO_LOW' });
    expect(await harness.store.readStream(stream)).toHaveLength(1);
  });

  it('readGuarded: the cached state with its condition, no store read; fresh on request', async () => {
    const runner = new CommandRunner(harness.store);
    const other = new CommandRunner(harness.store);
    const stream = `counter-tenant.${randomUUID()}`;
    expect(await runner.readGuarded(counter, stream)).toEqual({ state: { count: 0 }, revision: -1, fromCache: false, condition: { streamId: stream, revision: 'no_stream' } });
    await runner.run(increment(stream), metadata);
    await other.run(increment(stream), metadata);
    // Synchronous from the cache, and stale: the condition says so at append time.
    expect(runner.readGuarded(counter, stream)).toEqual({ state: { count: 1 }, revision: 0, fromCache: true, condition: { streamId: stream, revision: 0 } });
    expect(await runner.readGuarded(counter, stream, { fresh: true })).toMatchObject({ state: { count: 2 }, revision: 1, fromCache: false });
  });

  it('appends with the decision\'s conditions, and throws StreamConditionFailedError (no retry, nothing appended) when one fails', async () => {
    const runner = new CommandRunner(harness.store);
    const guard = `counter-tenant.${randomUUID()}`;
    const stream = `counter-tenant.${randomUUID()}`;
    await runner.run(increment(guard), metadata);
    const guarded = await runner.readGuarded(counter, guard);
    const conditional = { ...increment(stream), conditions: () => (guarded.condition ? [guarded.condition] : []) };
    await runner.run(conditional, metadata);
    await new CommandRunner(harness.store).run(increment(guard), metadata);
    await expect(runner.run(conditional, metadata)).rejects.toBeInstanceOf(StreamConditionFailedError);
    expect(await harness.store.readStream(stream)).toHaveLength(1);
  });
});
