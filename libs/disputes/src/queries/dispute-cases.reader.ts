import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import type { DisputeEffect, DisputeKind, DisputeOpener, DisputeResolution, DisputeStatus } from '../domain/dispute.events';

/** One case as the API shows it (user ids only, no personal data). */
export interface DisputeCaseView {
  caseId: string;
  tenantId: string;
  kind: DisputeKind;
  userId: string;
  voteId: string | null;
  paymentId: string | null;
  providerDisputeId: string | null;
  reason: string;
  status: DisputeStatus;
  resolution: DisputeResolution | null;
  effect: DisputeEffect | null;
  openedBy: DisputeOpener;
  openedByUser: string | null;
  openedAt: string;
  investigatedAt: string | null;
  investigatedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

export interface DisputeFilters {
  /** Only this voter's cases (a voter's own list, or staff narrowing). */
  userId?: string;
  status?: DisputeStatus;
  kind?: DisputeKind;
  paymentId?: string;
  voteId?: string;
  /** The last case id of the previous page (UUIDv7: newest first by id). */
  cursor?: string;
  limit: number;
}

interface CaseRow {
  dispute_id: string;
  tenant_id: string;
  kind: DisputeKind;
  user_id: string;
  vote_id: string | null;
  payment_id: string | null;
  provider_dispute_id: string | null;
  reason: string;
  status: DisputeStatus;
  resolution: DisputeResolution | null;
  effect: DisputeEffect | null;
  opened_by: DisputeOpener;
  opened_by_user: string | null;
  opened_at: Date;
  investigated_at: Date | null;
  investigated_by: string | null;
  closed_at: Date | null;
  closed_by: string | null;
}

const COLUMNS =
  'dispute_id, tenant_id, kind, user_id, vote_id, payment_id, provider_dispute_id, reason, status, resolution, effect, opened_by, opened_by_user, opened_at, investigated_at, investigated_by, closed_at, closed_by';

/** Reads `disputes`: the tenant's queue, a voter's own cases, one case; also the subject access export's source. */
@Injectable()
export class DisputeCasesReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(tenantId: string, f: DisputeFilters): Promise<{ items: DisputeCaseView[]; nextCursor: string | null }> {
    const { rows } = await this.pool.query<CaseRow>(
      `select ${COLUMNS} from disputes
        where tenant_id = $1 and ($2::text is null or user_id = $2) and ($3::text is null or status = $3) and ($4::text is null or kind = $4)
          and ($5::uuid is null or payment_id = $5) and ($6::uuid is null or vote_id = $6) and ($7::uuid is null or dispute_id < $7)
        order by dispute_id desc limit $8`,
      [tenantId, f.userId ?? null, f.status ?? null, f.kind ?? null, f.paymentId ?? null, f.voteId ?? null, f.cursor ?? null, f.limit + 1],
    );
    const page = rows.slice(0, f.limit).map(viewOf);
    return { items: page, nextCursor: rows.length > f.limit ? page[page.length - 1].caseId : null };
  }

  async get(tenantId: string, caseId: string): Promise<DisputeCaseView | null> {
    const { rows } = await this.pool.query<CaseRow>(`select ${COLUMNS} from disputes where tenant_id = $1 and dispute_id = $2`, [tenantId, caseId]);
    return rows[0] ? viewOf(rows[0]) : null;
  }

  /** Every case about one voter, oldest first (the subject access export). */
  async ofUser(tenantId: string, userId: string): Promise<DisputeCaseView[]> {
    const { rows } = await this.pool.query<CaseRow>(`select ${COLUMNS} from disputes where tenant_id = $1 and user_id = $2 order by dispute_id`, [tenantId, userId]);
    return rows.map(viewOf);
  }
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

function viewOf(row: CaseRow): DisputeCaseView {
  return {
    caseId: row.dispute_id,
    tenantId: row.tenant_id,
    kind: row.kind,
    userId: row.user_id,
    voteId: row.vote_id,
    paymentId: row.payment_id,
    providerDisputeId: row.provider_dispute_id,
    reason: row.reason,
    status: row.status,
    resolution: row.resolution,
    effect: row.effect,
    openedBy: row.opened_by,
    openedByUser: row.opened_by_user,
    openedAt: row.opened_at.toISOString(),
    investigatedAt: iso(row.investigated_at),
    investigatedBy: row.investigated_by,
    closedAt: iso(row.closed_at),
    closedBy: row.closed_by,
  };
}
