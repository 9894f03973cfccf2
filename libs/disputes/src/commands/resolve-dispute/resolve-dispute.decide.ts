import { DisputeCaseResolved, DisputeEffect } from '../../domain/dispute.events';
import { refuseUnlessPending } from '../../domain/dispute.guards';
import { DisputeState } from '../../domain/dispute.state';
import { effectOperationId } from '../../domain/dispute.streams';
import { disputeFieldError } from '../../disputes.errors';
import { EffectRequest, ResolveDisputeInput } from './resolve-dispute.command';

/** Most credits one resolution may move: a bound on a typo, far above any real vote bundle. */
export const MAX_EFFECT_CREDITS = 1_000_000;

/**
 * Resolves a pending case once: of parallel resolutions the first append wins and every other
 * finds the case resolved (409), so its effect, applied under an id derived from the case, runs
 * once. A rejected case moves nothing; voiding needs a vote case, and only its own vote.
 */
export function decideResolveDispute(input: ResolveDisputeInput, state: DisputeState, now: Date): DisputeCaseResolved[] {
  refuseUnlessPending(state);
  if (input.resolution === 'rejected' && input.effect.type !== 'none') throw disputeFieldError('effect.type', 'a rejected dispute has no effect (use none)');
  const effect = effectOf(input.effect, state);
  return [
    {
      type: 'DisputeCaseResolved',
      data: {
        caseId: state.caseId as string,
        userId: state.userId as string,
        resolution: input.resolution,
        effect,
        operationId: effectOperationId(state.caseId as string),
        at: now.toISOString(),
      },
    },
  ];
}

function effectOf(request: EffectRequest, state: DisputeState): DisputeEffect {
  switch (request.type) {
    case 'none':
      return { type: 'none' };
    case 'void_vote':
      if (state.kind !== 'vote' || !state.voteId) throw disputeFieldError('effect.type', 'void_vote needs a dispute about a vote');
      return { type: 'void_vote', voteId: state.voteId };
    case 'refund_credits':
    case 'reverse_grant': {
      const credits = request.credits;
      if (credits === undefined || !Number.isSafeInteger(credits) || credits < 1 || credits > MAX_EFFECT_CREDITS) {
        throw disputeFieldError('effect.credits', `credits must be a whole number from 1 to ${MAX_EFFECT_CREDITS}`);
      }
      return { type: request.type, credits };
    }
    default: {
      const unknown: never = request.type;
      throw disputeFieldError('effect.type', `unknown effect ${String(unknown)}`);
    }
  }
}
