import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import type { OtpIssued, OtpVerified } from '../domain/otp.events';
import type { PasswordChanged, PhoneVerified, RolesChanged, SubjectErased, UserBlocked, UserRegistered, UserUnblocked } from '../domain/user.events';

/** The types the filter admits. */
type UsersEvent = UserRegistered | PhoneVerified | RolesChanged | UserBlocked | UserUnblocked | PasswordChanged | SubjectErased | OtpIssued | OtpVerified;

type Sql = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * `users` and `phone_verifications`. Envelopes are copied as they are (the projection holds no
 * keys); on SubjectErased the copies are dropped too, although without the key they are
 * unreadable anyway.
 */
@RegisteredProjection()
export class UsersProjection implements Projection {
  readonly name = 'identity.users';
  readonly version = 1;
  readonly filter = {
    streamPrefixes: ['user-', 'otp-'],
    eventTypes: ['UserRegistered', 'PhoneVerified', 'RolesChanged', 'UserBlocked', 'UserUnblocked', 'PasswordChanged', 'SubjectErased', 'OtpIssued', 'OtpVerified'],
  };
  readonly tables = ['users', 'phone_verifications'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const sql: Sql = (query, params) => em.execute(query, params);
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as UsersEvent;
      const userId = recorded.streamId.slice(recorded.streamId.indexOf('.') + 1);
      await this.applyOne(sql, event, userId, recorded.metadata.tenantId);
    }
  }

  private async applyOne(sql: Sql, event: UsersEvent, streamKey: string, tenantId: string): Promise<void> {
    switch (event.type) {
      case 'UserRegistered': {
        const d = event.data;
        await sql(
          `insert into users (user_id, tenant_id, email, email_hash, phone, phone_hash, phone_verified, password_hash, roles, status, created_at)
           values (?, ?, ?::jsonb, ?, ?::jsonb, ?, false, ?, ?::jsonb, 'active', ?) on conflict (user_id) do nothing`,
          [d.userId, tenantId, JSON.stringify(d.email), d.emailHash, d.phone ? JSON.stringify(d.phone) : null, d.phoneHash, d.passwordHash, JSON.stringify(d.roles), d.registeredAt],
        );
        return;
      }
      case 'PhoneVerified': {
        const d = event.data;
        await sql(`update users set phone = ?::jsonb, phone_hash = ?, phone_verified = true, phone_type = ? where user_id = ?`, [JSON.stringify(d.phone), d.phoneHash, d.numberType, streamKey]);
        if (d.otpId) await sql(`update phone_verifications set number_type = ? where verification_id = ?`, [d.numberType, d.otpId]);
        return;
      }
      case 'RolesChanged':
        await sql(`update users set roles = ?::jsonb where user_id = ?`, [JSON.stringify(event.data.roles), streamKey]);
        return;
      case 'UserBlocked':
        await sql(`update users set status = 'blocked' where user_id = ? and status <> 'erased'`, [streamKey]);
        return;
      case 'UserUnblocked':
        await sql(`update users set status = 'active' where user_id = ? and status <> 'erased'`, [streamKey]);
        return;
      case 'PasswordChanged':
        await sql(`update users set password_hash = ? where user_id = ?`, [event.data.passwordHash, streamKey]);
        return;
      case 'SubjectErased':
        await sql(`update users set email = null, phone = null, password_hash = null, status = 'erased', erased_at = ? where user_id = ?`, [event.data.at, streamKey]);
        await sql(`update phone_verifications set phone = null where user_id = ?`, [streamKey]);
        return;
      case 'OtpIssued': {
        const d = event.data;
        if (d.purpose !== 'phone_verify') return;
        await sql(
          `insert into phone_verifications (verification_id, tenant_id, user_id, phone, otp_code_hash, requested_at, expires_at)
           values (?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (verification_id) do nothing`,
          [d.otpId, tenantId, d.userId, JSON.stringify(d.destination), d.codeHash, d.issuedAt, d.expiresAt],
        );
        return;
      }
      case 'OtpVerified':
        if (event.data.purpose === 'phone_verify') await sql(`update phone_verifications set verified_at = ? where verification_id = ?`, [event.data.at, event.data.otpId]);
        return;
      default: {
        const unknown: never = event;
        void unknown;
      }
    }
  }
}
