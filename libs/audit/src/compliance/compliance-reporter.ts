import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONTEST_ANCHORS, ContestAnchors } from '@tally/anchoring';
import { RevenueReader } from '@tally/payments';
import { Clock, CLOCK, PG_POOL, uuidv7 } from '@tally/platform';
import { VoteStatsReader } from '@tally/voting';
import { Pool } from 'pg';
import { AuditError } from '../audit.errors';
import { ContestReport, contestReport } from './contest-report';

export interface TenantReport {
  kind: 'tenant';
  tenantId: string;
  /**
   * GDPR requests handled, from the audit trail: erasures (identity's SubjectErased, crypto-shredding)
   * and right-of-access exports (SubjectAccessExported), each with the stream it was about, when and by whom.
   */
  gdpr: {
    erasures: number;
    erasedSubjects: { resource: string; at: string; by: string | null }[];
    accessRequests: number;
    requests: { type: 'erasure' | 'access'; resource: string; at: string; by: string | null }[];
  };
  adminActions: number;
}

export interface IssuedReport<Body> {
  reportId: string;
  generatedAt: string;
  sha256: string;
  report: Body;
}

/**
 * Compliance reports: per contest (votes by status with the reconciliation against the tally,
 * fraud decisions, payments, the log's signed head and chain anchors) and per tenant (GDPR requests). Each one handed out is kept in
 * compliance_reports with the SHA-256 of its JSON, so an auditor can prove which figures were given.
 * Reports name users by id only and client networks never: no personal data.
 */
@Injectable()
export class ComplianceReporter {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly votes: VoteStatsReader,
    private readonly revenue: RevenueReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONTEST_ANCHORS) private readonly anchors: ContestAnchors,
  ) {}

  /** `tenantId` null: any tenant (platform admins); another tenant's contest is 404. */
  async contest(tenantId: string | null, contestId: string, actorId: string | null): Promise<IssuedReport<ContestReport>> {
    const ledger = await this.votes.contestLedger(contestId);
    if (!ledger || (tenantId !== null && ledger.tenantId !== tenantId)) throw new AuditError('AUDIT.CONTEST_NOT_FOUND', `No contest ${contestId}`);
    const [payments, anchors] = await Promise.all([this.revenue.revenue(ledger.tenantId, undefined, undefined, contestId), this.anchors.ofContest(ledger.tenantId, contestId)]);
    const fraudDecisions = { held: ledger.byStatus.held.count, voided: ledger.byStatus.voided.count, rejected: ledger.byStatus.rejected.count };
    const report = contestReport({ ...ledger, payments, fraudDecisions, anchors });
    return this.issue(ledger.tenantId, 'contest', contestId, report, actorId);
  }

  async tenant(tenantId: string, actorId: string | null): Promise<IssuedReport<TenantReport>> {
    const [gdpr, actions] = await Promise.all([
      this.pool.query<{ action: string; resource: string; timestamp: Date; user_id: string | null }>(
        `select action, resource, timestamp, user_id from audit_logs where tenant_id = $1 and action in ('SubjectErased', 'SubjectAccessExported') order by position`,
        [tenantId],
      ),
      this.pool.query<{ count: string }>('select count(*) from admin_actions where tenant_id = $1', [tenantId]),
    ]);
    const report: TenantReport = {
      kind: 'tenant',
      tenantId,
      gdpr: gdprRequests(gdpr.rows),
      adminActions: Number(actions.rows[0].count),
    };
    return this.issue(tenantId, 'tenant', tenantId, report, actorId);
  }

  private async issue<Body>(tenantId: string, kind: string, subjectId: string, report: Body, actorId: string | null): Promise<IssuedReport<Body>> {
    const reportId = uuidv7();
    const generatedAt = this.clock.now().toISOString();
    const body = JSON.stringify(report);
    const sha256 = createHash('sha256').update(body).digest('hex');
    await this.pool.query(
      'insert into compliance_reports (report_id, tenant_id, kind, subject_id, generated_at, generated_by, body, sha256) values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)',
      [reportId, tenantId, kind, subjectId, generatedAt, actorId, body, sha256],
    );
    return { reportId, generatedAt, sha256, report };
  }
}

function gdprRequests(rows: { action: string; resource: string; timestamp: Date; user_id: string | null }[]): TenantReport['gdpr'] {
  const requests = rows.map((row) => ({ type: row.action === 'SubjectErased' ? ('erasure' as const) : ('access' as const), resource: row.resource, at: row.timestamp.toISOString(), by: row.user_id }));
  const erased = requests.filter((request) => request.type === 'erasure');
  return {
    erasures: erased.length,
    erasedSubjects: erased.map(({ resource, at, by }) => ({ resource, at, by })),
    accessRequests: requests.length - erased.length,
    requests,
  };
}
