import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Logger } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { TENANCY_CONFIG, TenancyConfig } from '../tenancy.config';

/**
 * Which tenants are suspended, for the guard that refuses their writes. Every process reloads
 * the set from the `tenants` read model every TENANCY_STATUS_REFRESH_MS (one small query, off
 * the request path), so a suspension reaches every API process within that plus the projection
 * lag; the process that made the change knows it at once (an override kept until the read
 * model has surely caught up).
 */
@Injectable()
export class TenantStatusBook implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TenantStatusBook.name);
  private suspended = new Set<string>();
  private readonly overrides = new Map<string, { suspended: boolean; until: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(TENANCY_CONFIG) private readonly config: TenancyConfig,
  ) {}

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

  async refresh(): Promise<void> {
    const { rows } = await this.pool.query<{ tenant_id: string }>(`select tenant_id from tenants where status = 'suspended'`);
    this.suspended = new Set(rows.map((row) => row.tenant_id));
  }
}
