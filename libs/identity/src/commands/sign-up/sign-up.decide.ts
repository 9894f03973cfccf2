import type { Role } from '@tally/platform';
import type { Envelope } from '../../domain/pii';
import type { UserRegistered } from '../../domain/user.events';
import type { UserState } from '../../domain/user.state';

export interface SignUpFacts {
  userId: string;
  emailHash: string;
  email: Envelope;
  phone: Envelope | null;
  phoneHash: string | null;
  passwordHash: string;
  roles: Role[];
  now: Date;
}

/** A new user stream; a retry that finds its own registration appends nothing. */
export function decideSignUp(state: UserState, facts: SignUpFacts): UserRegistered[] {
  if (state.status !== 'none') return [];
  const { now, ...data } = facts;
  return [{ type: 'UserRegistered', data: { ...data, registeredAt: now.toISOString() } }];
}
