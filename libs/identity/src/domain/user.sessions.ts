import type { SessionRevoked, SessionRevokeReason } from './user.events';
import { liveSessionIds, UserState } from './user.state';

/** Ends every live session of the user (password change or reset, block, erasure). */
export function revokeAllSessions(state: UserState, reason: SessionRevokeReason, now: Date): SessionRevoked[] {
  const at = now.toISOString();
  return liveSessionIds(state, at).map((sessionId) => ({ type: 'SessionRevoked', data: { sessionId, reason, at } }));
}
