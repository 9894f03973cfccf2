import { Inject, Injectable } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { PG_POOL, ReplicaRouter, ReplicaView, TallyMetrics } from '@tally/platform';
import { Pool } from 'pg';
import { Gauge } from 'prom-client';
import { OBSERVABILITY_CONFIG, ObservabilityConfig } from './observability.config';

/** How long a replica may take to replay the position the comparison is made at. */
const CATCH_UP_MS = 10_000;

export interface ReplicaComparison {
  replica: string;
  region: string;
  /** Tables whose row count differs from the primary's at the same log position; empty when consistent. */
  mismatches: { table: string; primary: number; replica: number }[];
  /** Why it was not compared (did not catch up, did not answer), or null. */
  skipped: string | null;
}

/**
 * Cross-region consistency check (SPEC): every replica's read models against the primary's at
 * one log position. It reads the primary's WAL position after counting the primary's rows,
 * waits until each replica has replayed past it, and compares the row count of every table of
 * the schema (read models, checkpoints, the event log). A physical replica should never differ;
 * a mismatch means replication (or a replica restored from the wrong backup) is broken, and
 * the replica must not serve reads: it is taken out of rotation and counted in
 * tally_replica_consistency_mismatches. Counting every table is a full scan of each: the
 * default interval (REPLICA_CONSISTENCY_INTERVAL_MS) is an hour, off-peak in production.
 */
@Injectable()
@RegisteredJob()
export class ReplicaConsistencyJob implements ScheduledJob {
  readonly name = 'observability.replica-consistency';
  readonly schedule: ScheduledJob['schedule'];
  private readonly mismatchGauge: Gauge<'replica' | 'region'>;

  constructor(
    private readonly router: ReplicaRouter,
    @Inject(PG_POOL) private readonly primary: Pool,
    @Inject(OBSERVABILITY_CONFIG) config: ObservabilityConfig,
    metrics: TallyMetrics,
  ) {
    this.schedule = { everyMs: config.replicaConsistencyIntervalMs };
    this.mismatchGauge = new Gauge({ name: 'tally_replica_consistency_mismatches', help: 'Tables whose row count on a replica differed from the primary at the last consistency check', labelNames: ['replica', 'region'] as const, registers: [metrics.registry], aggregator: 'max' });
  }

  async run(): Promise<ReplicaComparison[]> {
    const replicas = this.router.list();
    if (replicas.length === 0) return [];
    const tables = (await this.primary.query<{ name: string }>(`select quote_ident(table_name) as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`)).rows.map((row) => row.name);
    // One statement, one snapshot: the counts and the position they are at.
    const counts = tables.map((table) => `(select count(*) from ${table})::bigint as ${table}`).join(', ');
    const [primaryRow] = (await this.primary.query<Record<string, string>>(`select pg_current_wal_lsn()::text as lsn${counts ? `, ${counts}` : ''}`)).rows;
    const results: ReplicaComparison[] = [];
    for (const replica of replicas) results.push(await this.compare(replica, primaryRow, tables, counts));
    return results;
  }

  private async compare(replica: ReplicaView, primaryRow: Record<string, string>, tables: string[], counts: string): Promise<ReplicaComparison> {
    const base = { replica: replica.name, region: replica.region };
    try {
      const deadline = Date.now() + CATCH_UP_MS;
      while (!(await replica.query<{ done: boolean }>('select pg_last_wal_replay_lsn() >= ?::pg_lsn as done', [primaryRow.lsn]))[0]?.done) {
        if (Date.now() > deadline) return { ...base, mismatches: [], skipped: `did not replay ${primaryRow.lsn} within ${CATCH_UP_MS} ms` };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The replica's counts are at the position it has replayed when it counts; they compare with the
      // primary's only when that is the primary's position (a quiet moment), else the run says so and skips it.
      const [row] = await replica.query<Record<string, string>>(`select pg_last_wal_replay_lsn()::text as lsn${counts ? `, ${counts}` : ''}`);
      const mismatches = tables
        .map((table) => ({ table, primary: Number(primaryRow[table.replace(/"/g, '')]), replica: Number(row[table.replace(/"/g, '')]) }))
        .filter((entry) => entry.primary !== entry.replica);
      if (mismatches.length > 0 && row.lsn !== primaryRow.lsn) {
        // The replica moved on past the primary's snapshot: newer rows, not an inconsistency. Compared again next run.
        return { ...base, mismatches: [], skipped: `replayed past ${primaryRow.lsn} (at ${row.lsn}) while counting` };
      }
      this.mismatchGauge.set(base, mismatches.length);
      if (mismatches.length > 0) this.router.quarantine(replica.name);
      return { ...base, mismatches, skipped: null };
    } catch (error) {
      return { ...base, mismatches: [], skipped: error instanceof Error ? error.message : String(error) };
    }
  }
}
