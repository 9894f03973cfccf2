import { isUuid } from '@tally/platform';
import { VotingError } from '../../voting.errors';
import { CreditsGranted } from '../../domain/voter.events';
import { VoterState } from '../../domain/voter.state';
import { GrantCreditsInput } from './grant-credits.command';

export function decideGrantCredits(input: GrantCreditsInput, state: VoterState, now: Date): CreditsGranted[] {
  if (!Number.isSafeInteger(input.credits) || input.credits <= 0) {
    throw new VotingError('VOTING.INVALID_CREDITS', 'Credits to grant must be a positive whole number', { credits: input.credits });
  }
  if (!isUuid(input.grantId)) throw new Error(`grantId must be a UUID, got ${String(input.grantId)}`);
  if (state.appliedCredits.has(input.grantId)) return [];
  return [
    {
      type: 'CreditsGranted',
      id: input.grantId,
      data: {
        grantId: input.grantId,
        userId: input.userId,
        credits: input.credits,
        source: input.source,
        balanceAfter: state.balance + input.credits,
        at: now.toISOString(),
      },
    },
  ];
}
