import { MikroORM } from '@mikro-orm/postgresql';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { GetContestQuery } from '@tally/voting';
import { FraudCaseRow, FraudCaseView, fraudCaseView } from '../../read-models/fraud-case.row';
import { caseCursor, parseCaseCursor } from '../list-cases/case-cursor';

export interface FindingView {
  findingId: string;
  patternType: string;
  action: string;
  contestantId: string;
  detectedAt: string;
  accounts: { userId: string; voteIds: string[] }[];
  evidence: unknown;
}

export interface ContestFraudReport {
  eventId: string;
  generatedAt: string;
  /** Cases of the event by status (the whole event, whatever the page). */
  summary: Record<string, number>;
  /** Every decision on a held vote with its screening factors, oldest first. */
  decisions: FraudCaseView[];
  nextCursor: string | null;
  /** The pattern findings with their evidence (first page only). */
  findings: FindingView[];
}

/** For auditors: every fraud decision of one event with its factors, and the pattern findings. */
export class ContestFraudReportQuery extends Query<ContestFraudReport> {
  constructor(
    readonly tenantId: string,
    readonly eventId: string,
    readonly cursor: string | undefined,
    readonly limit: number,
    readonly now: Date,
  ) {
    super();
  }
}

interface FindingRow {
  finding_id: string;
  pattern_type: string;
  action: string;
  contestant_id: string;
  detection_time: Date | string;
  user_id: string;
  vote_ids: string[];
  evidence: unknown;
}

@QueryHandler(ContestFraudReportQuery)
export class ContestFraudReportHandler implements IQueryHandler<ContestFraudReportQuery, ContestFraudReport> {
  constructor(
    private readonly orm: MikroORM,
    private readonly queries: QueryBus,
  ) {}

  async execute({ tenantId, eventId, cursor, limit, now }: ContestFraudReportQuery): Promise<ContestFraudReport> {
    const after = parseCaseCursor(cursor);
    // Another tenant's event (or none) is 404 event-not-found, from the event's own stream.
    await this.queries.execute(new GetContestQuery(tenantId, eventId));
    const db = this.orm.em.getConnection('read');
    const page = after ? 'and (held_at, flag_id) > (?::timestamptz, ?::uuid)' : '';
    const rows = await db.execute<FraudCaseRow[]>(
      `select * from fraud_flags where tenant_id = ? and event_id = ? ${page} order by held_at, flag_id limit ?`,
      after ? [tenantId, eventId, after.at, after.id, limit + 1] : [tenantId, eventId, limit + 1],
    );
    const decisions = rows.slice(0, limit).map(fraudCaseView);
    const last = decisions[decisions.length - 1];
    const statuses = await db.execute<{ status: string; n: string }[]>('select status, count(*) as n from fraud_flags where tenant_id = ? and event_id = ? group by status', [tenantId, eventId]);
    return {
      eventId,
      generatedAt: now.toISOString(),
      summary: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
      decisions,
      nextCursor: rows.length > limit && last ? caseCursor(last.heldAt, last.caseId) : null,
      findings: after ? [] : await this.findings(tenantId, eventId),
    };
  }

  private async findings(tenantId: string, eventId: string): Promise<FindingView[]> {
    const rows = await this.orm.em
      .getConnection('read')
      .execute<FindingRow[]>('select * from suspicious_patterns where tenant_id = ? and event_id = ? order by detection_time, finding_id, user_id', [tenantId, eventId]);
    const byFinding = new Map<string, FindingView>();
    for (const row of rows) {
      let finding = byFinding.get(row.finding_id);
      if (!finding) {
        finding = {
          findingId: row.finding_id,
          patternType: row.pattern_type,
          action: row.action,
          contestantId: row.contestant_id,
          detectedAt: new Date(row.detection_time).toISOString(),
          accounts: [],
          evidence: row.evidence,
        };
        byFinding.set(row.finding_id, finding);
      }
      finding.accounts.push({ userId: row.user_id, voteIds: row.vote_ids });
    }
    return [...byFinding.values()];
  }
}
