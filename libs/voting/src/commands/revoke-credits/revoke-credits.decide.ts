import { votedFor } from '../../domain/vote-review';
import { isUuid } from '@tally/platform';
import { VotingError } from '../../voting.errors';
import { CreditsRevoked, VoteVoided } from '../../domain/voter.events';
import { VoterState } from '../../domain/voter.state';
import { RevokeCreditsInput } from './revoke-credits.command';

/**
 * Revokes from the unspent balance first. A shortfall, when `voidVotes` is set, voids the
 * voter's most recent live votes that were paid with credits, newest first, until the spent
 * credits are recovered; the excess paid credits of the last voided vote return to the balance.
 */
export function decideRevokeCredits(input: RevokeCreditsInput, state: VoterState, now: Date): (CreditsRevoked | VoteVoided)[] {
  if (!Number.isSafeInteger(input.credits) || input.credits <= 0) {
    throw new VotingError('VOTING.INVALID_CREDITS', 'Credits to revoke must be a positive whole number', { credits: input.credits });
  }
  if (!isUuid(input.revokeId)) throw new Error(`revokeId must be a UUID, got ${String(input.revokeId)}`);
  if (state.appliedCredits.has(input.revokeId)) return [];
  const at = now.toISOString();
  const fromBalance = Math.min(input.credits, state.balance);
  let balance = state.balance - fromBalance;
  const events: (CreditsRevoked | VoteVoided)[] = [
    {
      type: 'CreditsRevoked',
      id: input.revokeId,
      data: {
        revokeId: input.revokeId,
        userId: input.userId,
        credits: fromBalance,
        requested: input.credits,
        reason: input.reason,
        ref: input.ref,
        balanceAfter: balance,
        at,
      },
    },
  ];
  let shortfall = input.credits - fromBalance;
  if (shortfall > 0 && input.voidVotes) {
    const newestFirst = [...state.votes.values()].reverse();
    for (const vote of newestFirst) {
      if (shortfall <= 0) break;
      if ((vote.status !== 'accepted' && vote.status !== 'held') || vote.paidUsed === 0) continue;
      const recovered = Math.min(vote.paidUsed, shortfall);
      shortfall -= recovered;
      balance += vote.paidUsed - recovered;
      events.push({
        type: 'VoteVoided',
        data: {
          ...votedFor(vote, input.userId),
          revokeId: input.revokeId,
          paidRecovered: recovered,
          paidReturned: vote.paidUsed - recovered,
          wasCounted: vote.status === 'accepted',
          balanceAfter: balance,
          at,
        },
      });
    }
  }
  return events;
}
