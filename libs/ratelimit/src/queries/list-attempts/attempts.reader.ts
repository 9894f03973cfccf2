import { Inject, Injectable } from '@nestjs/common';
import { isUuid, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { clientKey } from '../../client-address/client-key';
import { RATE_LIMIT_CONFIG, RateLimitConfig } from '../../ratelimit.config';
import { RateLimitError } from '../../ratelimit.errors';
import { AttemptPageResponse } from './attempt.response.dto';
import { AttemptsRequest } from './attempts.request.dto';

/** A tenant's refused requests from `rate_limit_attempts`, newest first, paged by attempt id (UUIDv7). */
@Injectable()
export class AttemptsReader {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig,
  ) {}

  async list(tenantId: string, filters: AttemptsRequest): Promise<AttemptPageResponse> {
    if (filters.cursor !== undefined && !isUuid(filters.cursor)) throw invalid('cursor', 'cursor is not valid');
    const ip = filters.ip === undefined ? null : clientKey(filters.ip, this.config.ipv6PrefixLength);
    if (filters.ip !== undefined && ip === null) throw invalid('ip', 'must be an IPv4 or IPv6 address');
    const limit = filters.limit ?? 50;
    const { rows } = await this.pool.query<{ attempt_id: string; user_id: string | null; ip_address: string | null; endpoint: string; rule_id: string | null; rule_name: string; timestamp: Date }>(
      `select attempt_id, user_id, ip_address, endpoint, rule_id, rule_name, timestamp from rate_limit_attempts
        where tenant_id = $1
          and ($2::uuid is null or attempt_id < $2::uuid)
          and ($3::text is null or user_id = $3) and ($4::text is null or ip_address = $4)
          and ($5::text is null or endpoint = $5) and ($6::text is null or rule_name = $6)
          and ($7::timestamptz is null or timestamp >= $7) and ($8::timestamptz is null or timestamp < $8)
        order by attempt_id desc limit $9`,
      [tenantId, filters.cursor ?? null, filters.userId ?? null, ip, filters.endpoint ?? null, filters.rule ?? null, filters.from ?? null, filters.to ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => ({
      attemptId: row.attempt_id,
      userId: row.user_id,
      ipAddress: row.ip_address,
      endpoint: row.endpoint,
      ruleId: row.rule_id,
      rule: row.rule_name,
      timestamp: row.timestamp.toISOString(),
    }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].attemptId : null };
  }
}

function invalid(field: string, message: string): RateLimitError {
  return new RateLimitError('RATELIMIT.INVALID_INPUT', `${field}: ${message}`, { errors: [{ field, message }] });
}
