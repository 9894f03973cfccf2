import { VotingError } from '../../voting.errors';
import { ContestState, isVotingOpen } from '../../domain/contest.state';
import { VoteCast } from '../../domain/voter.events';
import { CastVoteResponse, categoryKey, dayKey, VoterState } from '../../domain/voter.state';
import { utcDay } from '../../domain/voting.streams';
import { voteHash } from '../../domain/vote-hash';
import { ScreeningRecord, ScreeningVerdict } from '../../screening/vote-screening.port';
import { CastVoteInput, requestFingerprint } from './cast-vote.command';

export interface CastVoteFacts {
  tenantId: string;
  /** Minted by the handler, stable across the runner's retries. */
  voteId: string;
  now: Date;
  /** The contest as its stream says (an empty state when the contestant is unknown). */
  contest: ContestState;
  verdict: ScreeningVerdict;
  /** The screening's score and factors, recorded in the vote; null when nothing scored it. */
  screening: ScreeningRecord | null;
}

export type CastVoteDecision = { kind: 'cast'; event: VoteCast } | { kind: 'replay'; response: CastVoteResponse };

/**
 * The whole vote rule, decided on the voter's stream so that cap, free allowance, balance and
 * idempotency are checked and consumed in one append. The free daily allowance is spent
 * before paid credits.
 */
export function decideCastVote(input: CastVoteInput, facts: CastVoteFacts, voter: VoterState): CastVoteDecision {
  const fingerprint = requestFingerprint(input);
  const nowMs = facts.now.getTime();
  const seen = voter.requests.get(input.idempotencyKey);
  if (seen) {
    if (seen.fingerprint !== fingerprint) {
      throw new VotingError('VOTING.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request body');
    }
    return { kind: 'replay', response: seen.response };
  }

  const { contest } = facts;
  const contestant = contest.contestants.get(input.contestantId);
  if (!contest.exists || !contestant || (input.eventId !== undefined && input.eventId !== contest.contestId)) {
    throw new VotingError('VOTING.CONTESTANT_NOT_IN_EVENT', 'The contestant is not in this event', { contestantId: input.contestantId });
  }
  if (contest.settings.requireVerifiedPhone && input.phoneVerified !== true) {
    throw new VotingError('VOTING.PHONE_NOT_VERIFIED', 'This event takes votes only from voters with a verified phone');
  }
  if (!isVotingOpen(contest, nowMs)) {
    throw new VotingError('VOTING.EVENT_NOT_OPEN', `The event is ${contest.status === 'open' ? 'outside its voting dates' : contest.status}`, {
      status: contest.status,
    });
  }

  const category = contestant.categoryId ? contest.categories.get(contestant.categoryId) : undefined;
  const maxPerRequest = Math.min(contest.settings.maxVotesPerRequest, category?.rules.maxVotesPerRequest ?? Infinity);
  if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > maxPerRequest) {
    throw new VotingError('VOTING.AMOUNT_OUT_OF_BOUNDS', `The amount must be a whole number from 1 to ${maxPerRequest}`, {
      min: 1,
      max: maxPerRequest,
    });
  }

  const castSoFar = voter.contestTotals.get(contest.contestId) ?? 0;
  const capLeft = contest.voteCap - castSoFar;
  if (input.amount > capLeft) {
    throw new VotingError('VOTING.CAP_REACHED', `At most ${contest.voteCap} votes per voter in this event; ${Math.max(capLeft, 0)} left`, {
      voteCap: contest.voteCap,
      capLeft: Math.max(capLeft, 0),
    });
  }
  const categoryCap = category?.rules.maxVotesPerVoter;
  if (categoryCap !== undefined && category) {
    const inCategory = voter.categoryTotals.get(categoryKey(contest.contestId, category.categoryId)) ?? 0;
    if (inCategory + input.amount > categoryCap) {
      throw new VotingError('VOTING.CAP_REACHED', `At most ${categoryCap} votes per voter in category ${category.name}`, {
        categoryId: category.categoryId,
        capLeft: Math.max(categoryCap - inCategory, 0),
      });
    }
  }

  const day = utcDay(nowMs);
  const quotaLeft = Math.max(contest.settings.freeVotesPerDay - (voter.freeUsed.get(dayKey(contest.contestId, day)) ?? 0), 0);
  const freeUsed = Math.min(quotaLeft, input.amount);
  const paidUsed = input.amount - freeUsed;
  if (paidUsed > voter.balance) {
    // A voter living on the free allowance who has used today's gets quota-exhausted; a
    // voter with credits that do not cover the rest gets insufficient-credits.
    if (contest.settings.freeVotesPerDay > 0 && voter.balance === 0) {
      throw new VotingError('VOTING.QUOTA_EXHAUSTED', `The free votes of today are used (${quotaLeft} left) and there are no credits`, {
        quotaToday: quotaLeft,
      });
    }
    throw new VotingError('VOTING.INSUFFICIENT_CREDITS', `This vote needs ${paidUsed} credits; ${voter.balance} available`, {
      needed: paidUsed,
      credits: voter.balance,
    });
  }

  if (facts.verdict === 'reject') throw new VotingError('VOTING.VOTE_REJECTED', 'The vote was rejected by screening');

  const castAt = facts.now.toISOString();
  const balanceAfter = voter.balance - paidUsed;
  return {
    kind: 'cast',
    event: {
      type: 'VoteCast',
      id: facts.voteId,
      data: {
        voteId: facts.voteId,
        userId: input.userId,
        contestId: contest.contestId,
        contestantId: input.contestantId,
        categoryId: contestant.categoryId,
        amount: input.amount,
        freeUsed,
        paidUsed,
        day,
        status: facts.verdict === 'hold' ? 'held' : 'accepted',
        castAt,
        idempotencyKey: input.idempotencyKey,
        fingerprint,
        hash: voteHash({
          voteId: facts.voteId,
          tenantId: facts.tenantId,
          userId: input.userId,
          contestId: contest.contestId,
          contestantId: input.contestantId,
          amount: input.amount,
          castAt,
        }),
        balanceAfter,
        remaining: { credits: balanceAfter, quotaToday: quotaLeft - freeUsed, capLeft: capLeft - input.amount },
        ...(facts.screening ? { screening: facts.screening } : {}),
      },
    },
  };
}
