import { Readable } from 'node:stream';
import { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { RecordedEvent } from '../event-store.port';
import { formatEsdbPosition, SCHEMA_VERSION_KEY } from './esdb-mappings';
import { EsdbSubscription, EsdbSubscriptionOptions } from './esdb-subscription';

// The adapter's side of a catch-up subscription (queueing, batching, caughtUp, stop, failure)
// driven by a stand-in for the client's AllStreamSubscription: no server exists here.

class FakeSubscription extends Readable {
  unsubscribed = false;
  constructor() {
    super({ objectMode: true, read: () => undefined });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.push(null);
  }
}

function resolved(commit: number, streamId = 'voter-t.1', type = 'VoteCast'): AllStreamResolvedEvent {
  return {
    event: {
      streamId,
      id: `0190b7d8-0000-7000-8000-${String(commit).padStart(12, '0')}`,
      isJson: true,
      revision: BigInt(commit),
      type,
      created: new Date(0),
      data: { commit },
      metadata: { tenantId: 't', actorId: null, clientIp: null, correlationId: 'c', causationId: null, [SCHEMA_VERSION_KEY]: 1 },
      position: { commit: BigInt(commit), prepare: BigInt(commit) },
    },
    commitPosition: BigInt(commit),
  };
}

const at = (commit: number): string => formatEsdbPosition({ commit: BigInt(commit), prepare: BigInt(commit) });

function start(options: Partial<Omit<EsdbSubscriptionOptions, 'head'>> & { head: number | null }, handler: (batch: RecordedEvent[]) => Promise<void>) {
  const fake = new FakeSubscription();
  let onCheckpoint: ((position: Position) => void) | undefined;
  const subscription = new EsdbSubscription(
    {
      open: (checkpoint) => {
        onCheckpoint = checkpoint;
        return fake;
      },
      from: 'start',
      filter: undefined,
      batchSize: 2,
      upcast: (event) => event,
      handler,
      ...options,
      head: Promise.resolve(options.head === null ? null : at(options.head)),
    },
    () => undefined,
  );
  return { fake, subscription, checkpoint: (commit: number) => onCheckpoint!({ commit: BigInt(commit), prepare: BigInt(commit) }) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('EsdbSubscription', () => {
  it('delivers in order, in batches of at most batchSize, and is caught up once the head is handled', async () => {
    const batches: number[][] = [];
    const { fake, subscription } = start({ head: 3 }, async (batch) => void batches.push(batch.map((event) => event.revision)));
    await tick();
    [1, 2, 3, 4].forEach((commit) => fake.push(resolved(commit)));
    await subscription.caughtUp;
    await tick();
    expect(batches.flat()).toEqual([1, 2, 3, 4]);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(2);
    await subscription.stop();
    expect(fake.unsubscribed).toBe(true);
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('is caught up on the server’s signal, or on a filter checkpoint at the head, when nothing matching remains', async () => {
    const signalled = start({ head: 9 }, async () => undefined);
    await tick();
    signalled.fake.emit('caughtUp');
    await signalled.subscription.caughtUp;
    await signalled.subscription.stop();

    const checkpointed = start({ head: 9 }, async () => undefined);
    await tick();
    checkpointed.checkpoint(5);
    await tick();
    let caughtUp = false;
    void checkpointed.subscription.caughtUp.then(() => (caughtUp = true));
    await tick();
    expect(caughtUp).toBe(false);
    checkpointed.checkpoint(9);
    await checkpointed.subscription.caughtUp;
    await checkpointed.subscription.stop();
  });

  it('is caught up at once on an empty store', async () => {
    const { subscription } = start({ head: null }, async () => undefined);
    await subscription.caughtUp;
    await subscription.stop();
  });

  it('skips the exclusive start, system events and what the filter rejects', async () => {
    const seen: RecordedEvent[] = [];
    const { fake, subscription } = start(
      { head: 5, from: at(2), filter: { streamPrefixes: ['voter-'], eventTypes: ['VoteCast'] } },
      async (batch) => void seen.push(...batch),
    );
    await tick();
    fake.push(resolved(2));
    fake.push(resolved(3, '$$voter-t.1', '$metadata'));
    fake.push(resolved(4, 'contest-t.1'));
    fake.push(resolved(5, 'voter-t.1', 'VoteRefunded'));
    fake.push(resolved(6));
    fake.emit('caughtUp');
    await subscription.caughtUp;
    await tick();
    expect(seen.map((event) => event.position)).toEqual([at(6)]);
    await subscription.stop();
  });

  it('stops and rejects done when the handler throws', async () => {
    const failure = new Error('handler failed');
    const { fake, subscription } = start({ head: 1 }, async () => {
      throw failure;
    });
    await tick();
    fake.push(resolved(1));
    await expect(subscription.done).rejects.toBe(failure);
    await expect(subscription.caughtUp).rejects.toBe(failure);
    expect(fake.unsubscribed).toBe(true);
  });

  it('rejects done when the server ends the subscription', async () => {
    const { fake, subscription } = start({ head: null }, async () => undefined);
    await tick();
    fake.push(null);
    await expect(subscription.done).rejects.toThrow('EventStoreDB ended the subscription');
  });
});
