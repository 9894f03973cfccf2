import type { Envelope } from '../../domain/pii';
import type { PasswordChanged, PasswordResetCompleted, PasswordResetRequested, SessionRevoked } from '../../domain/user.events';
import { revokeAllSessions } from '../../domain/user.sessions';
import type { UserState } from '../../domain/user.state';
import { identityError } from '../../identity.errors';

export interface ResetRequest {
  resetId: string;
  tokenHash: string;
  now: Date;
  ttlSeconds: number;
  delivery: { to: Envelope; token: Envelope } | null;
}

/** Open resets a user may have at once: a bound on mail sent to someone else's inbox. */
export const MAX_OPEN_RESETS = 5;

/** Only an active user gets a reset; for anyone else nothing happens (the API answers 202 alike). */
export function decideResetRequest(state: UserState, request: ResetRequest): PasswordResetRequested[] {
  if (state.status !== 'active') return [];
  const now = request.now.toISOString();
  if (Object.values(state.resets).filter((reset) => !reset.used && reset.expiresAt > now).length >= MAX_OPEN_RESETS) return [];
  return [
    {
      type: 'PasswordResetRequested',
      data: {
        resetId: request.resetId,
        tokenHash: request.tokenHash,
        requestedAt: request.now.toISOString(),
        expiresAt: new Date(request.now.getTime() + request.ttlSeconds * 1000).toISOString(),
        delivery: request.delivery ? { channel: 'email', ...request.delivery } : null,
      },
    },
  ];
}

export interface ResetCompletion {
  tokenHash: string;
  newPasswordHash: string;
  now: Date;
}

export type ResetCompletionEvent = PasswordChanged | PasswordResetCompleted | SessionRevoked;

/** Single use, 30 minutes: a matching, unused, unexpired token sets the password and ends every session. */
export function decideResetCompletion(state: UserState, completion: ResetCompletion): ResetCompletionEvent[] {
  const at = completion.now.toISOString();
  const match = Object.entries(state.resets).find(([, reset]) => reset.tokenHash === completion.tokenHash);
  if (state.status !== 'active' || !match || match[1].used || match[1].expiresAt <= at) {
    throw identityError('IDENTITY.RESET_TOKEN_INVALID', 'The reset token is invalid, used or expired');
  }
  return [
    { type: 'PasswordChanged', data: { passwordHash: completion.newPasswordHash, reason: 'reset', at } },
    { type: 'PasswordResetCompleted', data: { resetId: match[0], at } },
    ...revokeAllSessions(state, 'password_reset', completion.now),
  ];
}
