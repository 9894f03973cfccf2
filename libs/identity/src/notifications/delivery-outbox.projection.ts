import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import type { OtpIssued } from '../domain/otp.events';
import type { PasswordResetRequested, SubjectErased } from '../domain/user.events';

/**
 * The notifier's outbox. Delivery is a side effect, so it does not happen in the projection's
 * transaction (a send cannot be rolled back, and on PGlite a transaction held open during an
 * SMTP exchange would stall the whole database). This projection only turns OtpIssued and
 * PasswordResetRequested into `identity_deliveries` rows, exactly once thanks to the runner's
 * atomic checkpoint (and `on conflict do nothing` by event id); the DeliveryDispatcher then
 * sends them outside any transaction, with retries and a dead-letter status. A rebuild from
 * zero re-inserts old rows already past `expires_at`, which the dispatcher expires unsent.
 */
@RegisteredProjection()
export class DeliveryOutboxProjection implements Projection {
  readonly name = 'identity.delivery-outbox';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['user-', 'otp-'], eventTypes: ['OtpIssued', 'PasswordResetRequested', 'SubjectErased'] };
  readonly tables = ['identity_deliveries'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const sql = (query: string, params: unknown[]): Promise<unknown> => em.execute(query, params);
    const insert = `insert into identity_deliveries
      (event_id, tenant_id, user_id, kind, channel, purpose, destination, payload, expires_at, status, attempts, next_attempt_at, created_at)
      values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, 'pending', 0, ?, ?) on conflict (event_id) do nothing`;
    for (const recorded of events) {
      const tenantId = recorded.metadata.tenantId;
      if (recorded.type === 'OtpIssued') {
        const d = (recorded as RecordedEvent<OtpIssued['data']>).data;
        await sql(insert, [recorded.id, tenantId, d.userId, 'otp', d.channel, d.purpose, JSON.stringify(d.destination), JSON.stringify(d.code), d.expiresAt, d.issuedAt, d.issuedAt]);
      } else if (recorded.type === 'PasswordResetRequested') {
        const d = (recorded as RecordedEvent<PasswordResetRequested['data']>).data;
        if (!d.delivery) continue;
        const userId = recorded.streamId.slice(recorded.streamId.indexOf('.') + 1);
        await sql(insert, [recorded.id, tenantId, userId, 'reset', d.delivery.channel, 'password_reset', JSON.stringify(d.delivery.to), JSON.stringify(d.delivery.token), d.expiresAt, d.requestedAt, d.requestedAt]);
      } else if (recorded.type === 'SubjectErased') {
        const d = (recorded as RecordedEvent<SubjectErased['data']>).data;
        await sql(`update identity_deliveries set destination = null, payload = null, status = case when status = 'pending' then 'cancelled' else status end where user_id = ?`, [d.userId]);
      }
    }
  }
}
