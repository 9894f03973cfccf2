import Redis from 'ioredis';
import { RankingEntry, RankingStore, RankingUpdate } from './ranking-store.port';

/**
 * Sorted sets `<prefix>lb:<tenant>:<contest>` scored by votes. Each batch is one MULTI (sent
 * as a single pipeline) holding the absolute totals and the log position, so a batch the
 * projection runner delivers again rewrites the same values. Reads that tolerate lag go to the
 * replica when there is one (REDIS_REPLICA_URL), and to the primary when it fails; writes and
 * fresh reads always go to the primary.
 */
export class RedisRankingStore implements RankingStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly replica: Redis | null = null,
  ) {}

  async set(updates: readonly RankingUpdate[], position: string): Promise<void> {
    const multi = this.redis.multi();
    for (const update of updates) multi.zadd(this.key(update.tenantId, update.contestId), update.votes, update.contestantId);
    multi.set(`${this.prefix}lb:position`, position);
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis MULTI was discarded');
  }

  async read(tenantId: string, contestId: string, fresh = false): Promise<RankingEntry[] | null> {
    const key = this.key(tenantId, contestId);
    const fromPrimary = (): Promise<string[]> => this.redis.zrevrange(key, 0, -1, 'WITHSCORES');
    // A replica that is down or cut off from its primary (MASTERDOWN) errors: the primary answers.
    const flat = fresh || !this.replica ? await fromPrimary() : await this.replica.zrevrange(key, 0, -1, 'WITHSCORES').catch(fromPrimary);
    if (flat.length === 0) return null;
    const entries: RankingEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ contestantId: flat[i], votes: Number(flat[i + 1]) });
    return entries;
  }

  async replace(tenantId: string, contestId: string, entries: readonly RankingEntry[]): Promise<void> {
    const key = this.key(tenantId, contestId);
    const multi = this.redis.multi().del(key);
    for (const entry of entries) multi.zadd(key, entry.votes, entry.contestantId);
    await multi.exec();
  }

  async position(): Promise<string | null> {
    return this.redis.get(`${this.prefix}lb:position`);
  }

  private key(tenantId: string, contestId: string): string {
    return `${this.prefix}lb:${tenantId}:${contestId}`;
  }
}
