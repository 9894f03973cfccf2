import { randomUUID } from 'node:crypto';
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { LocalCopies } from './local-copies';
import { QueryCacheConfig } from './query-cache.config';
import { CacheKey, cacheKeyText, InvalidationListener, QueryCache } from './query-cache.port';
import { SharedLoads } from './shared-loads';

/**
 * Stores the value only if no invalidation came between the reader's look (which saw
 * `ARGV[1]` as the key's generation) and now: a result computed from the database just before a
 * change must not be written back after the change's invalidation deleted it.
 */
const STORE_IF_GENERATION = `
if (redis.call('GET', KEYS[1]) or '0') == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/** Generations outlive any value by far; one that expired reads as 0, which only refuses a store. */
const GENERATION_TTL_MS = 86_400_000;

interface StoreCommand {
  tallyQueryCacheStore(generationKey: string, valueKey: string, generation: string, value: string, ttlMs: number): Promise<number>;
}

interface InvalidationMessage {
  from: string;
  keys: CacheKey[];
}

/** What Redis holds for a key: its generation, and the value when there is one. */
interface SharedEntry {
  generation: string;
  value?: unknown;
}

/**
 * The query cache of a deployment with REDIS_URL (docs/scaling.md "Query result cache").
 *
 * - Values: `<prefix>v:<namespace>:<id>` (JSON, PX = QUERY_CACHE_TTL_MS) beside a generation
 *   counter `<prefix>g:<namespace>:<id>` that every invalidation increments.
 * - Invalidation: one MULTI increments the generations, deletes the values and PUBLISHes the keys
 *   on `<prefix>invalidations`; every process drops its local copies when the message arrives.
 * - Local copies serve a reader with no Redis round trip, and are trusted only while this
 *   process's subscription is up: when it drops, every copy goes and none is kept until it is
 *   back, since invalidations sent meanwhile are lost to it.
 * - Redis failing (down, or slower than QUERY_CACHE_REDIS_TIMEOUT_MS) costs a database read, never
 *   an error: its own connection has no offline queue, so nothing waits on a reconnect.
 */
export class RedisQueryCache implements QueryCache, OnApplicationShutdown {
  private readonly logger = new Logger('QueryCache');
  private readonly processId = randomUUID();
  private readonly copies: LocalCopies;
  private readonly loads = new SharedLoads();
  private readonly channel: string;
  private listeners: InvalidationListener[] = [];
  private listening = false;
  private failing = false;
  /** Invalidations Redis could not be told, sent again when the command connection is back. */
  private readonly unsent = new Map<string, CacheKey>();

  constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly config: QueryCacheConfig,
  ) {
    this.copies = new LocalCopies(config.localEntries, config.ttlMs);
    this.channel = `${config.redisPrefix}invalidations`;
    commands.defineCommand('tallyQueryCacheStore', { numberOfKeys: 2, lua: STORE_IF_GENERATION });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.received(message);
    });
    subscriber.on('close', () => this.stopTrustingCopies());
    subscriber.on('ready', () => void this.listen());
    if (subscriber.status === 'ready') void this.listen();
    commands.on('ready', () => void this.resend());
  }

  get<Value>(key: CacheKey, load: () => Promise<Value>): Promise<Value> {
    const text = cacheKeyText(key);
    if (this.listening) {
      const copy = this.copies.find(text);
      if (copy) return Promise.resolve(copy.value as Value);
    }
    const epoch = this.copies.epoch;
    return this.loads.run(text, epoch, () => this.fetch(text, load, epoch));
  }

  /**
   * This process drops its copies at once (a reader here right after a write sees it); the
   * others when the message reaches them. Rejects when Redis cannot be told; the keys are sent
   * again as soon as the connection is back (the value Redis still holds would otherwise be served
   * once it answers again), and the caller (a reactor) retries too.
   */
  async invalidate(keys: readonly CacheKey[]): Promise<void> {
    if (keys.length === 0) return;
    this.dropLocally(keys);
    try {
      await this.send(keys);
    } catch (error) {
      for (const key of keys) this.unsent.set(cacheKeyText(key), key);
      throw error;
    }
  }

  onInvalidate(listener: InvalidationListener): void {
    this.listeners = [...this.listeners, listener];
  }

  async onApplicationShutdown(): Promise<void> {
    // quit() on a client that is reconnecting would wait for the connection it cannot get.
    for (const client of [this.subscriber, this.commands]) {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    }
  }

  private async send(keys: readonly CacheKey[]): Promise<void> {
    const multi = this.commands.multi();
    for (const key of keys) {
      const text = cacheKeyText(key);
      multi.incr(this.generationKey(text)).pexpire(this.generationKey(text), GENERATION_TTL_MS).del(this.valueKey(text));
    }
    const message: InvalidationMessage = { from: this.processId, keys: keys.map(({ namespace, id }) => ({ namespace, id })) };
    multi.publish(this.channel, JSON.stringify(message));
    await multi.exec();
  }

  private async resend(): Promise<void> {
    if (this.unsent.size === 0) return;
    const keys = [...this.unsent.values()];
    this.unsent.clear();
    try {
      await this.send(keys);
      this.logger.log(`Query cache: sent ${keys.length} invalidation(s) held while Redis was unreachable`);
    } catch {
      for (const key of keys) this.unsent.set(cacheKeyText(key), key);
    }
  }

  private async fetch<Value>(text: string, load: () => Promise<Value>, epoch: number): Promise<Value> {
    const shared = await this.readShared(text);
    if (shared && shared.value !== undefined) {
      this.keepLocally(text, shared.value, epoch);
      return shared.value as Value;
    }
    const value = await load();
    this.keepLocally(text, value, epoch);
    if (shared) void this.storeShared(text, value, shared.generation);
    return value;
  }

  /** Null when Redis did not answer: the caller reads the database and stores nothing there. */
  private async readShared(text: string): Promise<SharedEntry | null> {
    try {
      const [generation, value] = await this.commands.mget(this.generationKey(text), this.valueKey(text));
      this.recovered();
      return { generation: generation ?? '0', value: value === null || value === undefined ? undefined : parsed(value) };
    } catch (error) {
      this.failed(error);
      return null;
    }
  }

  private async storeShared(text: string, value: unknown, generation: string): Promise<void> {
    if (this.config.ttlMs === 0 || value === undefined) return;
    try {
      await (this.commands as Redis & StoreCommand).tallyQueryCacheStore(this.generationKey(text), this.valueKey(text), generation, JSON.stringify(value), this.config.ttlMs);
    } catch (error) {
      this.failed(error);
    }
  }

  private keepLocally(text: string, value: unknown, epoch: number): void {
    if (this.listening) this.copies.keep(text, value, epoch);
  }

  private async listen(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
    } catch (error) {
      // The next 'ready' (after a reconnect) tries again; until then no copy is trusted.
      this.logger.warn({ err: error }, 'Could not subscribe to cache invalidations; serving from Redis or the database meanwhile');
      return;
    }
    // Whatever was computed before the subscription may predate an invalidation it missed.
    this.copies.dropAll();
    this.listening = true;
  }

  private stopTrustingCopies(): void {
    this.listening = false;
    this.copies.dropAll();
  }

  private received(raw: string): void {
    const message = invalidationMessage(raw);
    if (!message) {
      this.logger.warn('Ignored a malformed cache invalidation message');
      return;
    }
    if (message.from !== this.processId) this.dropLocally(message.keys);
  }

  private dropLocally(keys: readonly CacheKey[]): void {
    for (const key of keys) {
      this.copies.drop(cacheKeyText(key));
      for (const listener of this.listeners) {
        try {
          listener(key);
        } catch (error) {
          this.logger.error({ err: error, key }, 'A cache invalidation listener threw');
        }
      }
    }
  }

  /** Logged once per outage, not once per read. */
  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn({ err: error }, 'Query cache: Redis does not answer; reading the database until it does');
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('Query cache: Redis answers again');
  }

  private valueKey(text: string): string {
    return `${this.config.redisPrefix}v:${text}`;
  }

  private generationKey(text: string): string {
    return `${this.config.redisPrefix}g:${text}`;
  }
}

/** A value that does not parse (written by an incompatible version) counts as a miss. */
function parsed(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function invalidationMessage(raw: string): InvalidationMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  const candidate = message as Partial<InvalidationMessage> | null;
  if (typeof candidate?.from !== 'string' || !Array.isArray(candidate.keys)) return null;
  const keys = candidate.keys.filter((key): key is CacheKey => typeof key?.namespace === 'string' && typeof key?.id === 'string');
  return { from: candidate.from, keys };
}
