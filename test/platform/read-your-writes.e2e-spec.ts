import { ProjectionRunner } from '@tally/eventstore';
import { POSITION_PATTERN } from '@tally/platform';
import type { Response } from 'supertest';
import { problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/** How long a read with a position may wait here: long enough for a resumed runner's next batch on a busy machine. */
const WAIT_MS = 1500;
/** The runner stays paused this long after a write, so a read that did not wait would answer from the old state. */
const HELD_MS = 250;

/**
 * Read-your-writes (issue 20), with the projection runner paused so the read models cannot
 * have caught up by chance: a read that names the position of a write answers with that write
 * once the runner resumes, and 503 + Retry-After past the bound (never a stale 404); the reads
 * served from the entity's own stream need no position at all.
 */
describe('read your writes', () => {
  let k: VotingE2e;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    k = await startVotingE2e({ READ_POSITION_WAIT_MS: String(WAIT_MS), READ_POSITION_POLL_MS: '20' });
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
    expect(plain.body).toMatchObject({ paymentId, userId: voter.userId, votes: 10 });
    const [history] = await readWhilePaused(() => [k.call('get', `/api/payments/history?position=${position}`, voter.token)]);
    expect(history.status).toBe(200);
    expect((history.body as { items: { paymentId: string }[] }).items.map((item) => item.paymentId)).toEqual([paymentId]);
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

  it('a user block: the user reads as blocked with the position', async () => {
    const victim = await k.voter();
    runner.pause();
    const blocked = await k.call('post', '/api/admin/users/block', k.organizer, { userId: victim.userId, reason: 'fraud' });
    expect(blocked.status).toBe(200);
    const [user] = await readWhilePaused(() => [k.call('get', `/api/users/${victim.userId}`, k.organizer, undefined, { 'Tally-Position': positionOf(blocked) })]);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ userId: victim.userId, status: 'blocked' });
  });

  it('past the bound with the runner paused: 503 with Retry-After, never a 404 for what exists', async () => {
    const { contestants } = await k.openEvent({});
    const voter = await voterWithCredits(2);
    runner.pause();
    const vote = await k.vote(voter.token, contestants[0], 1);
    const { voteId } = vote.body as { voteId: string };
    const started = Date.now();
    const read = await k.call('get', `/api/votes/${voteId}?position=${positionOf(vote)}`, voter.token);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS);
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toBe('1');
    expect(read.headers['content-type']).toContain('application/problem+json');
    expect(read.body).toMatchObject({ type: problemType('read-model-behind'), status: 503 });
  });

  it('refuses a position Tally did not hand out, as it refuses any bad query field', async () => {
    const voter = await k.voter();
    const read = await k.call('get', `/api/votes/user/${voter.userId}?position=12:34`, voter.token);
    expect(read.status).toBe(422);
    expect(read.body).toMatchObject({ type: problemType('validation-failed'), errors: [{ field: 'position' }] });
  });
});
