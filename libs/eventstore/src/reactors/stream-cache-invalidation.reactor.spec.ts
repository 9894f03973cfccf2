import { CacheKey, InProcessQueryCache, QueryCache } from '@tally/platform';
import { AppendObservers } from '../append-observers';
import { EventMetadata, RecordedEvent } from '../event-store.port';
import { ReadPositionWaiter } from '../read-your-writes/read-position-waiter';
import { StreamCacheInvalidationReactor } from './stream-cache-invalidation.reactor';

class ThingViewCacheReactor extends StreamCacheInvalidationReactor {
  constructor(cache: QueryCache, observers: AppendObservers) {
    super({ name: 'test.thing-view-cache', namespace: 'test.thing-view', streamPrefix: 'thing-', eventTypes: ['ThingRenamed', 'ThingClosed'] }, cache, observers);
  }
}

/** Things whose page also shows approvals held in a read model, on `approval-` streams. */
class ApprovedThingViewCacheReactor extends StreamCacheInvalidationReactor {
  constructor(cache: QueryCache, observers: AppendObservers, waiter: ReadPositionWaiter) {
    super(
      {
        name: 'test.approved-thing-view-cache',
        namespace: 'test.thing-view',
        streamPrefix: 'thing-',
        eventTypes: ['ThingRenamed'],
        readModelChanges: {
          streamPrefix: 'approval-',
          eventTypes: ['ThingApproved'],
          projections: ['test-approvals'],
          cachedStreamOf: (event) => `thing-t.${(event.data as { thingId: string }).thingId}`,
        },
      },
      cache,
      observers,
      waiter,
    );
  }
}

/** The part of ReadPositionWaiter the reactor uses: whether the approvals projection has applied a position yet. */
function waiterWhere(applied: { through: string }): { waiter: ReadPositionWaiter; asked: string[] } {
  const asked: string[] = [];
  const waiter = {
    waitFor: (projections: readonly string[], position: string) => {
      asked.push(`${projections.join(',')}@${position}`);
      return Promise.resolve(position <= applied.through);
    },
  };
  return { waiter: waiter as unknown as ReadPositionWaiter, asked };
}

const metadata: EventMetadata = { tenantId: 't', actorId: null, clientIp: null, correlationId: 'c', causationId: null };

function recorded(streamId: string, type: string, data: object = {}, position = '1'): RecordedEvent {
  return { id: `${streamId}:${type}`, streamId, revision: 0, position, type, schemaVersion: 1, data, metadata, createdAt: new Date() };
}

describe('StreamCacheInvalidationReactor', () => {
  let cache: InProcessQueryCache;
  let observers: AppendObservers;
  let reactor: ThingViewCacheReactor;
  let invalidated: CacheKey[];

  beforeEach(() => {
    cache = new InProcessQueryCache({ ttlMs: 60_000, localEntries: 100 });
    observers = new AppendObservers();
    reactor = new ThingViewCacheReactor(cache, observers);
    invalidated = [];
    cache.onInvalidate((key) => invalidated.push(key));
  });

  it('reads only its streams and event types from the log', () => {
    expect(reactor.name).toBe('test.thing-view-cache');
    expect(reactor.filter).toEqual({ streamPrefixes: ['thing-'], eventTypes: ['ThingRenamed', 'ThingClosed'] });
  });

  it('invalidates each changed stream of a batch once, keyed by its stream id', async () => {
    await reactor.reactBatch([recorded('thing-t.1', 'ThingRenamed'), recorded('thing-t.1', 'ThingClosed'), recorded('thing-t.2', 'ThingClosed'), recorded('other-t.3', 'ThingClosed')]);
    expect(invalidated).toEqual([
      { namespace: 'test.thing-view', id: 'thing-t.1' },
      { namespace: 'test.thing-view', id: 'thing-t.2' },
    ]);
  });

  it('drops the cached result when this process appends a change, before the log is read', async () => {
    let name = 'old';
    const key = { namespace: 'test.thing-view', id: 'thing-t.1' };
    expect(await cache.get(key, () => Promise.resolve(name))).toBe('old');
    name = 'new';
    observers.notify('thing-t.1', [{ type: 'ThingSeen', data: {}, metadata }]);
    expect(await cache.get(key, () => Promise.resolve(name))).toBe('old');
    observers.notify('thing-t.1', [{ type: 'ThingRenamed', data: {}, metadata }]);
    expect(await cache.get(key, () => Promise.resolve(name))).toBe('new');
    expect(invalidated).toEqual([key]);
  });

  it('invalidates a result a read model shows only once its projection has applied the change', async () => {
    const applied = { through: '4' };
    const { waiter, asked } = waiterWhere(applied);
    const approving = new ApprovedThingViewCacheReactor(cache, new AppendObservers(), waiter);
    expect(approving.filter).toEqual({ streamPrefixes: ['thing-', 'approval-'], eventTypes: ['ThingRenamed', 'ThingApproved'] });
    const approval = recorded('approval-t.9', 'ThingApproved', { thingId: '1' }, '5');

    // Not applied yet: the batch fails (the runner retries it), nothing is dropped too early.
    await expect(approving.reactBatch([approval])).rejects.toThrow('test-approvals have not applied 5 yet');
    expect(invalidated).toEqual([]);
    applied.through = '5';
    await approving.reactBatch([approval, recorded('thing-t.2', 'ThingRenamed')]);
    expect(invalidated).toEqual([
      { namespace: 'test.thing-view', id: 'thing-t.2' },
      { namespace: 'test.thing-view', id: 'thing-t.1' },
    ]);
    expect(asked).toEqual(['test-approvals@5', 'test-approvals@5']);
  });
});
