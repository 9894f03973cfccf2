import { randomUUID } from 'node:crypto';
import { createPostgresHarness, PostgresHarness } from '../contract/postgres-harness';
import { EventStore } from '../event-store.port';
import { CommandRunner } from './command-runner';
import { StreamDecider } from './stream-decider';

type Counted = { type: 'Counted'; data: { n: number } };
const counter: StreamDecider<number, Counted> = { aggregate: 'counter', initialState: () => 0, evolve: (state, event) => state + event.data.n };
const counted = (n: number) => ({ id: randomUUID(), type: 'Counted', data: { n }, metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null } });

describe('CommandRunner.load shares concurrent reads of one stream', () => {
  let harness: PostgresHarness;
  let reads = 0;
  let runner: CommandRunner;

  beforeAll(async () => {
    harness = await createPostgresHarness('postgres');
    // The real store, counting its stream reads.
    const store = new Proxy(harness.store, {
      get(target, property, receiver) {
        if (property === 'readStream') reads++;
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as EventStore;
    runner = new CommandRunner(store);
  });

  afterAll(() => harness.close());

  it('answers 50 concurrent loads with at most two reads, and never with a state older than the call', async () => {
    const stream = `counter-t.${randomUUID()}`;
    await harness.store.append(stream, [counted(1), counted(2)], 'no_stream');
    reads = 0;
    const loads = await Promise.all(Array.from({ length: 50 }, () => runner.load(counter, stream)));
    expect(reads).toBeLessThanOrEqual(2);
    expect(loads.every((loaded) => loaded.state === 3 && loaded.revision === 1)).toBe(true);

    // A load issued after an append sees it, even while an earlier load is still in flight.
    const early = runner.load(counter, stream);
    await harness.store.append(stream, [counted(10)], 1);
    const late = await runner.load(counter, stream);
    await early;
    expect(late).toEqual({ state: 13, revision: 2 });
  });
});
