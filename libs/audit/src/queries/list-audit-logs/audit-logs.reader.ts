import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { invalidInput } from '../../audit.errors';
import { POSITION_CURSOR } from '../tenant-scope';
import { AuditLogPageResponse } from './audit-log.response.dto';
import { AuditLogsRequest } from './audit-logs.request.dto';

interface AuditLogRow {
  log_id: string;
  position: string;
  tenant_id: string;
  user_id: string | null;
  action: string;
  resource: string;
  timestamp: Date;
  changes: AuditLogPageResponse['items'][number]['changes'];
  ip_network: string | null;
}

/** `audit_logs`, newest first, paged by log position. `tenantId` null: every tenant (platform admins). */
@Injectable()
export class AuditLogsReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(tenantId: string | null, filters: AuditLogsRequest): Promise<AuditLogPageResponse> {
    if (filters.cursor !== undefined && !POSITION_CURSOR.test(filters.cursor)) throw invalidInput('cursor', 'cursor is not valid');
    const limit = filters.limit ?? 50;
    const { rows } = await this.pool.query<AuditLogRow>(
      `select log_id, position, tenant_id, user_id, action, resource, timestamp, changes, ip_network from audit_logs
        where ($1::text is null or tenant_id = $1) and ($2::text is null or position < $2)
          and ($3::text is null or user_id = $3) and ($4::text is null or action = $4)
          and ($5::text is null or starts_with(resource, $5))
          and ($6::timestamptz is null or timestamp >= $6) and ($7::timestamptz is null or timestamp < $7)
        order by position desc limit $8`,
      [tenantId, filters.cursor ?? null, filters.userId ?? null, filters.action ?? null, filters.resource ?? null, filters.from ?? null, filters.to ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => ({
      logId: row.log_id,
      position: row.position,
      tenantId: row.tenant_id,
      userId: row.user_id,
      action: row.action,
      resource: row.resource,
      timestamp: row.timestamp.toISOString(),
      changes: row.changes,
      ipNetwork: row.ip_network,
    }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].position : null };
  }
}
