import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import type { PasswordResetCompleted, PasswordResetRequested, SessionRefreshed, SessionRevoked, SessionStarted } from '../domain/user.events';

type SessionEvent = SessionStarted | SessionRefreshed | SessionRevoked | PasswordResetRequested | PasswordResetCompleted;

/** `sessions` (the auth guard's revocation source) and `password_resets`. */
@RegisteredProjection()
export class SessionsProjection implements Projection {
  readonly name = 'identity.sessions';
  readonly version = 1;
  readonly filter = {
    streamPrefixes: ['user-'],
    eventTypes: ['SessionStarted', 'SessionRefreshed', 'SessionRevoked', 'PasswordResetRequested', 'PasswordResetCompleted'],
  };
  readonly tables = ['sessions', 'password_resets'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const sql = (query: string, params: unknown[]): Promise<unknown> => em.execute(query, params);
    for (const recorded of events) {
      // The filter admits only these types.
      const event = { type: recorded.type, data: recorded.data } as SessionEvent;
      const userId = recorded.streamId.slice(recorded.streamId.indexOf('.') + 1);
      const tenantId = recorded.metadata.tenantId;
      switch (event.type) {
        case 'SessionStarted': {
          const d = event.data;
          await sql(
            `insert into sessions (session_id, tenant_id, user_id, refresh_token_hash, method, created_at, expires_at)
             values (?, ?, ?, ?, ?, ?, ?) on conflict (session_id) do nothing`,
            [d.sessionId, tenantId, userId, d.refreshHash, d.method, d.startedAt, d.expiresAt],
          );
          break;
        }
        case 'SessionRefreshed': {
          const d = event.data;
          await sql(`update sessions set refresh_token_hash = ?, last_refreshed_at = ?, expires_at = ? where session_id = ?`, [d.refreshHash, d.at, d.expiresAt, d.sessionId]);
          break;
        }
        case 'SessionRevoked':
          await sql(`update sessions set revoked_at = ?, revoke_reason = ? where session_id = ? and revoked_at is null`, [event.data.at, event.data.reason, event.data.sessionId]);
          break;
        case 'PasswordResetRequested': {
          const d = event.data;
          await sql(
            `insert into password_resets (reset_id, tenant_id, user_id, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?, ?)
             on conflict (reset_id) do nothing`,
            [d.resetId, tenantId, userId, d.tokenHash, d.requestedAt, d.expiresAt],
          );
          break;
        }
        case 'PasswordResetCompleted':
          await sql(`update password_resets set used_at = ? where reset_id = ?`, [event.data.at, event.data.resetId]);
          break;
        default: {
          const unknown: never = event;
          void unknown;
        }
      }
    }
  }
}
