import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { invalidInput } from '../../audit.errors';
import { POSITION_CURSOR } from '../tenant-scope';
import { AdminActionPageResponse } from './admin-action.response.dto';
import { AdminActionsRequest } from './admin-actions.request.dto';

/** `admin_actions`, newest first, paged by log position. `tenantId` null: every tenant (platform admins). */
@Injectable()
export class AdminActionsReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(tenantId: string | null, filters: AdminActionsRequest): Promise<AdminActionPageResponse> {
    if (filters.cursor !== undefined && !POSITION_CURSOR.test(filters.cursor)) throw invalidInput('cursor', 'cursor is not valid');
    const limit = filters.limit ?? 50;
    const { rows } = await this.pool.query<{ action_id: string; position: string; tenant_id: string; admin_id: string; action: string; target: string; at: Date }>(
      `select action_id, position, tenant_id, admin_id, action, target, at from admin_actions
        where ($1::text is null or tenant_id = $1) and ($2::text is null or position < $2)
          and ($3::text is null or admin_id = $3) and ($4::text is null or action = $4)
          and ($5::timestamptz is null or at >= $5) and ($6::timestamptz is null or at < $6)
        order by position desc limit $7`,
      [tenantId, filters.cursor ?? null, filters.adminId ?? null, filters.action ?? null, filters.from ?? null, filters.to ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const items = page.map((row) => ({ actionId: row.action_id, tenantId: row.tenant_id, adminId: row.admin_id, action: row.action, target: row.target, at: row.at.toISOString() }));
    return { items, nextCursor: rows.length > limit ? page[page.length - 1].position : null };
  }
}
