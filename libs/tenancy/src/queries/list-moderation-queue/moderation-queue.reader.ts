import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { ModerationQueuePageResponse } from './moderation-item.response.dto';
import { ModerationQueueRequest } from './moderation-queue.request.dto';

interface ModerationRow {
  item_id: string;
  tenant_id: string;
  kind: string;
  subject_id: string;
  content: Record<string, unknown>;
  status: string;
  submitted_by: string | null;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
}

/** `moderation_queue`, newest submission first (item ids are UUIDv7), paged by item id. `tenantId` null: every tenant. */
@Injectable()
export class ModerationQueueReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(tenantId: string | null, filters: ModerationQueueRequest): Promise<ModerationQueuePageResponse> {
    const limit = filters.limit ?? 50;
    const { rows } = await this.pool.query<ModerationRow>(
      `select item_id, tenant_id, kind, subject_id, content, status, submitted_by, submitted_at, decided_by, decided_at, reason from moderation_queue
        where ($1::uuid is null or tenant_id = $1) and ($2::uuid is null or item_id < $2) and ($3::text is null or status = $3)
          and ($4::text is null or kind = $4) and ($5::text is null or subject_id = $5)
        order by item_id desc limit $6`,
      [tenantId, filters.cursor ?? null, filters.status ?? null, filters.kind ?? null, filters.subjectId ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { items: page.map(toItem), nextCursor: rows.length > limit ? page[page.length - 1].item_id : null };
  }
}

function toItem(row: ModerationRow): ModerationQueuePageResponse['items'][number] {
  return {
    itemId: row.item_id,
    tenantId: row.tenant_id,
    kind: row.kind,
    subjectId: row.subject_id,
    content: row.content,
    status: row.status,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    reason: row.reason,
  };
}
