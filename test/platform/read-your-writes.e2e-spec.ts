import { ProjectionRunner } from '@tally/eventstore';
import { POSITION_PATTERN, TestDatabaseKind } from '@tally/platform';
import type { Response } from 'supertest';
import { problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/** How long a read with a position may wait here: long enough for a resumed runner's next batch on a busy machine. */
const WAIT_MS = 3000;
/** The runner stays paused this long after a write, so a read that did not wait would answer from the old state. */
const HELD_MS = 250;

/**
 * Read-your-writes (issue 20), with the projection runner paused so the read models cannot
 * have caught up by chance: a read that names the position of a write answers with that write
 * once the runner resumes, and 503 + Retry-After past the bound (never a stale 404); the reads
 * served from the entity's own stream need no position at all. On PostgreSQL and on PGlite.
 */
const kinds: TestDatabaseKind[] = ['postgres', 'pglite'];

describe.each(kinds)('read your writes on %s', (kind) => {
  let k: VotingE2e;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    k = await startVotingE2e({ READ_POSITION_WAIT_MS: String(WAIT_MS), READ_POSITION_POLL_MS: '20' }, kind);
    runner = k.t.app.get(ProjectionRunner);
  }, 60_000);

  afterEach(() => runner.resume());

  afterAll(async () => {
    await k?.close();
  });

  const positionOf = (res: Response): string => {
    const position = res.headers['tally-position'];
    if (typeof position !== 'string' || !POSITION_PATTERN.test(position)) throw new Error(`no Tally-Position on ${res.status}: ${String(position)}`);
    return position;
  };

  /** Sends the reads while the runner is paused, then resumes it HELD_MS later; the reads must have waited for it. */
  async function readWhilePaused(reads: () => Promise<Response>[]): Promise<Response[]> {
    const started = Date.now();
    const pending = Promise.all(reads());
    await new Promise((resolve) => setTimeout(resolve, HELD_MS));
    runner.resume();
    const answers = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(HELD_MS);
    return answers;
  }

  async function voterWithCredits(credits: number): Promise<{ userId: string; token: string }> {
    const voter = await k.voter();
    await k.grant(voter.userId, credits);
    return voter;
  }

  it('answers every write with its position, and documents the header and the read parameter', async () => {
    const { contestants } = await k.openEvent({});
    const voter = await voterWithCredits(3);
    const vote = await k.vote(voter.token, contestants[0], 1);
    expect(vote.status).toBe(201);
    const first = positionOf(vote);
    const second = positionOf(await k.vote(voter.token, contestants[1], 1));
    expect(second > first).toBe(true);

    const docs = (await k.t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    expect(docs.paths['/api/votes'].post.responses['201'].headers).toHaveProperty('Tally-Position');
    expect(docs.paths['/api/events'].post.responses['201'].headers).toHaveProperty('Tally-Position');
    const read = docs.paths['/api/votes/{voteId}'].get;
    expect(read.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Tally-Position', in: 'header' }), expect.objectContaining({ name: 'position', in: 'query' })]));
    expect(read.responses['503']).toBeDefined();
  });

  it('a vote: read by id at once with no position, and by id, in my votes and in my ledger with it', async () => {
    const { contestants } = await k.openEvent({});
    const voter = await voterWithCredits(5);
    runner.pause();
    const vote = await k.vote(voter.token, contestants[0], 2);
    expect(vote.status).toBe(201);
    const { voteId } = vote.body as { voteId: string };
    const position = positionOf(vote);

    // No position: the voter's own stream answers while the read model is held back.
    const plain = await k.call('get', `/api/votes/${voteId}`, voter.token);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ voteId, userId: voter.userId, contestantId: contestants[0], amount: 2, status: 'accepted', refundedAt: null });
    const plainList = await k.call('get', `/api/votes/user/${voter.userId}`, voter.token);
    expect(plainList.status).toBe(200);
    expect(plainList.body).toEqual({ items: [plain.body], nextCursor: null });
    const plainLedger = await k.call('get', '/api/votes/ledger?limit=10', voter.token);
    expect(plainLedger.status).toBe(200);
    expect((plainLedger.body as { items: { kind: string; voteId: string | null }[] }).items[0]).toMatchObject({ kind: 'vote', voteId });

    const [byId, mine, ledger] = await readWhilePaused(() => [
      k.call('get', `/api/votes/${voteId}`, voter.token, undefined, { 'Tally-Position': position }),
      k.call('get', `/api/votes/user/${voter.userId}?position=${position}`, voter.token),
      k.call('get', `/api/votes/ledger?limit=10&position=${position}`, voter.token),
    ]);
    expect(byId.status).toBe(200);
    // The read model's row equals what the stream gave: the fallback is not a different answer.
    expect(byId.body).toEqual(plain.body);
    expect(mine.status).toBe(200);
    expect((mine.body as { items: { voteId: string }[] }).items.map((item) => item.voteId)).toContain(voteId);
    expect(ledger.status).toBe(200);
    // The entries read from the stream are the rows the read model got.
    expect(ledger.body).toEqual(plainLedger.body);
  });

  it('the leaderboard with the position counts the vote just cast', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await voterWithCredits(5);
    // A view built now is cached; the read with a position must not be served from it.
    expect((await k.call('get', `/api/leaderboard/event/${eventId}`)).status).toBe(200);
    runner.pause();
    const vote = await k.vote(voter.token, contestants[1], 3);
    const [board] = await readWhilePaused(() => [k.call('get', `/api/leaderboard/event/${eventId}?position=${positionOf(vote)}`)]);
    expect(board.status).toBe(200);
    const items = (board.body as { items: { contestantId: string; votes: number; rank: number }[] }).items;
    expect(items.find((item) => item.contestantId === contestants[1])).toMatchObject({ votes: 3, rank: 1 });
  });

  it('a payment: by id at once (its stream), and in my history with the position', async () => {
    const voter = await k.voter();
    runner.pause();
    const checkout = await k.call('post', '/api/payments/checkout', voter.token, { votes: 10, currency: 'USD' });
    expect(checkout.status).toBe(201);
    const { paymentId } = checkout.body as { paymentId: string };
    const position = positionOf(checkout);
    const plain = await k.call('get', `/api/payments/${paymentId}`, voter.token);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ paymentId, userId: voter.userId, votes: 10, status: 'pending', creditsApplied: true });
    // No position: my history's first page has it at once, from the payment's stream.
    const plainHistory = await k.call('get', '/api/payments/history', voter.token);
    expect(plainHistory.status).toBe(200);
    const { creditsApplied: _detailOnly, ...listed } = plain.body as Record<string, unknown>;
    expect(plainHistory.body).toEqual({ items: [listed], nextCursor: null });
    const [history] = await readWhilePaused(() => [k.call('get', `/api/payments/history?position=${position}`, voter.token)]);
    expect(history.status).toBe(200);
    expect((history.body as { items: { paymentId: string }[] }).items.map((item) => item.paymentId)).toEqual([paymentId]);
    // The read model's rows equal what the streams gave: the fallback is not a different answer.
    expect(history.body).toEqual(plainHistory.body);
  });

  it("my payments with no position: a new payment in front of the read model's, a paid one shown paid, a page's cursor continuing past them", async () => {
    const voter = await k.voter();
    const first = await k.call('post', '/api/payments/checkout', voter.token, { votes: 5, currency: 'USD' });
    const older = (first.body as { paymentId: string }).paymentId;
    const caughtUp = await k.call('get', `/api/payments/history?position=${positionOf(first)}`, voter.token);
    expect((caughtUp.body as { items: unknown[] }).items).toHaveLength(1);

    runner.pause();
    const checkout = await k.call('post', '/api/payments/checkout', voter.token, { votes: 10, currency: 'USD' });
    const newer = (checkout.body as { paymentId: string }).paymentId;
    const paid = await k.call('post', `/api/payments/sandbox/${older}/complete`, voter.token, {});
    expect(paid.body).toMatchObject({ status: 'completed' });
    const all = await k.call('get', '/api/payments/history', voter.token);
    expect(all.status).toBe(200);
    expect((all.body as { items: { paymentId: string; status: string }[] }).items.map((item) => [item.paymentId, item.status])).toEqual([
      [newer, 'pending'],
      [older, 'completed'],
    ]);
    const one = await k.call('get', '/api/payments/history?limit=1', voter.token);
    const page = one.body as { items: { paymentId: string }[]; nextCursor: string };
    expect(page.items.map((item) => item.paymentId)).toEqual([newer]);
    // The next page comes from the read model, which still has the older payment as pending.
    const next = await k.call('get', `/api/payments/history?limit=1&cursor=${page.nextCursor}`, voter.token);
    expect((next.body as { items: { paymentId: string }[] }).items.map((item) => item.paymentId)).toEqual([older]);
    // Someone else's list is not theirs to complete: another voter sees nothing of it.
    const stranger = await k.voter();
    expect((await k.call('get', '/api/payments/history', stranger.token)).body).toEqual({ items: [], nextCursor: null });
  });

  it('a voter who just paid: the payment read waits for the credits, its position shows them, and the votes can be cast', async () => {
    const { contestants } = await k.openEvent({});
    const voter = await k.voter();
    const checkout = await k.call('post', '/api/payments/checkout', voter.token, { votes: 10, currency: 'USD' });
    const { paymentId } = checkout.body as { paymentId: string };
    runner.pause();
    const paid = await k.call('post', `/api/payments/sandbox/${paymentId}/complete`, voter.token, { card: '4242 4242 4242 4242' });
    expect(paid.body).toMatchObject({ status: 'completed' });

    // The credits reactor is held back: paid, but the votes are not on the balance yet; said so after the bound.
    const started = Date.now();
    const early = await k.call('get', `/api/payments/${paymentId}`, voter.token);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ status: 'completed', creditsApplied: false });
    expect(early.headers['tally-position']).toBeUndefined();
    expect((await k.vote(voter.token, contestants[0], 10)).body).toMatchObject({ type: problemType('insufficient-credits') });

    // Read while the reactor resumes: the answer waits for the grant and hands on a position past it.
    const [read] = await readWhilePaused(() => [k.call('get', `/api/payments/${paymentId}`, voter.token)]);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ paymentId, status: 'completed', creditsApplied: true });
    const position = positionOf(read);

    // With that position the ledger read model includes the grant.
    const ledger = await k.call('get', `/api/votes/ledger?position=${position}`, voter.token);
    expect(ledger.status).toBe(200);
    expect((ledger.body as { items: unknown[] }).items[0]).toMatchObject({ kind: 'grant', creditsDelta: 10, remainingVotes: 10 });
    runner.pause();
    const vote = await k.vote(voter.token, contestants[0], 10);
    expect(vote.status).toBe(201);
    expect(vote.body).toMatchObject({ amount: 10, remaining: { credits: 0 } });
    // And the balance with no position at all, from the voter's stream.
    const plainLedger = await k.call('get', '/api/votes/ledger', voter.token);
    expect((plainLedger.body as { items: unknown[] }).items.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'vote', remainingVotes: 0 }),
      expect.objectContaining({ kind: 'grant', creditsDelta: 10, remainingVotes: 10 }),
    ]);
  });

  it('a contest: read by id at once, with or without the position', async () => {
    runner.pause();
    const created = await k.call('post', '/api/events', k.organizer, { name: 'Read at once', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 10 });
    expect(created.status).toBe(201);
    const { eventId } = created.body as { eventId: string };
    const added = await k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Zed' });
    expect(added.status).toBe(201);
    const asked: Record<string, string>[] = [{}, { 'Tally-Position': positionOf(added) }];
    for (const headers of asked) {
      const read = await k.call('get', `/api/events/${eventId}`, k.organizer, undefined, headers);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ eventId, name: 'Read at once' });
      expect(JSON.stringify(read.body)).toContain('Zed');
    }
  });

  it('a user block: the user reads as blocked at once, and with the position; their lists are there, never a 404', async () => {
    runner.pause();
    // Signed up while nothing is projected: the user exists for every read at once (their stream says so).
    const victim = await k.voter();
    const blocked = await k.call('post', '/api/admin/users/block', k.organizer, { userId: victim.userId, reason: 'fraud' });
    expect(blocked.status).toBe(200);
    const plain = await k.call('get', `/api/users/${victim.userId}`, k.organizer);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ userId: victim.userId, status: 'blocked' });
    const lists = [`/api/votes/user/${victim.userId}`, `/api/payments/history?userId=${victim.userId}`];
    for (const path of lists) expect((await k.call('get', path, k.organizer)).body).toEqual({ items: [], nextCursor: null });
    const position = positionOf(blocked);
    const [user, ...theirs] = await readWhilePaused(() => [
      k.call('get', `/api/users/${victim.userId}`, k.organizer, undefined, { 'Tally-Position': position }),
      ...lists.map((path) => k.call('get', path, k.organizer, undefined, { 'Tally-Position': position })),
    ]);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ userId: victim.userId, status: 'blocked' });
    for (const list of theirs) expect({ status: list.status, body: list.body as unknown }).toEqual({ status: 200, body: { items: [], nextCursor: null } });
    // The blocked user's own token no longer opens anything.
    expect((await k.call('get', '/api/users/me', victim.token)).status).toBe(401);
  });

  it('past the bound with the runner paused: 503 with Retry-After on every read that waits, never a 404 for what exists', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await voterWithCredits(2);
    const checkout = await k.call('post', '/api/payments/checkout', voter.token, { votes: 10, currency: 'USD' });
    const { paymentId } = checkout.body as { paymentId: string };
    runner.pause();
    const vote = await k.vote(voter.token, contestants[0], 1);
    const { voteId } = vote.body as { voteId: string };
    const paid = await k.call('post', `/api/payments/sandbox/${paymentId}/complete`, voter.token, {});
    expect(paid.body).toMatchObject({ status: 'completed' });
    const victim = await k.voter();
    const blocked = await k.call('post', '/api/admin/users/block', k.organizer, { userId: victim.userId, reason: 'fraud' });
    // The block is the latest write: its position is past the vote and the payment too.
    const position = positionOf(blocked);
    const reads: [string, string][] = [
      [`/api/votes/${voteId}`, voter.token],
      [`/api/votes/user/${voter.userId}`, voter.token],
      ['/api/votes/ledger', voter.token],
      [`/api/leaderboard/event/${eventId}`, voter.token],
      [`/api/leaderboard?eventId=${eventId}`, voter.token],
      ['/api/payments/history', voter.token],
      [`/api/payments/${paymentId}`, voter.token],
      [`/api/users/${victim.userId}`, k.organizer],
      ['/api/users/me', voter.token],
    ];
    const started = Date.now();
    const answers = await Promise.all(reads.map(([path, token]) => k.call('get', path, token, undefined, { 'Tally-Position': position })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS);
    answers.forEach((read, n) => {
      const seen = { path: reads[n][0], status: read.status, type: (read.body as { type?: string }).type, retryAfter: read.headers['retry-after'] };
      expect(seen).toEqual({ path: reads[n][0], status: 503, type: problemType('read-model-behind'), retryAfter: '1' });
      expect(read.headers['content-type']).toContain('application/problem+json');
    });
  });

  it('refuses a position Tally did not hand out, as it refuses any bad query field', async () => {
    const voter = await k.voter();
    const read = await k.call('get', `/api/votes/user/${voter.userId}?position=12:34`, voter.token);
    expect(read.status).toBe(422);
    expect(read.body).toMatchObject({ type: problemType('validation-failed'), errors: [{ field: 'position' }] });
  });
});
