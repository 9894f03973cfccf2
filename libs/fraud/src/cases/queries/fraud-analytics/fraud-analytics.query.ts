import { MikroORM } from '@mikro-orm/postgresql';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';

export type TrendBucket = 'hour' | 'day';
export const TREND_BUCKETS: readonly TrendBucket[] = ['hour', 'day'];

export interface AnalyticsWindow {
  eventId?: string;
  from: string;
  to: string;
  bucket: TrendBucket;
}

export interface FraudCounts {
  votes: number;
  /** Held by screening when cast. */
  heldAtCast: number;
  /** Cases opened (screening holds and pattern holds) and how they stand. */
  cases: number;
  open: number;
  approved: number;
  rejected: number;
  voided: number;
  withdrawn: number;
}

export interface FraudAnalytics {
  eventId: string | null;
  from: string;
  to: string;
  bucket: TrendBucket;
  totals: FraudCounts & {
    /** heldAtCast / votes. */
    holdRate: number;
    /** rejected / (approved + rejected): how often review confirms a hold. */
    rejectRate: number;
    findings: number;
  };
  topSignals: { signal: string; cases: number }[];
  trend: (FraudCounts & { bucketStart: string })[];
}

/** Hold and reject rates, the signals behind the cases, and both over time buckets, for the tenant (or one event). */
export class FraudAnalyticsQuery extends Query<FraudAnalytics> {
  constructor(
    readonly tenantId: string,
    readonly window: AnalyticsWindow,
  ) {
    super();
  }
}

interface CountRow {
  bucket_start: string;
  votes: string;
  held_at_cast: string;
  cases: string;
  open: string;
  approved: string;
  rejected: string;
  voided: string;
  withdrawn: string;
}

const rate = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

@QueryHandler(FraudAnalyticsQuery)
export class FraudAnalyticsHandler implements IQueryHandler<FraudAnalyticsQuery, FraudAnalytics> {
  constructor(private readonly orm: MikroORM) {}

  async execute({ tenantId, window }: FraudAnalyticsQuery): Promise<FraudAnalytics> {
    const db = this.orm.em.getConnection('read');
    const scope = window.eventId ? 'and event_id = ?' : '';
    const scoped = (...params: unknown[]) => (window.eventId ? [tenantId, window.eventId, ...params] : [tenantId, ...params]);
    // Votes by when they were cast, cases by when they were held, both truncated to the bucket in UTC.
    const rows = await db.execute<CountRow[]>(
      `with v as (select date_trunc('${window.bucket}', cast_at at time zone 'UTC') as b, count(*) as votes, count(*) filter (where held_at_cast) as held_at_cast
                    from fraud_vote_trail where tenant_id = ? ${scope} and cast_at >= ? and cast_at < ? group by 1),
            c as (select date_trunc('${window.bucket}', held_at at time zone 'UTC') as b, count(*) as cases,
                         count(*) filter (where status = 'open') as open, count(*) filter (where status = 'approved') as approved,
                         count(*) filter (where status = 'rejected') as rejected, count(*) filter (where status = 'voided') as voided,
                         count(*) filter (where status = 'withdrawn') as withdrawn
                    from fraud_flags where tenant_id = ? ${scope} and held_at >= ? and held_at < ? group by 1)
       select to_char(coalesce(v.b, c.b), 'YYYY-MM-DD"T"HH24:MI:SS".000Z"') as bucket_start, coalesce(v.votes, 0) as votes, coalesce(v.held_at_cast, 0) as held_at_cast, coalesce(c.cases, 0) as cases,
              coalesce(c.open, 0) as open, coalesce(c.approved, 0) as approved, coalesce(c.rejected, 0) as rejected, coalesce(c.voided, 0) as voided, coalesce(c.withdrawn, 0) as withdrawn
         from v full join c on v.b = c.b order by 1`,
      [...scoped(window.from, window.to), ...scoped(window.from, window.to)],
    );
    const trend = rows.map((row) => ({ bucketStart: row.bucket_start, ...countsOf(row) }));
    const sum = trend.reduce<FraudCounts>((acc, b) => sumCounts(acc, b), countsOf());
    const signals = await db.execute<{ signal: string; cases: string }[]>(
      `select s as signal, count(*) as cases from fraud_flags, unnest(signals) s where tenant_id = ? ${scope} and held_at >= ? and held_at < ? group by s order by 2 desc, 1 limit 10`,
      scoped(window.from, window.to),
    );
    const [findings] = await db.execute<{ n: string }[]>(
      `select count(distinct finding_id) as n from suspicious_patterns where tenant_id = ? ${scope} and detection_time >= ? and detection_time < ?`,
      scoped(window.from, window.to),
    );
    return {
      eventId: window.eventId ?? null,
      from: window.from,
      to: window.to,
      bucket: window.bucket,
      totals: { ...sum, holdRate: rate(sum.heldAtCast, sum.votes), rejectRate: rate(sum.rejected, sum.approved + sum.rejected), findings: Number(findings?.n ?? 0) },
      topSignals: signals.map((s) => ({ signal: s.signal, cases: Number(s.cases) })),
      trend,
    };
  }
}

function countsOf(row?: CountRow): FraudCounts {
  const n = (value: string | undefined) => Number(value ?? 0);
  return {
    votes: n(row?.votes),
    heldAtCast: n(row?.held_at_cast),
    cases: n(row?.cases),
    open: n(row?.open),
    approved: n(row?.approved),
    rejected: n(row?.rejected),
    voided: n(row?.voided),
    withdrawn: n(row?.withdrawn),
  };
}

function sumCounts(a: FraudCounts, b: FraudCounts): FraudCounts {
  return {
    votes: a.votes + b.votes,
    heldAtCast: a.heldAtCast + b.heldAtCast,
    cases: a.cases + b.cases,
    open: a.open + b.open,
    approved: a.approved + b.approved,
    rejected: a.rejected + b.rejected,
    voided: a.voided + b.voided,
    withdrawn: a.withdrawn + b.withdrawn,
  };
}
