import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';

/**
 * Whether an access token's session was ended, asked on every authenticated request (the vote
 * hot path), so it is cheap:
 * - sessions this process revoked are known at once (logout, reuse, password reset, block);
 * - otherwise the `sessions` read model is asked, and the answer cached for a few seconds.
 * A session missing from the read model is live: its token was just issued and the projection
 * has not caught up. A revocation made by another process takes effect within the cache time
 * plus projection lag.
 */
@Injectable()
export class SessionRevocations {
  /** sessionId → epoch ms until which the local revocation must be remembered (access-token lifetime). */
  private readonly revoked = new Map<string, number>();
  private readonly cache = new Map<string, { revoked: boolean; until: number }>();
  private readonly cacheMs: number;
  private readonly rememberMs: number;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
  ) {
    this.cacheMs = config.sessionCacheSeconds * 1000;
    this.rememberMs = (config.jwt.accessTtlSeconds + 60) * 1000;
  }

  markRevoked(sessionIds: Iterable<string>): void {
    const until = Date.now() + this.rememberMs;
    for (const id of sessionIds) {
      this.revoked.set(id, until);
      this.cache.delete(id);
    }
    if (this.revoked.size > 100_000) this.sweep();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const now = Date.now();
    const local = this.revoked.get(sessionId);
    if (local !== undefined && local > now) return true;
    const cached = this.cache.get(sessionId);
    if (cached && cached.until > now) return cached.revoked;
    const { rows } = await this.pool.query<{ revoked: boolean }>('select revoked_at is not null as revoked from sessions where session_id = $1', [sessionId]);
    const revoked = rows[0]?.revoked ?? false;
    if (this.cacheMs > 0) {
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(sessionId, { revoked, until: now + this.cacheMs });
    }
    return revoked;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
  }
}
