import type { BlockReason, SessionRevoked, UserBlocked } from '../../domain/user.events';
import { revokeAllSessions } from '../../domain/user.sessions';
import type { UserState } from '../../domain/user.state';
import { identityError } from '../../identity.errors';

/** Blocking ends every session at once; blocking a blocked user appends nothing. */
export function decideBlock(state: UserState, reason: BlockReason, now: Date): (UserBlocked | SessionRevoked)[] {
  if (state.status === 'none' || state.status === 'erased') throw identityError('IDENTITY.USER_NOT_FOUND', 'Unknown user');
  if (state.status === 'blocked') return [];
  return [{ type: 'UserBlocked', data: { reason, at: now.toISOString() } }, ...revokeAllSessions(state, 'blocked', now)];
}
