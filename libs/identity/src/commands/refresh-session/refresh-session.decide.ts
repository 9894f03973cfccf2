import { identityError } from '../../identity.errors';
import type { RefreshTokenReused, SessionRefreshed, SessionRevoked } from '../../domain/user.events';
import type { UserState } from '../../domain/user.state';

export interface RefreshAttempt {
  sessionId: string;
  presentedHash: string;
  nextHash: string;
  now: Date;
  expiresAt: Date;
}

export type RefreshEvent = SessionRefreshed | RefreshTokenReused | SessionRevoked;

/**
 * Rotation: the current refresh token buys a new pair and becomes spent. Presenting a spent
 * token means it leaked (or two clients raced): the whole session is revoked, and the caller
 * answers 401 when the outcome holds RefreshTokenReused.
 */
export function decideRefresh(state: UserState, attempt: RefreshAttempt): RefreshEvent[] {
  const session = state.sessions[attempt.sessionId];
  const at = attempt.now.toISOString();
  if (state.status !== 'active' || !session || session.revoked || session.expiresAt <= at) {
    throw identityError('IDENTITY.INVALID_REFRESH_TOKEN', 'The refresh token is not valid');
  }
  if (session.spent.includes(attempt.presentedHash)) {
    return [
      { type: 'RefreshTokenReused', data: { sessionId: attempt.sessionId, at } },
      { type: 'SessionRevoked', data: { sessionId: attempt.sessionId, reason: 'refresh_reuse', at } },
    ];
  }
  if (session.refreshHash !== attempt.presentedHash) throw identityError('IDENTITY.INVALID_REFRESH_TOKEN', 'The refresh token is not valid');
  return [
    {
      type: 'SessionRefreshed',
      data: { sessionId: attempt.sessionId, previousHash: attempt.presentedHash, refreshHash: attempt.nextHash, at, expiresAt: attempt.expiresAt.toISOString() },
    },
  ];
}
