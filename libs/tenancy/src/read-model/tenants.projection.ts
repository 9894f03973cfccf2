import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { TenantEvent } from '../domain/tenant.events';

/** Builds `tenants` and `tenant_config` for listings and admin screens; request routing reads the streams. */
@RegisteredProjection()
export class TenantsProjection implements Projection {
  readonly name = 'tenancy.tenants';
  readonly version = 1;
  // The stream prefix lets the read use the category index instead of scanning every event type.
  readonly filter = { streamPrefixes: ['tenant-'], eventTypes: ['TenantCreated', 'TenantSettingsChanged'] };
  readonly tables = ['tenants', 'tenant_config'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as TenantEvent;
      switch (event.type) {
        case 'TenantCreated': {
          const data = event.data;
          await em.execute(
            `insert into tenants (tenant_id, name, slug, domain, status, plan_type, created_at)
             values (?, ?, ?, ?, 'active', ?, ?) on conflict (tenant_id) do nothing`,
            [data.tenantId, data.name, data.slug, data.domain, data.planType, data.createdAt],
          );
          break;
        }
        case 'TenantSettingsChanged':
          for (const change of event.data.changes) {
            if (change.newValue === null) {
              await em.execute('delete from tenant_config where tenant_id = ? and setting_key = ?', [event.data.tenantId, change.key]);
            } else {
              await em.execute(
                `insert into tenant_config (tenant_id, setting_key, setting_value, updated_at) values (?, ?, ?::jsonb, ?)
                 on conflict (tenant_id, setting_key) do update set setting_value = excluded.setting_value, updated_at = excluded.updated_at`,
                [event.data.tenantId, change.key, JSON.stringify(change.newValue), event.data.changedAt],
              );
            }
          }
          break;
        default: {
          const unreachable: never = event;
          throw new Error(`Unhandled tenant event ${(unreachable as { type: string }).type}`);
        }
      }
    }
  }
}
