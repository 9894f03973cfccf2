import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { TenantCreated } from '../domain/tenant.events';

/** Builds `tenants` for listings and admin screens; request routing reads the streams instead. */
@RegisteredProjection()
export class TenantsProjection implements Projection {
  readonly name = 'tenancy.tenants';
  readonly version = 1;
  readonly filter = { eventTypes: ['TenantCreated'] };
  readonly tables = ['tenants'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const event of events) {
      const data = (event as RecordedEvent<TenantCreated['data']>).data;
      await em.execute(
        `insert into tenants (tenant_id, name, slug, domain, status, plan_type, created_at)
         values (?, ?, ?, ?, 'active', ?, ?) on conflict (tenant_id) do nothing`,
        [data.tenantId, data.name, data.slug, data.domain, data.planType, data.createdAt],
      );
    }
  }
}
