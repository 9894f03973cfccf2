import { QueryCacheConfig } from './query-cache.config';
import { CacheKey, cacheKeyText, InvalidationListener, QueryCache } from './query-cache.port';
import { LocalCopies } from './local-copies';
import { SharedLoads } from './shared-loads';

/**
 * The embedded mode's cache (no REDIS_URL): one process, so its memory is the shared store and an
 * invalidation reaches every reader at once.
 */
export class InProcessQueryCache implements QueryCache {
  private readonly copies: LocalCopies;
  private readonly loads = new SharedLoads();
  private listeners: InvalidationListener[] = [];

  constructor(config: Pick<QueryCacheConfig, 'ttlMs' | 'localEntries'>) {
    this.copies = new LocalCopies(config.localEntries, config.ttlMs);
  }

  get<Value>(key: CacheKey, load: () => Promise<Value>): Promise<Value> {
    const text = cacheKeyText(key);
    const copy = this.copies.find(text);
    if (copy) return Promise.resolve(copy.value as Value);
    const epoch = this.copies.epoch;
    return this.loads.run(text, epoch, async () => {
      const value = await load();
      this.copies.keep(text, value, epoch);
      return value;
    });
  }

  invalidate(keys: readonly CacheKey[]): Promise<void> {
    for (const key of keys) {
      this.copies.drop(cacheKeyText(key));
      for (const listener of this.listeners) listener(key);
    }
    return Promise.resolve();
  }

  onInvalidate(listener: InvalidationListener): void {
    this.listeners = [...this.listeners, listener];
  }
}
