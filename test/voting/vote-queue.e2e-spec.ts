import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, ProjectionRunner, ReadPositionWaiter } from '@tally/eventstore';
import { PG_POOL } from '@tally/platform';
import { voterStream } from '@tally/voting';
import { Pool } from 'pg';
import { ADMIN, eventually, startVotingE2e, VotingE2e } from './voting-test-kit';

interface Entry {
  queueId: string;
  voteId: string;
  tenantId: string;
  status: string;
  retryCount: number;
  nextRetryAt: string | null;
  position: string;
}

/**
 * GET /api/admin/vote-queue: each vote on its way from the log into the vote list and the
 * leaderboard, derived from the projections' checkpoints and parked events (no row per vote).
 */
describe('the vote queue', () => {
  let k: VotingE2e;
  let admin: string;
  let pool: Pool;

  beforeAll(async () => {
    // A parked vote keeps its first background retry far off: the test sees it "retrying".
    k = await startVotingE2e({ PROJECTIONS_PARKED_RETRY_BASE_MS: '600000', PROJECTIONS_PARKED_MAX_RETRIES: '3', BACKPRESSURE_MAX_LAG_SECONDS: '0' });
    admin = ((await k.call('post', '/api/auth/login', undefined, ADMIN)).body as { accessToken: string }).accessToken;
    pool = k.t.app.get<Pool>(PG_POOL);
  }, 60_000);
  // A test that fails while the projections are held must not hold them for the next one.
  afterEach(() => k?.t.app.get(ProjectionRunner).resume());
  afterAll(async () => {
    await k?.close();
  });

  const queue = async (query = '') => {
    const res = await k.call('get', `/api/admin/vote-queue${query}`, admin);
    expect(res.status).toBe(200);
    return res.body as { depth: { pending: number; pendingCapped: boolean; retrying: number; dead: number }; items: Entry[]; nextCursor: string | null };
  };
  const viewed = async (where: string, values: unknown[] = []) =>
    (await pool.query<{ vote_id: string; status: string; retry_count: number; next_retry_at: Date | null }>(`select * from vote_log_queue where tenant_id = $1 and ${where} order by position`, [k.t.tenantId, ...values])).rows;
  // The vote_queue table: the votes a read model parked, by vote id.
  const tabled = async (voteIds: string[]) =>
    (await pool.query<{ queue_id: string; vote_id: string; status: string; retry_count: number; next_retry_at: Date | null }>('select * from vote_queue where vote_id = any($1) order by vote_id', [voteIds])).rows;
  const gauge = async (status: string) => {
    const text = (await k.t.http().get('/metrics')).text;
    return Number(new RegExp(`^tally_vote_queue_depth\\{status="${status}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
  };

  it('shows votes pending while the projections hold, page by page, then applied', async () => {
    const { contestants } = await k.openEvent({});
    const voter = await k.voter();
    const granted = await k.call('post', '/api/admin/credits/grant', k.organizer, { userId: voter.userId, credits: 50, reason: 'test' });
    expect(granted.status).toBe(201);
    await eventually(async () => expect((await queue()).depth.pending).toBe(0));
    // Both consumers idle at the grant (this test's last write) before the pause: a read they
    // started earlier (the grant's ledger entry) could otherwise see the votes cast next and apply
    // them (a loaded machine). The grant's own position, not the log's head as read now: another
    // test file's open transaction holds the cluster-wide xmin back, and the head readers see
    // can then be short of it, or absent.
    expect(await k.t.app.get(ReadPositionWaiter).waitFor(['voting-votes', 'voting-leaderboard'], String(granted.headers['tally-position']), 30_000)).toBe(true);

    const runner = k.t.app.get(ProjectionRunner);
    runner.pause();
    const cast: string[] = [];
    // Many at once: the queue lists every one, in log order.
    const responses = await Promise.all(Array.from({ length: 5 }, () => k.vote(voter.token, contestants[0], 1)));
    for (const res of responses) {
      expect(res.status).toBe(201);
      cast.push((res.body as { voteId: string }).voteId);
    }
    // Pending votes are read from the log, which shows an append once no older transaction in the
    // cluster is open (another test file's can hold the newest votes back a moment).
    const all = await eventually(async () => {
      const page = await queue('?status=pending');
      expect(page.depth).toMatchObject({ pending: 5, pendingCapped: false, retrying: 0, dead: 0 });
      return page;
    });
    expect(all.items.map((item) => item.voteId).sort()).toEqual([...cast].sort());
    expect(all.items.every((item) => item.status === 'pending' && item.retryCount === 0 && item.nextRetryAt === null && item.tenantId === k.t.tenantId)).toBe(true);
    const positions = all.items.map((item) => item.position);
    expect(positions).toEqual([...positions].sort());
    expect(await gauge('pending')).toBe(5);
    expect(await tabled(cast)).toEqual([]);
    // The vote_log_queue SQL view (an operator's psql) derives the same; vote_queue holds parked votes only.
    expect((await viewed("status = 'pending'")).map((row) => row.vote_id).sort()).toEqual([...cast].sort());

    const first = await queue('?status=pending&limit=2');
    expect(first.items.map((item) => item.voteId)).toEqual(all.items.slice(0, 2).map((item) => item.voteId));
    const second = await queue(`?status=pending&limit=2&cursor=${first.nextCursor}`);
    const third = await queue(`?status=pending&limit=2&cursor=${second.nextCursor}`);
    expect([...first.items, ...second.items, ...third.items].map((item) => item.voteId)).toEqual(all.items.map((item) => item.voteId));
    expect(third.nextCursor).toBeNull();

    runner.resume();
    await eventually(async () => expect((await queue()).depth.pending).toBe(0));
    expect(await gauge('pending')).toBe(0);
    const applied = await queue('?status=applied&limit=5');
    expect(applied.items.map((item) => item.voteId)).toEqual(all.items.map((item) => item.voteId).reverse());
    expect(applied.items.every((item) => item.status === 'applied')).toBe(true);
    expect(await viewed("status = 'pending'")).toEqual([]);
    expect((await viewed("status = 'applied'")).map((row) => row.vote_id)).toEqual(expect.arrayContaining(cast));
  });

  it('shows a vote a read model could not apply as retrying, and as dead once its retries are used up', async () => {
    const tenantId = k.t.tenantId;
    const userId = randomUUID();
    const voteId = 'not-a-uuid';
    const metadata = { tenantId, actorId: userId, clientIp: null, correlationId: randomUUID(), causationId: null };
    const data = { voteId, userId, contestId: randomUUID(), contestantId: randomUUID(), categoryId: null, amount: 1, freeUsed: 0, paidUsed: 1, day: '2026-03-01', status: 'accepted', castAt: new Date().toISOString(), idempotencyKey: 'k', fingerprint: 'f', hash: 'h', balanceAfter: 0 };
    await k.t.app.get<EventStore>(EVENT_STORE).append(voterStream(tenantId, userId), [{ type: 'VoteCast', data, metadata }], 'any');

    const parked = await eventually(async () => {
      const page = await queue('?status=retrying');
      expect(page.items).toHaveLength(1);
      return page.items[0];
    });
    expect(parked).toMatchObject({ voteId, status: 'retrying', retryCount: 0, nextRetryAt: expect.any(String) });
    expect((await queue()).items.find((item) => item.queueId === parked.queueId)?.status).toBe('retrying');
    expect(await gauge('retrying')).toBe(1);
    expect(await viewed('queue_id = $2', [parked.queueId])).toEqual([expect.objectContaining({ vote_id: voteId, status: 'retrying', retry_count: 0, next_retry_at: expect.any(Date) })]);
    expect(await tabled([voteId])).toEqual([expect.objectContaining({ queue_id: parked.queueId, vote_id: voteId, status: 'retrying', retry_count: 0, next_retry_at: expect.any(Date) })]);

    // Its retries run out (what the sweep leaves behind): an operator's turn.
    await pool.query(`update es_dead_letters set next_retry_at = null, retries = 3 where event_id = $1`, [parked.queueId]);
    expect((await queue('?status=dead')).items).toEqual([expect.objectContaining({ queueId: parked.queueId, status: 'dead', retryCount: 3, nextRetryAt: null })]);
    expect((await queue('?status=retrying')).items).toEqual([]);
    expect((await queue()).depth).toMatchObject({ retrying: 0, dead: 1 });
    expect(await gauge('dead')).toBe(1);
    expect(await viewed('queue_id = $2', [parked.queueId])).toEqual([expect.objectContaining({ status: 'dead', retry_count: 3, next_retry_at: null })]);
    expect(await tabled([voteId])).toEqual([expect.objectContaining({ queue_id: parked.queueId, status: 'dead', retry_count: 3, next_retry_at: null })]);
    // Replayed: it leaves the table.
    await pool.query(`update es_dead_letters set replayed_at = now() where event_id = $1`, [parked.queueId]);
    expect(await tabled([voteId])).toEqual([]);
  });

  it('refuses bad filters with 422 naming them, and anyone but a platform admin', async () => {
    for (const [query, field] of [
      ['?status=stuck', 'status'],
      ['?cursor=12', 'cursor'],
      ['?limit=0', 'limit'],
    ]) {
      const res = await k.call('get', `/api/admin/vote-queue${query}`, admin);
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    expect((await k.call('get', '/api/admin/vote-queue')).status).toBe(401);
    expect((await k.call('get', '/api/admin/vote-queue', k.organizer)).status).toBe(403);
  });
});
