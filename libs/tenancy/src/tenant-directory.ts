import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandRunner, commandMetadata } from '@tally/eventstore';
import { isUuid, QUERY_CACHE, QueryCache, ResolvedTenant, uuidv7 } from '@tally/platform';
import { CreateTenantCommand } from './commands/create-tenant/create-tenant.command';
import { nameReservationDecider } from './domain/name-reservation';
import { tenantDecider } from './domain/tenant.decider';
import { TenantState } from './domain/tenant.state';
import { PLATFORM_SCOPE, tenantNameStream, tenantStream } from './domain/tenant.streams';
import { TenancyError } from './tenancy.errors';
import { TENANT_STATE_CACHE } from './tenant-state-cache.reactor';

export const DEMO_TENANT_SLUG = 'demo';

const NEGATIVE_TTL_MS = 2_000;
/** Tries, 100 ms apart, for a tenant whose slug another creation just reserved. */
const CREATED_ELSEWHERE_TRIES = 100;

/**
 * Resolves a tenant named by slug, id or host on every request. It reads the tenant's own
 * streams (the source of truth), not a read model, so a tenant is usable the moment it is
 * created. Slugs and host names never move to another tenant, so hits are cached for the
 * life of the process; misses only briefly, and not past the creation of any tenant (its
 * invalidation reaches every process).
 *
 * A tenant's full record (`state`: settings, status, plan, branding) is in the query cache,
 * shared by the processes and invalidated by the tenant stream's events (TenantStateCacheReactor;
 * docs/scaling.md "Query result cache").
 */
@Injectable()
export class TenantDirectory {
  private readonly hits = new Map<string, ResolvedTenant>();
  private readonly misses = new Map<string, number>();

  constructor(
    private readonly runner: CommandRunner,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QUERY_CACHE) private readonly cache: QueryCache,
  ) {
    // A tenant created anywhere may be one a name missed here a moment ago.
    cache.onInvalidate((key) => {
      if (key.namespace === TENANT_STATE_CACHE) this.misses.clear();
    });
  }

  /** `name` is a slug or a tenant id, as sent in X-Tenant-Id. */
  resolve(name: string): Promise<ResolvedTenant | null> {
    return isUuid(name) ? this.findById(name) : this.findBySlug(name);
  }

  findBySlug(slug: string): Promise<ResolvedTenant | null> {
    return this.cached(`slug:${slug.toLowerCase()}`, () => this.viaReservation('slug', slug));
  }

  findByHost(host: string): Promise<ResolvedTenant | null> {
    return this.cached(`host:${host.toLowerCase()}`, () => this.viaReservation('domain', host));
  }

  findById(tenantId: string): Promise<ResolvedTenant | null> {
    return this.cached(`id:${tenantId}`, async () => {
      const state = await this.state(tenantId);
      return state?.exists ? { id: tenantId, slug: state.slug } : null;
    });
  }

  /** The tenant's full record, folded from its stream, or null; read-only (shared with other readers). */
  state(tenantId: string): Promise<TenantState | null> {
    const streamId = tenantStream(tenantId);
    return this.cache.get({ namespace: TENANT_STATE_CACHE, id: streamId }, async () => {
      const { state } = await this.runner.load(tenantDecider, streamId);
      return state.exists ? state : null;
    });
  }

  /**
   * Creates the `demo` tenant unless it exists; safe to call from every process at start, and
   * twice at once in one (the bootstrap admin may ask while start-up does): the creation that
   * loses the slug's reservation waits for the winner's tenant instead of failing.
   */
  async ensureDemoTenant(): Promise<ResolvedTenant> {
    const existing = await this.viaReservation('slug', DEMO_TENANT_SLUG);
    if (existing) return existing;
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: null, clientIp: null });
    let demo: ResolvedTenant;
    try {
      // The demo shows everything, so no plan limit gets in its way.
      demo = await this.commands.execute(new CreateTenantCommand(uuidv7(), 'Demo', DEMO_TENANT_SLUG, null, 'enterprise', metadata));
    } catch (error) {
      if (!(error instanceof TenancyError && error.code === 'TENANCY.SLUG_TAKEN')) throw error;
      demo = await this.createdElsewhere(DEMO_TENANT_SLUG);
    }
    // A lookup between the slug's reservation and the tenant's creation cached "no such tenant".
    this.misses.clear();
    await this.cache.invalidate([{ namespace: TENANT_STATE_CACHE, id: tenantStream(demo.id) }]);
    return demo;
  }

  /**
   * The tenant another creation reserved `slug` for, read from the streams themselves (no cache):
   * its reservation comes a moment before its TenantCreated, so this waits, briefly, for both.
   */
  private async createdElsewhere(slug: string): Promise<ResolvedTenant> {
    for (let attempt = 0; attempt < CREATED_ELSEWHERE_TRIES; attempt++) {
      const { state: reservation } = await this.runner.load(nameReservationDecider, tenantNameStream('slug', slug));
      if (reservation.tenantId && (await this.runner.load(tenantDecider, tenantStream(reservation.tenantId))).state.exists) return { id: reservation.tenantId, slug };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The slug "${slug}" is reserved but its tenant was not created within ${CREATED_ELSEWHERE_TRIES / 10} s`);
  }

  private async viaReservation(kind: 'slug' | 'domain', value: string): Promise<ResolvedTenant | null> {
    const { state } = await this.runner.load(nameReservationDecider, tenantNameStream(kind, value));
    return state.tenantId ? this.findById(state.tenantId) : null;
  }

  private async cached(key: string, lookup: () => Promise<ResolvedTenant | null>): Promise<ResolvedTenant | null> {
    const hit = this.hits.get(key);
    if (hit) return hit;
    const missedAt = this.misses.get(key);
    if (missedAt !== undefined && Date.now() - missedAt < NEGATIVE_TTL_MS) return null;
    const found = await lookup();
    if (found) {
      this.hits.set(key, found);
      this.misses.delete(key);
    } else {
      this.misses.set(key, Date.now());
    }
    return found;
  }
}
