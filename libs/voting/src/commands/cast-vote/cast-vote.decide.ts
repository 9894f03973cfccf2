import { VotingError } from '../../voting.errors';
import { DEFAULT_SPENDING_ORDER } from '../../domain/contest.events';
import { ContestState, isVotingOpen } from '../../domain/contest.state';
import { spendInOrder } from '../../domain/spending-order';
import { VoteCast } from '../../domain/voter.events';
import { CastVoteResponse, categoryKey, dayKey, quotaKey, VoterState } from '../../domain/voter.state';
import { utcDay } from '../../domain/voting.streams';
import { voteHash } from '../../domain/vote-hash';
import { SubscriptionQuota } from '../../quota/subscription-quota.port';
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
  /** The voter's subscription quota (its plan, today's local date, overage rule); null without a subscription. */
  subscription: SubscriptionQuota | null;
}

export type CastVoteDecision = { kind: 'cast'; event: VoteCast } | { kind: 'replay'; response: CastVoteResponse };

/**
 * The whole vote rule, decided on the voter's stream so that cap, free allowance, subscription
 * quota, balance and idempotency are checked and consumed in one append (the stream's expected
 * revision serialises a voter's votes, so no quota is ever spent twice). The sources are spent in
 * the event's spending order, by default the free daily votes, then the subscription's quota of
 * the subscriber's local day, then paid credits (a plan that denies overage stops at its quota).
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
  const freeLeft = Math.max(contest.settings.freeVotesPerDay - (voter.freeUsed.get(dayKey(contest.contestId, day)) ?? 0), 0);
  const subscription = facts.subscription;
  const subscriptionLeft = subscription ? Math.max(subscription.dailyQuota - (voter.quotaUsed.get(quotaKey(subscription.subscriptionId, subscription.day)) ?? 0), 0) : 0;
  // A plan that denies overage keeps paid credits out while its quota is in force.
  const overageDenied = subscription !== null && subscription.dailyQuota > 0 && subscription.overage === 'deny';
  const spent = spendInOrder(contest.settings.spendingOrder ?? DEFAULT_SPENDING_ORDER, input.amount, {
    free: freeLeft,
    subscription: subscriptionLeft,
    credits: overageDenied ? 0 : voter.balance,
  });
  if (spent.unpaid > 0) {
    // A voter living on a daily quota (the event's free votes, a subscription) who has used
    // today's gets quota-exhausted; a voter whose credits do not cover the rest gets insufficient-credits.
    const quotaToday = freeLeft + subscriptionLeft;
    const onQuota = (subscription !== null && subscription.dailyQuota > 0) || contest.settings.freeVotesPerDay > 0;
    if (overageDenied || (onQuota && voter.balance === 0)) {
      throw new VotingError(
        'VOTING.QUOTA_EXHAUSTED',
        `The votes of today's quota are used (${quotaToday} left)${overageDenied ? ' and the plan allows no overage' : ' and there are no credits'}`,
        { quotaToday, ...(overageDenied ? { overage: 'deny' } : {}) },
      );
    }
    const needed = input.amount - spent.free - spent.subscription;
    throw new VotingError('VOTING.INSUFFICIENT_CREDITS', `This vote needs ${needed} credits; ${voter.balance} available`, {
      needed,
      credits: voter.balance,
    });
  }
  const freeUsed = spent.free;
  const paidUsed = spent.credits;

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
        remaining: { credits: balanceAfter, quotaToday: freeLeft - freeUsed + subscriptionLeft - spent.subscription, capLeft: capLeft - input.amount },
        ...(facts.screening ? { screening: facts.screening } : {}),
        ...(subscription && spent.subscription > 0
          ? { quota: { subscriptionId: subscription.subscriptionId, planId: subscription.planId, day: subscription.day, used: spent.subscription, dailyQuota: subscription.dailyQuota } }
          : {}),
      },
    },
  };
}
