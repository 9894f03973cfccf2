import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import type { OtpEvent } from '../domain/otp.events';

/** `otp_attempts`: one row per issued code with its failed attempts and the subject's lockout. */
@RegisteredProjection()
export class OtpAttemptsProjection implements Projection {
  readonly name = 'identity.otp-attempts';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['otp-'], eventTypes: ['OtpIssued', 'OtpVerificationFailed', 'OtpLockedOut', 'OtpVerified'] };
  readonly tables = ['otp_attempts'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const sql = (query: string, params: unknown[]): Promise<unknown> => em.execute(query, params);
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as OtpEvent;
      const subjectHash = recorded.streamId.slice(recorded.streamId.indexOf('.') + 1);
      switch (event.type) {
        case 'OtpIssued': {
          const d = event.data;
          await sql(
            `insert into otp_attempts (otp_id, tenant_id, subject_hash, user_id, purpose, channel, created_at, expires_at)
             values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (otp_id) do nothing`,
            [d.otpId, recorded.metadata.tenantId, subjectHash, d.userId, d.purpose, d.channel, d.issuedAt, d.expiresAt],
          );
          break;
        }
        case 'OtpVerificationFailed':
          if (event.data.otpId) await sql(`update otp_attempts set attempts = attempts + 1, last_attempt_time = ? where otp_id = ?`, [event.data.at, event.data.otpId]);
          break;
        case 'OtpLockedOut':
          await sql(`update otp_attempts set locked_until = ? where subject_hash = ? and created_at > ?::timestamptz - interval '1 day'`, [event.data.until, subjectHash, event.data.at]);
          break;
        case 'OtpVerified':
          await sql(`update otp_attempts set verified_at = ?, last_attempt_time = ? where otp_id = ?`, [event.data.at, event.data.at, event.data.otpId]);
          break;
        default: {
          const unknown: never = event;
          void unknown;
        }
      }
    }
  }
}
