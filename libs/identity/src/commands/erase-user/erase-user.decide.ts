import type { SessionRevoked, SubjectErased } from '../../domain/user.events';
import { revokeAllSessions } from '../../domain/user.sessions';
import type { UserState } from '../../domain/user.state';
import { identityError } from '../../identity.errors';

/** Erasure ends every session and marks the subject erased; erasing twice appends nothing. */
export function decideErase(state: UserState, userId: string, now: Date): (SessionRevoked | SubjectErased)[] {
  if (state.status === 'none') throw identityError('IDENTITY.USER_NOT_FOUND', 'Unknown user');
  if (state.status === 'erased') return [];
  return [...revokeAllSessions(state, 'erased', now), { type: 'SubjectErased', data: { userId, at: now.toISOString() } }];
}
