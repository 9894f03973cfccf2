import type { SessionRevoked } from '../../domain/user.events';
import type { UserState } from '../../domain/user.state';

/** Logging out twice is harmless: an already ended session appends nothing. */
export function decideLogout(state: UserState, sessionId: string, now: Date): SessionRevoked[] {
  const session = state.sessions[sessionId];
  if (!session || session.revoked) return [];
  return [{ type: 'SessionRevoked', data: { sessionId, reason: 'logout', at: now.toISOString() } }];
}
