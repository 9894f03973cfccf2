import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, isUuid, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { RateLimitError } from '../../ratelimit.errors';
import { BlockPageResponse } from './block.response.dto';

/** The blocks in force, oldest first, paged by block id (UUIDv7: time-ordered). */
@Injectable()
export class BlocksReader {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async active(cursor: string | undefined, limit: number): Promise<BlockPageResponse> {
    if (cursor !== undefined && !isUuid(cursor)) {
      throw new RateLimitError('RATELIMIT.INVALID_INPUT', 'The cursor is not one this list handed out', { errors: [{ field: 'cursor', message: 'cursor is not valid' }] });
    }
    const { rows } = await this.pool.query<{ block_id: string; network: string; reason: string; source: 'admin' | 'edge'; blocked_until: Date; created_at: Date }>(
      `select block_id, network, reason, source, blocked_until, created_at from rate_limit_blocks
        where blocked_until > $1 and ($2::uuid is null or block_id > $2::uuid) order by block_id limit $3`,
      [this.clock.now(), cursor ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => ({
      blockId: row.block_id,
      network: row.network,
      reason: row.reason,
      source: row.source,
      until: row.blocked_until.toISOString(),
      createdAt: row.created_at.toISOString(),
    }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].blockId : null };
  }
}
