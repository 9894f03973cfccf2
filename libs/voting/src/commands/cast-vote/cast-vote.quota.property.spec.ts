import { DomainError } from '@tally/platform';
import fc from 'fast-check';
import { ContestEvent } from '../../domain/contest.events';
import { contestDecider, ContestState } from '../../domain/contest.state';
import { voterDecider, VoterState } from '../../domain/voter.state';
import { SubscriptionQuota } from '../../quota/subscription-quota.port';
import { CastVoteDecision, decideCastVote } from './cast-vote.decide';

const C = '01930000-0000-7000-8000-000000000001';
const A = '01930000-0000-7000-8000-0000000000a1';
const USER = 'user-1';
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];

type Op =
  | { kind: 'vote'; amount: number }
  | { kind: 'reset' }
  | { kind: 'plan'; dailyQuota: number; overage: 'allow' | 'deny' }
  | { kind: 'cancel' }
  | { kind: 'grant'; credits: number }
  | { kind: 'refund'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('vote' as const), amount: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('plan' as const), dailyQuota: fc.integer({ min: 1, max: 12 }), overage: fc.constantFrom('allow' as const, 'deny' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grant' as const), credits: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(30) }) },
);

function openContest(freeVotesPerDay: number): ContestState {
  const events: ContestEvent[] = [
    {
      type: 'ContestCreated',
      data: { contestId: C, name: 'Finals', startDate: '2026-02-01T00:00:00.000Z', endDate: '2026-04-01T00:00:00.000Z', voteCap: 100_000, currency: 'USD', settings: { freeVotesPerDay, maxVotesPerRequest: 100, requireVerifiedPhone: false, refundableUntil: 'close' }, createdAt: '2026-01-01T00:00:00.000Z' },
    },
    { type: 'ContestantAdded', data: { contestId: C, contestantId: A, name: 'Ada', slug: 'ada', categoryId: null, at: '2026-01-01T00:00:00.000Z' } },
    { type: 'ContestStatusChanged', data: { contestId: C, from: 'draft', to: 'open', by: 'organizer', at: '2026-02-01T00:00:00.000Z' } },
  ];
  return events.reduce(contestDecider.evolve, contestDecider.initialState());
}

/**
 * Random votes, local-day resets, upgrades and downgrades, cancellations, grants and refunds,
 * decided one after another on the voter stream as the store serialises them: no day's draw on
 * the quota ever exceeds the quota in force when each vote was cast, overage denied never
 * touches credits, and the quota the voter state counts equals the votes that drew on it.
 */
describe('subscription quota property', () => {
  it('never exceeds a day\'s quota; the counted usage equals the votes drawn', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 2 }), (ops, free) => {
        const contest = openContest(free);
        let voter: VoterState = voterDecider.initialState();
        let quota: SubscriptionQuota | null = { subscriptionId: 'sub-1', planId: 'plan-1', dailyQuota: 5, day: DAYS[0], overage: 'allow' };
        let dayIndex = 0;
        let credits = 0;
        const drawn = new Map<string, number>();
        const votes: { voteId: string; amount: number; day: string; used: number; paid: number; refunded: boolean }[] = [];
        for (const [n, op] of ops.entries()) {
          const now = new Date(Date.parse('2026-03-01T12:00:00.000Z') + dayIndex * 86_400_000 + n * 1000);
          switch (op.kind) {
            case 'reset':
              dayIndex = Math.min(dayIndex + 1, DAYS.length - 1);
              if (quota) quota = { ...quota, day: DAYS[dayIndex] };
              break;
            case 'plan':
              if (quota) quota = { ...quota, dailyQuota: op.dailyQuota, overage: op.overage };
              break;
            case 'cancel':
              quota = null;
              break;
            case 'grant':
              credits += op.credits;
              voter = voterDecider.evolve(voter, { type: 'CreditsGranted', data: { grantId: `g${n}`, userId: USER, credits: op.credits, source: { kind: 'admin', ref: 't' }, balanceAfter: voter.balance + op.credits, at: now.toISOString() } });
              break;
            case 'refund': {
              const live = votes.filter((v) => !v.refunded);
              if (live.length === 0) break;
              const target = live[op.pick % live.length];
              target.refunded = true;
              if (target.used > 0) drawn.set(target.day, (drawn.get(target.day) ?? 0) - target.used);
              voter = voterDecider.evolve(voter, {
                type: 'VoteRefunded',
                data: { voteId: target.voteId, userId: USER, contestId: C, contestantId: A, categoryId: null, amount: target.amount, freeReturned: 0, paidReturned: target.paid, day: '2026-03-01', wasCounted: true, by: 'voter', balanceAfter: voter.balance + target.paid, at: now.toISOString() },
              });
              break;
            }
            case 'vote': {
              const before = voter.balance;
              let decision: CastVoteDecision;
              try {
                decision = decideCastVote({ userId: USER, contestantId: A, amount: op.amount, idempotencyKey: `k${n}` }, { tenantId: 't1', voteId: `v${n}`, now, contest, verdict: 'allow', screening: null, subscription: quota }, voter);
              } catch (error) {
                if (!(error instanceof DomainError)) throw error;
                break;
              }
              if (decision.kind !== 'cast') throw new Error('no replay expected');
              const d = decision.event.data;
              const used = d.quota?.used ?? 0;
              if (used > 0) {
                expect(quota).not.toBeNull();
                expect(d.quota?.day).toBe(quota?.day);
                drawn.set(d.quota!.day, (drawn.get(d.quota!.day) ?? 0) + used);
                // Never over the quota in force at this vote, today included after a downgrade.
                expect(drawn.get(d.quota!.day)).toBeLessThanOrEqual(quota!.dailyQuota);
              }
              if (quota && quota.overage === 'deny') expect(d.paidUsed).toBe(0);
              expect(d.freeUsed + d.paidUsed + used).toBe(op.amount);
              expect(d.balanceAfter).toBe(before - d.paidUsed);
              voter = voterDecider.evolve(voter, decision.event);
              votes.push({ voteId: d.voteId, amount: op.amount, day: d.quota?.day ?? '', used, paid: d.paidUsed, refunded: false });
              break;
            }
            default: {
              const unknown: never = op;
              throw new Error(`unknown op ${JSON.stringify(unknown)}`);
            }
          }
        }
        // The voter state's count is the votes drawn (recent days are kept; these all are).
        for (const [day, used] of drawn) expect(voter.quotaUsed.get(`sub-1/${day}`) ?? 0).toBe(used);
        expect(voter.balance).toBe(credits - votes.filter((v) => !v.refunded).reduce((sum, v) => sum + v.paid, 0));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
