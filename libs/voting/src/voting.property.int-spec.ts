import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata, ProjectionRebuildService } from '@tally/eventstore';
import { DomainError, uuidv7 } from '@tally/platform';
import fc from 'fast-check';
import Redis from 'ioredis';
import { AddContestantCommand } from './commands/add-contestant/add-contestant.command';
import { CastVoteCommand } from './commands/cast-vote/cast-vote.command';
import { ChangeContestStatusCommand } from './commands/change-contest-status/change-contest-status.command';
import { CreateContestCommand } from './commands/create-contest/create-contest.command';
import { GrantCreditsCommand } from './commands/grant-credits/grant-credits.command';
import { RefundVoteCommand } from './commands/refund-vote/refund-vote.command';
import { RANKING_STORE, RankingStore } from './ranking/ranking-store.port';
import { ReadConnection } from './read-models/read-connection';
import { createVotingTestContext, VOTING_PROJECTIONS, VotingTestContext } from './testing/voting-test-context';

const TENANT = 'tenant_prop';
const meta = (actorId: string | null = null) => commandMetadata({ tenantId: TENANT, actorId, clientIp: null });

type Op =
  | { kind: 'grant'; voter: number; credits: number }
  | { kind: 'vote'; voter: number; contestant: number; amount: number }
  | { kind: 'burst'; voter: number; contestant: number; amount: number; copies: number }
  | { kind: 'refund'; voter: number; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('grant' as const), voter: fc.nat(2), credits: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('vote' as const), voter: fc.nat(2), contestant: fc.nat(2), amount: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('burst' as const), voter: fc.nat(2), contestant: fc.nat(2), amount: fc.integer({ min: 1, max: 3 }), copies: fc.integer({ min: 2, max: 6 }) }),
  fc.record({ kind: fc.constant('refund' as const), voter: fc.nat(2), pick: fc.nat(20) }),
);

const REFUSALS = new Set(['VOTING.CAP_REACHED', 'VOTING.INSUFFICIENT_CREDITS', 'VOTING.QUOTA_EXHAUSTED']);

async function tableDump(db: ReadConnection, contestId: string) {
  const q = (sql: string) => db.queryPrimary<Record<string, unknown>>(sql, [contestId]);
  return {
    contestants: await q('select contestant_id, name, slug, votes_received from contestants where event_id = ? order by contestant_id'),
    leaderboard: await q('select rank_id, contestant_id, current_rank, vote_count, updated_at from leaderboard_cache where event_id = ? order by rank_id'),
    votes: await q('select * from votes where event_id = ? order by vote_id'),
    ledger: await q(`select * from vote_ledger where user_id in (select distinct user_id from votes where event_id = ?) order by transaction_id`),
    events: await q('select * from events where event_id = ?'),
  };
}

describe.each([
  ['in-process ranking store', false],
  ['Redis ranking store', true],
])('voting invariants (%s)', (_label, useRedis) => {
  let ctx: VotingTestContext;
  let commands: CommandBus;
  const prefix = `tally-test-${randomUUID()}:`;

  beforeAll(async () => {
    ctx = await createVotingTestContext(useRedis ? { REDIS_URL: 'redis://127.0.0.1:6379/0', VOTING_REDIS_PREFIX: prefix } : {});
    commands = ctx.app.get(CommandBus);
  });

  afterAll(async () => {
    if (useRedis) {
      const redis = new Redis('redis://127.0.0.1:6379/0');
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
    await ctx?.close();
  });

  it('never exceeds cap or balance, and the leaderboard equals accepted minus refunded votes, before and after a rebuild', async () => {
    const ranking = ctx.app.get<RankingStore>(RANKING_STORE);
    const db = ctx.app.get(ReadConnection);
    const contests: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.array(opArb, { minLength: 1, maxLength: 25 }), async (voteCap, freePerDay, ops) => {
        const { eventId } = await commands.execute(
          new CreateContestCommand({ name: 'Prop', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap, settings: { freeVotesPerDay: freePerDay } }, meta()),
        );
        contests.push(eventId);
        const contestants: string[] = [];
        for (const name of ['A', 'B', 'C']) contestants.push((await commands.execute(new AddContestantCommand({ contestId: eventId, name }, meta()))).contestantId);
        await commands.execute(new ChangeContestStatusCommand({ contestId: eventId, to: 'open' }, meta()));
        const voters = [uuidv7(), uuidv7(), uuidv7()];
        const model = voters.map(() => ({ granted: 0, paidSpent: 0, freeUsed: 0, live: new Map<string, { amount: number; paid: number; free: number; contestant: string }>() }));
        const expected = new Map<string, number>(contestants.map((id) => [id, 0]));

        const castOne = async (voter: number, contestant: number, amount: number, key: string) => {
          try {
            const result = await commands.execute(new CastVoteCommand({ userId: voters[voter], contestantId: contestants[contestant], amount, idempotencyKey: key }, meta(voters[voter])));
            return result;
          } catch (error) {
            if (error instanceof DomainError && REFUSALS.has(error.code)) return null;
            throw error;
          }
        };
        const record = (voter: number, contestant: number, result: Awaited<ReturnType<typeof castOne>>) => {
          if (!result || result.replayed) return;
          const m = model[voter];
          const live = m.live.get(result.response.voteId);
          if (live) return;
          const free = Math.min(Math.max(freePerDay - m.freeUsed, 0), result.response.amount);
          m.freeUsed += free;
          m.paidSpent += result.response.amount - free;
          m.live.set(result.response.voteId, { amount: result.response.amount, paid: result.response.amount - free, free, contestant: contestants[contestant] });
          expected.set(contestants[contestant], expected.get(contestants[contestant])! + result.response.amount);
          // What the vote reports must agree with the model.
          expect(result.response.remaining.credits).toBe(m.granted - m.paidSpent);
          expect(result.response.remaining.capLeft).toBe(voteCap - [...m.live.values()].reduce((sum, v) => sum + v.amount, 0));
        };

        for (const [index, op] of ops.entries()) {
          const m = model[op.voter];
          switch (op.kind) {
            case 'grant':
              await commands.execute(new GrantCreditsCommand({ userId: voters[op.voter], credits: op.credits, grantId: uuidv7(), source: { kind: 'admin', ref: 'prop' } }, meta()));
              m.granted += op.credits;
              break;
            case 'vote':
              record(op.voter, op.contestant, await castOne(op.voter, op.contestant, op.amount, `k${index}`));
              break;
            case 'burst': {
              // Concurrent requests with distinct keys race on the same voter stream.
              const results = await Promise.all(Array.from({ length: op.copies }, (_, copy) => castOne(op.voter, op.contestant, op.amount, `k${index}-${copy}`)));
              // Replay them in append order (capLeft only falls) so the model sees what the stream saw.
              const inOrder = results.filter((r) => r !== null).sort((a, b) => b.response.remaining.capLeft - a.response.remaining.capLeft);
              for (const result of inOrder) record(op.voter, op.contestant, result);
              break;
            }
            case 'refund': {
              const live = [...m.live.entries()];
              if (live.length === 0) break;
              const [voteId, vote] = live[op.pick % live.length];
              await commands.execute(new RefundVoteCommand({ voteId, userId: voters[op.voter], by: 'voter' }, meta(voters[op.voter])));
              m.live.delete(voteId);
              m.paidSpent -= vote.paid;
              m.freeUsed -= vote.free;
              expected.set(vote.contestant, expected.get(vote.contestant)! - vote.amount);
              break;
            }
          }
          const inContest = [...m.live.values()].reduce((sum, v) => sum + v.amount, 0);
          expect(inContest).toBeLessThanOrEqual(voteCap);
          expect(m.paidSpent).toBeLessThanOrEqual(m.granted);
        }

        await ctx.settle();
        const rows = await db.queryPrimary<{ contestant_id: string; votes_received: string }>('select contestant_id, votes_received from contestants where event_id = ?', [eventId]);
        expect(new Map(rows.map((r) => [r.contestant_id, Number(r.votes_received)]))).toEqual(expected);
        const live = await ranking.read(TENANT, eventId);
        expect(new Map<string, number>((live ?? []).map((e) => [e.contestantId, e.votes]))).toEqual(expected);
        // The ledger adds up: every voter's balance is what the entries say.
        for (const [v, voter] of voters.entries()) {
          const [sum] = await db.queryPrimary<{ total: string | null }>('select sum(credits_delta) as total from vote_ledger where tenant_id = ? and user_id = ?', [TENANT, voter]);
          expect(Number(sum?.total ?? 0)).toBe(model[v].granted - model[v].paidSpent);
        }
      }),
      { numRuns: 8 },
    );

    const before = await Promise.all(contests.map((id) => tableDump(db, id)));
    const rebuilds = ctx.app.get(ProjectionRebuildService);
    for (const name of VOTING_PROJECTIONS) await rebuilds.rebuild(name, { fresh: true });
    const after = await Promise.all(contests.map((id) => tableDump(db, id)));
    expect(after).toEqual(before);
  });
});
