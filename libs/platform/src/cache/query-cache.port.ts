/**
 * Which cached query result: its kind (`namespace`, e.g. `voting.contest-view`) and which one
 * (`id`, e.g. the stream it is read from). Invalidations name results the same way.
 */
export interface CacheKey {
  namespace: string;
  id: string;
}

export type InvalidationListener = (key: CacheKey) => void;

/**
 * Query results shared by the processes of a deployment (docs/scaling.md "Query result cache").
 * A result is served from this process's local copy while no invalidation has reached it, else
 * from the shared store, else computed by `load` and kept for the next reader. Invalidation is
 * by event: whoever sees a change calls `invalidate`, and every process drops its copy.
 *
 * Never the reason a read fails: a store that cannot answer falls back to `load` (the database).
 * Values must be JSON (the shared store keeps them as text) and are handed to several readers,
 * so they are read-only.
 */
export interface QueryCache {
  get<Value>(key: CacheKey, load: () => Promise<Value>): Promise<Value>;
  /** Drops the results everywhere: the shared copy at once, every process's local copy as the news reaches it. */
  invalidate(keys: readonly CacheKey[]): Promise<void>;
  /** Told of each invalidation that reaches this process (its own included), e.g. to drop a cache of its own. */
  onInvalidate(listener: InvalidationListener): void;
}

export const QUERY_CACHE = Symbol('QueryCache');

export const cacheKeyText = (key: CacheKey): string => `${key.namespace}:${key.id}`;
