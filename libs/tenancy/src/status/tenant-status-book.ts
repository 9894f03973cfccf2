import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Logger } from '@nestjs/common';
import { PG_POOL, QUERY_CACHE, QueryCache } from '@tally/platform';
import { Pool } from 'pg';
import { planLimits } from '../domain/plan-limits';
import { TENANCY_CONFIG, TenancyConfig } from '../tenancy.config';
import { TenantDirectory } from '../tenant-directory';
import { TENANT_STATE_CACHE } from '../tenant-state-cache.reactor';

/**
 * Which tenants are suspended, for the guard that refuses their writes. Every process reloads
 * the set from the `tenants` read model every TENANCY_STATUS_REFRESH_MS (one small query, off
 * the request path); the process that made the change knows it at once (an override kept until
 * the read model has surely caught up), and the others as soon as the tenant's query-cache
 * invalidation reaches them (within 1 s, docs/scaling.md "Query result cache"): they read the
 * status from the tenant's stream then, without waiting for the projection.
 */
@Injectable()
export class TenantStatusBook implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TenantStatusBook.name);
  private suspended = new Set<string>();
  /** Tenants that reached their plan's contest limit. */
  private atContestLimit = new Set<string>();
  private readonly overrides = new Map<string, { suspended: boolean; until: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(TENANCY_CONFIG) private readonly config: TenancyConfig,
    @Inject(QUERY_CACHE) cache: QueryCache,
    private readonly directory: TenantDirectory,
  ) {
    cache.onInvalidate((key) => {
      // After this turn: the process that appended sends its invalidation to Redis in it, and the
      // read must come after that, or it could read the record from before the change.
      if (key.namespace === TENANT_STATE_CACHE) setImmediate(() => void this.recheck(key.id));
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'Could not load suspended tenants'));
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.config.statusRefreshMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  isSuspended(tenantId: string): boolean {
    const override = this.overrides.get(tenantId);
    if (override) {
      if (override.until > Date.now()) return override.suspended;
      this.overrides.delete(tenantId);
    }
    return this.suspended.has(tenantId);
  }

  /** This process changed the status: it applies here now, whatever the read model says yet. */
  changed(tenantId: string, suspended: boolean): void {
    this.overrides.set(tenantId, { suspended, until: Date.now() + Math.max(30_000, this.config.statusRefreshMs * 10) });
  }

  private async recheck(tenantStreamId: string): Promise<void> {
    const tenantId = tenantStreamId.slice(tenantStreamId.indexOf('.') + 1);
    const state = await this.directory.state(tenantId).catch((error: unknown) => {
      this.logger.warn({ err: error, tenantId }, 'Could not read a changed tenant; its status follows the next refresh');
      return null;
    });
    if (state) this.changed(tenantId, state.status === 'suspended');
  }

  /** Whether the tenant may create no more contests on its plan (a soft limit: see refresh). */
  atContestLimitOf(tenantId: string): boolean {
    return this.atContestLimit.has(tenantId);
  }

  /**
   * Suspended tenants, and tenants at their plan's contest limit. Limits are checked on this read
   * model, so two creations racing within one refresh may pass the limit by one: they are billing
   * limits, not invariants (those live on streams).
   */
  async refresh(): Promise<void> {
    const { rows } = await this.pool.query<{ tenant_id: string; status: string; plan_type: string; contest_count: number }>(
      `select tenant_id, status, plan_type, contest_count from tenants where status = 'suspended' or contest_count > 0`,
    );
    this.suspended = new Set(rows.filter((row) => row.status === 'suspended').map((row) => row.tenant_id));
    this.atContestLimit = new Set(
      rows.filter((row) => {
        const limit = planLimits(row.plan_type).contests;
        return limit !== null && row.contest_count >= limit;
      }).map((row) => row.tenant_id),
    );
  }
}
