import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '@tally/platform';

/**
 * Which contest a contestant belongs to. The vote body names only the contestant, so the vote
 * path must find the contest stream. The mapping never changes once made, so it is cached for
 * good: filled when this process adds a contestant, and on a miss looked up once in the
 * `contestants` read model. That lookup only *locates* the stream; every rule (including that
 * the contestant is in the contest) is then decided on the contest stream's own state.
 */
@Injectable()
export class ContestDirectory {
  private readonly contestOf = new Map<string, string>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  remember(tenantId: string, contestantId: string, contestId: string): void {
    this.contestOf.set(`${tenantId}:${contestantId}`, contestId);
  }

  /** Synchronous when cached, so the common case adds no await to the vote path. */
  find(tenantId: string, contestantId: string): string | undefined | Promise<string | undefined> {
    const cached = this.contestOf.get(`${tenantId}:${contestantId}`);
    return cached ?? this.lookUp(tenantId, contestantId);
  }

  private async lookUp(tenantId: string, contestantId: string): Promise<string | undefined> {
    if (!UUID.test(contestantId)) return undefined;
    const result = await this.pool.query<{ event_id: string }>('SELECT event_id FROM contestants WHERE tenant_id = $1 AND contestant_id = $2', [
      tenantId,
      contestantId,
    ]);
    const contestId = result.rows[0]?.event_id;
    if (contestId) this.remember(tenantId, contestantId, contestId);
    return contestId;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
