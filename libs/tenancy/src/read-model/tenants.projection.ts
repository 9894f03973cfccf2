import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { TENANT_EVENT_TYPES, TenantEvent } from '../domain/tenant.events';
import { applyContestantContent, CONTESTANT_CONTENT_EVENTS } from './contestant-content.queue';

/**
 * Builds `tenants`, `tenant_config`, `tenant_branding` (approved branding) and the branding
 * items of `moderation_queue` for listings and admin screens; request routing reads the streams,
 * the suspension guard reads `tenants.status` (TenantStatusBook).
 */
@RegisteredProjection()
export class TenantsProjection implements Projection {
  readonly name = 'tenancy.tenants';
  readonly version = 1;
  // The stream prefix lets the read use the category index instead of scanning every event type.
  // ContestCreated (voting's, by name) counts contests per tenant for the plan's contest limit.
  // Voting's contestant content events (by name: voting imports tenancy) fill the contestant items of the queue.
  readonly filter = {
    streamPrefixes: ['tenant-', 'contest-', 'contestant_content-'],
    eventTypes: [...TENANT_EVENT_TYPES, 'ContestCreated', ...CONTESTANT_CONTENT_EVENTS],
  };
  readonly tables = ['tenants', 'tenant_config', 'tenant_branding', 'moderation_queue'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      if (CONTESTANT_CONTENT_EVENTS.includes(recorded.type)) {
        await applyContestantContent(em, recorded);
        continue;
      }
      if (recorded.type === 'ContestCreated') {
        await em.execute('update tenants set contest_count = contest_count + 1 where tenant_id::text = ?', [recorded.metadata.tenantId]);
        continue;
      }
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
        case 'TenantStatusChanged':
          await em.execute('update tenants set status = ? where tenant_id = ?', [event.data.status, event.data.tenantId]);
          break;
        case 'TenantPlanChanged':
          await em.execute('update tenants set plan_type = ? where tenant_id = ?', [event.data.planType, event.data.tenantId]);
          break;
        case 'TenantBrandingSubmitted':
          await em.execute(
            `insert into moderation_queue (item_id, tenant_id, kind, subject_id, content, status, submitted_by, submitted_at)
             values (?, ?, 'tenant_branding', ?, ?::jsonb, 'pending', ?, ?) on conflict (item_id) do nothing`,
            [event.data.submissionId, event.data.tenantId, event.data.tenantId, JSON.stringify(event.data.branding), recorded.metadata.actorId, event.data.at],
          );
          break;
        case 'TenantBrandingApproved': {
          const { branding } = event.data;
          await em.execute(
            `insert into tenant_branding (tenant_id, logo_url, primary_color, secondary_color, updated_at) values (?, ?, ?, ?, ?)
             on conflict (tenant_id) do update set logo_url = excluded.logo_url, primary_color = excluded.primary_color,
               secondary_color = excluded.secondary_color, updated_at = excluded.updated_at`,
            [event.data.tenantId, branding.logoUrl, branding.primaryColor, branding.secondaryColor, event.data.at],
          );
          await em.execute(`update moderation_queue set status = 'approved', decided_by = ?, decided_at = ? where item_id = ?`, [recorded.metadata.actorId, event.data.at, event.data.submissionId]);
          break;
        }
        case 'TenantBrandingRejected':
          await em.execute(`update moderation_queue set status = 'rejected', decided_by = ?, decided_at = ?, reason = ? where item_id = ?`, [
            recorded.metadata.actorId,
            event.data.at,
            event.data.reason,
            event.data.submissionId,
          ]);
          break;
        default: {
          const unreachable: never = event;
          throw new Error(`Unhandled tenant event ${(unreachable as { type: string }).type}`);
        }
      }
    }
  }
}
