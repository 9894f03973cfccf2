import { DomainError } from '@tally/platform';
import { ContestEvent } from '../../domain/contest.events';
import { contestDecider, ContestState } from '../../domain/contest.state';
import { VoterEvent } from '../../domain/voter.events';
import { voterDecider, VoterState } from '../../domain/voter.state';
import { voteHash } from '../../domain/vote-hash';
import { CastVoteInput } from './cast-vote.command';
import { SubscriptionQuota } from '../../quota/subscription-quota.port';
import { CastVoteDecision, CastVoteFacts, decideCastVote } from './cast-vote.decide';

const C = '01930000-0000-7000-8000-000000000001';
const A = '01930000-0000-7000-8000-0000000000a1';
const B = '01930000-0000-7000-8000-0000000000b1';
const CAT = '01930000-0000-7000-8000-0000000000c1';
const USER = 'user-1';
const NOW = new Date('2026-03-01T12:00:00.000Z');

function contest(overrides: { status?: 'open' | 'draft' | 'closed'; voteCap?: number; freeVotesPerDay?: number; maxVotesPerRequest?: number; categoryCap?: number } = {}): ContestState {
  const events: ContestEvent[] = [
    {
      type: 'ContestCreated',
      data: {
        contestId: C,
        name: 'Finals',
        startDate: '2026-02-01T00:00:00.000Z',
        endDate: '2026-04-01T00:00:00.000Z',
        voteCap: overrides.voteCap ?? 10,
        currency: 'USD',
        settings: { freeVotesPerDay: overrides.freeVotesPerDay ?? 0, maxVotesPerRequest: overrides.maxVotesPerRequest ?? 100, requireVerifiedPhone: false, refundableUntil: 'close' },
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    },
    { type: 'CategoryAdded', data: { contestId: C, categoryId: CAT, name: 'Solo', weight: 1, rules: overrides.categoryCap ? { maxVotesPerVoter: overrides.categoryCap } : {}, at: '2026-01-01T00:00:00.000Z' } },
    { type: 'ContestantAdded', data: { contestId: C, contestantId: A, name: 'Ada', slug: 'ada', categoryId: CAT, at: '2026-01-01T00:00:00.000Z' } },
  ];
  if ((overrides.status ?? 'open') !== 'draft') {
    events.push({ type: 'ContestStatusChanged', data: { contestId: C, from: 'draft', to: 'open', by: 'organizer', at: '2026-02-01T00:00:00.000Z' } });
  }
  if (overrides.status === 'closed') {
    events.push({ type: 'ContestStatusChanged', data: { contestId: C, from: 'open', to: 'closed', by: 'organizer', at: '2026-02-01T00:00:00.000Z' } });
  }
  return events.reduce(contestDecider.evolve, contestDecider.initialState());
}

function voter(credits: number, ...more: VoterEvent[]): VoterState {
  const grant: VoterEvent = {
    type: 'CreditsGranted',
    data: { grantId: '01930000-0000-7000-8000-00000000f001', userId: USER, credits, source: { kind: 'admin', ref: 't' }, balanceAfter: credits, at: NOW.toISOString() },
  };
  return (credits > 0 ? [grant, ...more] : more).reduce(voterDecider.evolve, voterDecider.initialState());
}

const vote = (amount: number, key = `k-${amount}`, contestantId = A): CastVoteInput => ({ userId: USER, contestantId, amount, idempotencyKey: key });
const facts = (state: ContestState, extra: Partial<CastVoteFacts> = {}): CastVoteFacts => ({ tenantId: 't1', voteId: '01930000-0000-7000-8000-00000000e001', now: NOW, contest: state, verdict: 'allow', screening: null, subscription: null, ...extra });

function cast(decision: CastVoteDecision) {
  if (decision.kind !== 'cast') throw new Error('expected a cast');
  return decision.event.data;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return String((error as DomainError<string>).code);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decideCastVote', () => {
  it('casts a vote paid with credits and reports what is left', () => {
    const data = cast(decideCastVote(vote(3), facts(contest()), voter(5)));
    expect(data).toMatchObject({ amount: 3, freeUsed: 0, paidUsed: 3, status: 'accepted', balanceAfter: 2, contestId: C, categoryId: CAT, day: '2026-03-01' });
    expect(data.remaining).toEqual({ credits: 2, quotaToday: 0, capLeft: 7 });
    expect(data.hash).toBe(voteHash({ voteId: data.voteId, tenantId: 't1', userId: USER, contestId: C, contestantId: A, amount: 3, castAt: NOW.toISOString() }));
  });

  it('spends the free daily allowance before paid credits', () => {
    const data = cast(decideCastVote(vote(4), facts(contest({ freeVotesPerDay: 3 })), voter(5)));
    expect(data).toMatchObject({ freeUsed: 3, paidUsed: 1, balanceAfter: 4 });
    expect(data.remaining).toEqual({ credits: 4, quotaToday: 0, capLeft: 6 });
  });

  it('replays the first response for the same key and body, and refuses another body', () => {
    const first = decideCastVote(vote(2, 'same'), facts(contest()), voter(5));
    const after = voterDecider.evolve(voter(5), (first as Extract<CastVoteDecision, { kind: 'cast' }>).event);
    const again = decideCastVote(vote(2, 'same'), facts(contest()), after);
    expect(again).toEqual({ kind: 'replay', response: expect.objectContaining({ voteId: cast(first).voteId, amount: 2, remaining: cast(first).remaining }) });
    expect(refusal(() => decideCastVote(vote(3, 'same'), facts(contest()), after))).toBe('VOTING.IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses each broken rule with its own code', () => {
    expect(refusal(() => decideCastVote(vote(1), facts(contest({ status: 'draft' })), voter(5)))).toBe('VOTING.EVENT_NOT_OPEN');
    expect(refusal(() => decideCastVote(vote(1), facts(contest({ status: 'closed' })), voter(5)))).toBe('VOTING.EVENT_NOT_OPEN');
    expect(refusal(() => decideCastVote(vote(1), facts(contest(), { now: new Date('2026-05-01T00:00:00Z') }), voter(5)))).toBe('VOTING.EVENT_NOT_OPEN');
    expect(refusal(() => decideCastVote(vote(1, 'x', B), facts(contest()), voter(5)))).toBe('VOTING.CONTESTANT_NOT_IN_EVENT');
    expect(refusal(() => decideCastVote({ ...vote(1), eventId: B }, facts(contest()), voter(5)))).toBe('VOTING.CONTESTANT_NOT_IN_EVENT');
    expect(refusal(() => decideCastVote(vote(11), facts(contest({ voteCap: 10 })), voter(50)))).toBe('VOTING.CAP_REACHED');
    expect(refusal(() => decideCastVote(vote(3), facts(contest({ categoryCap: 2 })), voter(50)))).toBe('VOTING.CAP_REACHED');
    expect(refusal(() => decideCastVote(vote(6), facts(contest({ maxVotesPerRequest: 5 })), voter(50)))).toBe('VOTING.AMOUNT_OUT_OF_BOUNDS');
    expect(refusal(() => decideCastVote(vote(3), facts(contest()), voter(2)))).toBe('VOTING.INSUFFICIENT_CREDITS');
    expect(refusal(() => decideCastVote(vote(3), facts(contest({ freeVotesPerDay: 2 })), voter(0)))).toBe('VOTING.QUOTA_EXHAUSTED');
    expect(refusal(() => decideCastVote(vote(1), facts(contest(), { verdict: 'reject' }), voter(5)))).toBe('VOTING.VOTE_REJECTED');
  });

  it('counts earlier votes against the cap and the free allowance of the same UTC day', () => {
    const state = contest({ freeVotesPerDay: 2, voteCap: 5 });
    let v = voter(10);
    for (const key of ['a', 'b']) {
      const decision = decideCastVote(vote(2, key), facts(state, { voteId: `01930000-0000-7000-8000-00000000e00${key === 'a' ? 1 : 2}` }), v);
      v = voterDecider.evolve(v, (decision as Extract<CastVoteDecision, { kind: 'cast' }>).event);
    }
    expect(v.contestTotals.get(C)).toBe(4);
    expect(v.balance).toBe(8);
    expect(refusal(() => decideCastVote(vote(2, 'c'), facts(state), v))).toBe('VOTING.CAP_REACHED');
    const tomorrow = cast(decideCastVote(vote(1, 'd'), facts(state, { now: new Date('2026-03-02T08:00:00Z') }), v));
    expect(tomorrow).toMatchObject({ freeUsed: 1, paidUsed: 0, day: '2026-03-02' });
  });

  it('records a held vote when screening holds it', () => {
    expect(cast(decideCastVote(vote(1), facts(contest(), { verdict: 'hold' }), voter(5))).status).toBe('held');
  });
});

describe('decideCastVote with a subscription quota', () => {
  const SUB = '01930000-0000-7000-8000-000000000051';
  const PLAN = '01930000-0000-7000-8000-0000000000a1';
  const quota = (extra: Partial<SubscriptionQuota> = {}): SubscriptionQuota => ({ subscriptionId: SUB, planId: PLAN, dailyQuota: 5, day: '2026-03-02', overage: 'allow', ...extra });
  const after = (state: VoterState, decision: CastVoteDecision): VoterState => voterDecider.evolve(state, (decision as Extract<CastVoteDecision, { kind: 'cast' }>).event);

  it('spends the free votes, then the quota of the local day, then credits, and records the draw on the vote', () => {
    const data = cast(decideCastVote(vote(9), facts(contest({ freeVotesPerDay: 2 }), { subscription: quota() }), voter(5)));
    expect(data).toMatchObject({ freeUsed: 2, paidUsed: 2, balanceAfter: 3, quota: { subscriptionId: SUB, planId: PLAN, day: '2026-03-02', used: 5, dailyQuota: 5 } });
    expect(data.remaining).toEqual({ credits: 3, quotaToday: 0, capLeft: 1 });
  });

  it('follows the event\'s spending order', () => {
    const state = contest({ freeVotesPerDay: 2 });
    const quotaFirst = { ...state, settings: { ...state.settings, spendingOrder: ['subscription', 'free', 'credits'] as const } };
    expect(cast(decideCastVote(vote(6), facts(quotaFirst, { subscription: quota() }), voter(5)))).toMatchObject({ freeUsed: 1, paidUsed: 0, quota: { used: 5 } });
    const creditsFirst = { ...state, settings: { ...state.settings, spendingOrder: ['credits', 'subscription', 'free'] as const } };
    const data = cast(decideCastVote(vote(6), facts(creditsFirst, { subscription: quota() }), voter(5)));
    expect(data).toMatchObject({ freeUsed: 0, paidUsed: 5, quota: { used: 1 } });
  });

  it('counts the quota per local day and gives it back the next day', () => {
    let state = voter(0);
    state = after(state, decideCastVote(vote(3, 'a'), facts(contest(), { subscription: quota() }), state));
    state = after(state, decideCastVote(vote(2, 'b'), facts(contest(), { subscription: quota() }), state));
    expect(refusal(() => decideCastVote(vote(1, 'c'), facts(contest(), { subscription: quota() }), state))).toBe('VOTING.QUOTA_EXHAUSTED');
    expect(cast(decideCastVote(vote(5, 'd'), facts(contest(), { subscription: quota({ day: '2026-03-03' }) }), state)).quota).toMatchObject({ used: 5, day: '2026-03-03' });
  });

  it('falls through to credits when the plan allows overage, and refuses when it denies it', () => {
    let state = voter(10);
    state = after(state, decideCastVote(vote(5, 'a'), facts(contest(), { subscription: quota() }), state));
    expect(cast(decideCastVote(vote(2, 'b'), facts(contest(), { subscription: quota() }), state))).toMatchObject({ paidUsed: 2 });
    expect(cast(decideCastVote(vote(2, 'b'), facts(contest(), { subscription: quota() }), state)).quota).toBeUndefined();
    expect(refusal(() => decideCastVote(vote(2, 'c'), facts(contest(), { subscription: quota({ overage: 'deny' }) }), state))).toBe('VOTING.QUOTA_EXHAUSTED');
  });

  it('after a downgrade today keeps what was used: left is the new quota minus it', () => {
    let state = voter(0);
    state = after(state, decideCastVote(vote(4, 'a'), facts(contest(), { subscription: quota({ dailyQuota: 10 }) }), state));
    expect(refusal(() => decideCastVote(vote(1, 'b'), facts(contest(), { subscription: quota({ dailyQuota: 3 }) }), state))).toBe('VOTING.QUOTA_EXHAUSTED');
    expect(cast(decideCastVote(vote(2, 'c'), facts(contest(), { subscription: quota({ dailyQuota: 6 }) }), state)).remaining.quotaToday).toBe(0);
  });

  it('a suspended subscription (quota 0) leaves the voter to credits, and a refund gives the quota back', () => {
    expect(cast(decideCastVote(vote(2), facts(contest(), { subscription: quota({ dailyQuota: 0, overage: 'deny' }) }), voter(5)))).toMatchObject({ paidUsed: 2 });
    const drawn = decideCastVote(vote(5, 'a'), facts(contest(), { subscription: quota() }), voter(0));
    const state = after(voter(0), drawn);
    const voteId = cast(drawn).voteId;
    const refunded = voterDecider.evolve(state, {
      type: 'VoteRefunded',
      data: { voteId, userId: USER, contestId: C, contestantId: A, categoryId: CAT, amount: 5, freeReturned: 0, paidReturned: 0, day: '2026-03-01', wasCounted: true, by: 'voter', balanceAfter: 0, at: NOW.toISOString() },
    });
    expect(cast(decideCastVote(vote(5, 'b'), facts(contest(), { subscription: quota() }), refunded)).quota).toMatchObject({ used: 5 });
  });
});
