import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { RecordedEvent } from '@tally/eventstore';
import { RANKING_STORE, RankingStore } from '../ranking/ranking-store.port';
import { ReadConnection } from '../read-models/read-connection';
import { createVotingTestContext, VotingTestContext } from '../testing/voting-test-context';
import { LeaderboardProjection } from './leaderboard/leaderboard.projection';
import { VotesProjection } from './votes/votes.projection';

const TENANT = 'tenant_batch';

/**
 * The voting projections' batched writers, driven with hand-made batches (the log stays empty,
 * so the live runner has nothing to do): order inside one batch, and a batch applied again.
 */
describe('batched voting projection writes', () => {
  let ctx: VotingTestContext;
  let orm: MikroORM;
  let db: ReadConnection;
  let votes: VotesProjection;
  let leaderboard: LeaderboardProjection;
  let ranking: RankingStore;
  let position = 0;

  beforeAll(async () => {
    ctx = await createVotingTestContext();
    orm = ctx.app.get(MikroORM);
    db = ctx.app.get(ReadConnection);
    votes = ctx.app.get(VotesProjection);
    leaderboard = ctx.app.get(LeaderboardProjection);
    ranking = ctx.app.get<RankingStore>(RANKING_STORE);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const recorded = (streamId: string, type: string, data: object): RecordedEvent => ({
    id: randomUUID(),
    streamId,
    revision: position,
    position: `0/${++position}`,
    type,
    schemaVersion: 1,
    data,
    metadata: { tenantId: TENANT, actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null },
    createdAt: new Date(Date.UTC(2026, 2, 1, 12, 0, 0, position)),
  });

  /** A contest with contestants, and helpers that make its voter events. */
  function scenario() {
    const contestId = randomUUID();
    const userId = randomUUID();
    const stream = `voter-${TENANT}-${userId}`;
    const at = (n: number) => new Date(Date.UTC(2026, 2, 1, 12, 0, n)).toISOString();
    const added = (name: string) => recorded(`contest-${TENANT}-${contestId}`, 'ContestantAdded', { contestId, contestantId: randomUUID(), name, slug: name.toLowerCase(), categoryId: null, at: at(0) });
    const contestantOf = (event: RecordedEvent) => (event.data as { contestantId: string }).contestantId;
    const cast = (contestantId: string, amount: number, second: number) => {
      const voteId = randomUUID();
      return recorded(stream, 'VoteCast', {
        voteId,
        userId,
        contestId,
        contestantId,
        categoryId: null,
        amount,
        freeUsed: 0,
        paidUsed: amount,
        day: '2026-03-01',
        status: 'accepted',
        castAt: at(second),
        idempotencyKey: voteId,
        fingerprint: `${contestantId}|${amount}|`,
        hash: 'h'.repeat(64),
        balanceAfter: 100 - amount,
        remaining: { credits: 100 - amount, quotaToday: 0, capLeft: 100 },
      });
    };
    const undo = (type: 'VoteRefunded' | 'VoteVoided', vote: RecordedEvent, second: number) => {
      const d = vote.data as { voteId: string; contestantId: string; amount: number };
      const common = { voteId: d.voteId, userId, contestId, contestantId: d.contestantId, categoryId: null, amount: d.amount, wasCounted: true, balanceAfter: 100, at: at(second) };
      return type === 'VoteRefunded'
        ? recorded(stream, type, { ...common, freeReturned: 0, paidReturned: d.amount, day: '2026-03-01', by: 'voter' })
        : recorded(stream, type, { ...common, revokeId: randomUUID(), paidRecovered: d.amount, paidReturned: 0 });
    };
    return { contestId, userId, added, contestantOf, cast, undo };
  }

  /** One batch in one transaction, as the runner applies it; `crash` fails it after the writes. */
  async function applyBatch(events: RecordedEvent[], options: { crash?: boolean } = {}): Promise<void> {
    await orm.em.fork().transactional(async (em) => {
      // Each projection gets what its filter would read: votes only the voter streams.
      await votes.apply(events.filter((event) => event.streamId.startsWith('voter-')), { em, rebuilding: false });
      await leaderboard.apply(events, { em, rebuilding: false });
      if (options.crash) throw new Error('crash before the checkpoint moves');
    });
  }

  const voteRows = (contestId: string) =>
    db.queryPrimary<{ vote_id: string; status: string; refunded_at: Date | string | null; amount: number }>(
      'select vote_id, status, refunded_at, amount from votes where event_id = ? order by created_at, vote_id',
      [contestId],
    );
  const ledgerRows = (userId: string) =>
    db.queryPrimary<{ transaction_id: string; kind: string; vote_count: number; credits_delta: number }>(
      'select transaction_id, kind, vote_count, credits_delta from vote_ledger where user_id = ? order by timestamp, transaction_id',
      [userId],
    );
  const counts = async (contestId: string) => {
    const rows = await db.queryPrimary<{ contestant_id: string; votes_received: string; vote_count: string; current_rank: number }>(
      `select c.contestant_id, c.votes_received, l.vote_count, l.current_rank
         from contestants c join leaderboard_cache l on l.rank_id = c.contestant_id where c.event_id = ? order by c.name`,
      [contestId],
    );
    return rows.map((row) => ({ id: row.contestant_id, received: Number(row.votes_received), cached: Number(row.vote_count), rank: row.current_rank }));
  };
  const liveRanking = async (contestId: string) => Object.fromEntries(((await ranking.read(TENANT, contestId)) ?? []).map((entry) => [entry.contestantId, entry.votes]));

  it('applies a vote and its refund or void in the same batch in log order, and undoes votes of earlier batches', async () => {
    const s = scenario();
    const a = s.added('Alpha');
    const b = s.added('Beta');
    const kept = s.cast(s.contestantOf(a), 3, 1);
    const refunded = s.cast(s.contestantOf(a), 2, 2);
    const voided = s.cast(s.contestantOf(b), 4, 3);
    const later = s.cast(s.contestantOf(b), 1, 4);
    // Contestants, votes and the undoing of two of them: all in ONE batch.
    await applyBatch([a, b, kept, refunded, s.undo('VoteRefunded', refunded, 5), voided, s.undo('VoteVoided', voided, 6), later]);

    expect((await voteRows(s.contestId)).map((row) => [row.vote_id, row.status, row.refunded_at === null ? null : new Date(row.refunded_at).toISOString()])).toEqual([
      [(kept.data as { voteId: string }).voteId, 'accepted', null],
      [(refunded.data as { voteId: string }).voteId, 'refunded', '2026-03-01T12:00:05.000Z'],
      [(voided.data as { voteId: string }).voteId, 'voided', '2026-03-01T12:00:06.000Z'],
      [(later.data as { voteId: string }).voteId, 'accepted', null],
    ]);
    // Ledger timestamps are the events' createdAt: the undo events were made after the votes.
    expect((await ledgerRows(s.userId)).map((row) => [row.kind, row.vote_count])).toEqual([
      ['vote', 3],
      ['vote', 2],
      ['vote', 4],
      ['vote', 1],
      ['refund', -2],
      ['void', -4],
    ]);
    expect(await counts(s.contestId)).toEqual([
      { id: s.contestantOf(a), received: 3, cached: 3, rank: 1 },
      { id: s.contestantOf(b), received: 1, cached: 1, rank: 2 },
    ]);
    expect(await liveRanking(s.contestId)).toEqual({ [s.contestantOf(a)]: 3, [s.contestantOf(b)]: 1 });

    // A later batch refunds a vote of the first one (an UPDATE, not a pending insert).
    await applyBatch([s.undo('VoteRefunded', kept, 7)]);
    const rows = await voteRows(s.contestId);
    expect(rows.find((row) => row.vote_id === (kept.data as { voteId: string }).voteId)).toMatchObject({ status: 'refunded' });
    expect(await counts(s.contestId)).toEqual([
      { id: s.contestantOf(a), received: 0, cached: 0, rank: 2 },
      { id: s.contestantOf(b), received: 1, cached: 1, rank: 1 },
    ]);
    expect(await liveRanking(s.contestId)).toEqual({ [s.contestantOf(a)]: 0, [s.contestantOf(b)]: 1 });
  });

  it('counts a batch once when it is applied again after a crash before its checkpoint', async () => {
    const s = scenario();
    const a = s.added('Alpha');
    const first = s.cast(s.contestantOf(a), 5, 1);
    await applyBatch([a, first]);
    const before = { votes: await voteRows(s.contestId), ledger: await ledgerRows(s.userId), counts: await counts(s.contestId) };

    const second = s.cast(s.contestantOf(a), 2, 2);
    const batch = [second, s.undo('VoteVoided', first, 3), s.cast(s.contestantOf(a), 1, 4)];
    await expect(applyBatch(batch, { crash: true })).rejects.toThrow('crash before the checkpoint moves');
    // Rolled back with the (never moved) checkpoint: nothing of the batch is visible.
    expect({ votes: await voteRows(s.contestId), ledger: await ledgerRows(s.userId), counts: await counts(s.contestId) }).toEqual(before);

    await applyBatch(batch);
    expect(await counts(s.contestId)).toEqual([{ id: s.contestantOf(a), received: 3, cached: 3, rank: 1 }]);
    expect(await liveRanking(s.contestId)).toEqual({ [s.contestantOf(a)]: 3 });
    expect((await voteRows(s.contestId)).map((row) => row.status)).toEqual(['voided', 'accepted', 'accepted']);
    expect(await ledgerRows(s.userId)).toHaveLength(4);
  });

  it('writes the same vote rows when the votes projection gets a batch it already applied', async () => {
    const s = scenario();
    const a = s.added('Alpha');
    const vote = s.cast(s.contestantOf(a), 2, 1);
    const batch = [vote, s.cast(s.contestantOf(a), 1, 2), s.undo('VoteRefunded', vote, 3)];
    const applyVotes = () => orm.em.fork().transactional((em) => votes.apply(batch, { em, rebuilding: false }));
    await applyVotes();
    const once = { votes: await voteRows(s.contestId), ledger: await ledgerRows(s.userId) };
    await applyVotes();
    expect({ votes: await voteRows(s.contestId), ledger: await ledgerRows(s.userId) }).toEqual(once);
    expect(once.votes.map((row) => row.status)).toEqual(['refunded', 'accepted']);
  });

  it('writes names with quotes, commas, braces and backslashes as they are', async () => {
    const s = scenario();
    const odd = `O'Brien, "The {Voice}" \\ back`;
    await applyBatch([s.added(odd)]);
    const [row] = await db.queryPrimary<{ name: string }>('select name from contestants where event_id = ?', [s.contestId]);
    expect(row.name).toBe(odd);
  });
});
