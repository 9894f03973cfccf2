import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ErrorTracker, PG_POOL, ReplicaRouter, ReplicaView, TallyMetrics } from '@tally/platform';
import { Pool } from 'pg';
import { Gauge } from 'prom-client';
import { OBSERVABILITY_CONFIG, ObservabilityConfig } from './observability.config';

/** A replica that does not answer a lag check within this is treated as down. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Measures each read replica's lag every REPLICA_LAG_CHECK_MS and keeps the router's rotation
 * to the replicas within REPLICA_MAX_LAG_MS (SPEC "Database replica lag > 5 seconds").
 *
 * Lag is 0 when the replica has replayed the primary's WAL position read just before asking
 * it; otherwise the time since the replica last replayed a transaction. Comparing with the
 * primary's position (not the replica's own receive position) makes a replica whose stream from
 * the primary is broken show as behind, where the usual receive = replay test would read 0. A
 * replica that does not answer, or no longer replays (promoted), is +Inf and out of rotation.
 */
@Injectable()
export class ReplicaLagMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReplicaLag');
  private readonly lagGauge: Gauge<'replica' | 'region'>;
  private readonly rotationGauge: Gauge<'replica' | 'region'>;
  private readonly lags = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    metrics: TallyMetrics,
    private readonly router: ReplicaRouter,
    @Inject(PG_POOL) private readonly primary: Pool,
    @Inject(OBSERVABILITY_CONFIG) private readonly config: ObservabilityConfig,
    private readonly errors: ErrorTracker,
  ) {
    const registers = [metrics.registry];
    // Every process measures the same replicas: the worst reading stands for the cluster.
    this.lagGauge = new Gauge({ name: 'tally_db_replica_lag_seconds', help: 'Seconds a read replica is behind the primary (+Inf: not answering or not replaying)', labelNames: ['replica', 'region'] as const, registers, aggregator: 'max' });
    this.rotationGauge = new Gauge({ name: 'tally_db_replica_in_rotation', help: 'Whether reads go to a replica (1) or it is out of rotation for lag or failure (0)', labelNames: ['replica', 'region'] as const, registers, aggregator: 'min' });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.router.list().length === 0) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.config.replicaLagCheckMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  /** The last measured lag of a replica (seconds; +Inf when down), by name (host:port). */
  lagSeconds(name: string): number | undefined {
    return this.lags.get(name);
  }

  /** Measures every replica once and updates the rotation; one check at a time. */
  check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    let primaryLsn: string;
    try {
      primaryLsn = (await this.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0].lsn;
    } catch (error) {
      // The primary being down is the database's own alarm; the replicas' state stays as last measured.
      this.logger.warn({ err: error }, 'Replica lag check: the primary did not answer');
      return;
    }
    await Promise.all(this.router.list().map((replica) => this.checkOne(replica, primaryLsn)));
  }

  private async checkOne(replica: ReplicaView, primaryLsn: string): Promise<void> {
    const lag = await withTimeout(measure(replica, primaryLsn), CHECK_TIMEOUT_MS).catch((error: unknown) => {
      if (this.lags.get(replica.name) !== Infinity) this.errors.record('database', 'replica-unreachable', { service: replica.name, region: replica.region }, error);
      return Infinity;
    });
    const labels = { replica: replica.name, region: replica.region };
    this.lags.set(replica.name, lag);
    this.lagGauge.set(labels, lag);
    const inRotation = lag * 1000 <= this.config.replicaMaxLagMs;
    if (inRotation !== replica.inRotation) this.logger.log(`Replica ${replica.name} (${replica.region}) ${inRotation ? 'in rotation' : 'out of rotation'}: lag ${lag === Infinity ? 'unknown' : `${lag.toFixed(3)} s`}`);
    this.router.setInRotation(replica.name, inRotation);
    this.rotationGauge.set(labels, inRotation ? 1 : 0);
  }
}

async function measure(replica: ReplicaView, primaryLsn: string): Promise<number> {
  const [row] = await replica.query<{ recovering: boolean; caught_up: boolean | null; behind: number | null }>(
    `select pg_is_in_recovery() as recovering,
            pg_last_wal_replay_lsn() >= ?::pg_lsn as caught_up,
            extract(epoch from (clock_timestamp() - pg_last_xact_replay_timestamp()))::float8 as behind`,
    [primaryLsn],
  );
  if (!row.recovering) return Infinity;
  if (row.caught_up) return 0;
  return row.behind === null ? Infinity : Math.max(0, Number(row.behind));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
