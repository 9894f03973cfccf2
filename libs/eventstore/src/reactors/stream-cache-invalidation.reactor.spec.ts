import { CacheKey, InProcessQueryCache, QueryCache } from '@tally/platform';
import { AppendObservers } from '../append-observers';
import { EventMetadata, RecordedEvent } from '../event-store.port';
import { StreamCacheInvalidationReactor } from './stream-cache-invalidation.reactor';

class ThingViewCacheReactor extends StreamCacheInvalidationReactor {
  constructor(cache: QueryCache, observers: AppendObservers) {
    super({ name: 'test.thing-view-cache', namespace: 'test.thing-view', streamPrefix: 'thing-', eventTypes: ['ThingRenamed', 'ThingClosed'] }, cache, observers);
  }
}

const metadata: EventMetadata = { tenantId: 't', actorId: null, clientIp: null, correlationId: 'c', causationId: null };

function recorded(streamId: string, type: string): RecordedEvent {
  return { id: `${streamId}:${type}`, streamId, revision: 0, position: '1', type, schemaVersion: 1, data: {}, metadata, createdAt: new Date() };
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
});
