import { streamName, StreamDecider, DomainEvent } from '@tally/eventstore';
import { DomainError } from '@tally/platform';

/**
 * An email address or verified phone number belongs to one user per tenant. Uniqueness cannot
 * come from a read model (eventual), so each identifier has its own stream, named by its keyed
 * hash (no personal data in stream ids), and the first claim wins by expected revision.
 */
export type IdentifierKind = 'email' | 'phone';

export type IdentifierClaimed = DomainEvent<'IdentifierClaimed', { kind: IdentifierKind; userId: string; at: string }>;
export type IdentifierReleased = DomainEvent<'IdentifierReleased', { kind: IdentifierKind; userId: string; at: string }>;
export type IdentifierClaimEvent = IdentifierClaimed | IdentifierReleased;

export interface IdentifierClaimState {
  userId: string | null;
  claimedAt: string | null;
}

export const identifierClaimStream = (kind: IdentifierKind, tenantId: string, hash: string): string =>
  streamName(kind === 'email' ? 'emailclaim' : 'phoneclaim', tenantId, hash);

export const identifierClaimDecider: StreamDecider<IdentifierClaimState, IdentifierClaimEvent> = {
  aggregate: 'identifier-claim',
  initialState: () => ({ userId: null, claimedAt: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'IdentifierClaimed':
        return { userId: event.data.userId, claimedAt: event.data.at };
      case 'IdentifierReleased':
        return state.userId === event.data.userId ? { userId: null, claimedAt: null } : state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};

export interface ClaimRequest {
  kind: IdentifierKind;
  userId: string;
  now: Date;
  /**
   * Whether the current holder's user stream exists. Sign-up claims the address before it
   * writes the user; a crash in between would strand the address, so a claim whose user never
   * appeared may be taken over once it is older than `orphanAfterMs`.
   */
  holderExists: boolean;
  orphanAfterMs: number;
}

export function decideClaim(state: IdentifierClaimState, request: ClaimRequest): IdentifierClaimed[] {
  if (state.userId === request.userId) return [];
  if (state.userId) {
    const orphaned = !request.holderExists && state.claimedAt !== null && Date.parse(state.claimedAt) + request.orphanAfterMs < request.now.getTime();
    if (!orphaned) {
      const code = request.kind === 'email' ? 'IDENTITY.EMAIL_TAKEN' : 'IDENTITY.PHONE_TAKEN';
      throw new DomainError(code, request.kind === 'email' ? 'This email is already registered' : 'This phone number is verified by another account');
    }
  }
  return [{ type: 'IdentifierClaimed', data: { kind: request.kind, userId: request.userId, at: request.now.toISOString() } }];
}

export function decideRelease(state: IdentifierClaimState, kind: IdentifierKind, userId: string, now: Date): IdentifierReleased[] {
  return state.userId === userId ? [{ type: 'IdentifierReleased', data: { kind, userId, at: now.toISOString() } }] : [];
}
