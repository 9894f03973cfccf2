import { randomUUID } from 'node:crypto';
import { VOTE_SCREENING, VoteScreening } from '@tally/voting';
import { eventually, problemType, startVotingE2e, VotingE2e } from './voting-test-kit';

describe('voting over HTTP: events, votes, refusals, idempotency, concurrency, refunds', () => {
  let k: VotingE2e;

  beforeAll(async () => {
    k = await startVotingE2e();
  });

  afterAll(async () => {
    await k?.close();
  });

  describe('events and contestants (organizer)', () => {
    it('creates an event in draft with categories and contestants, and shows it', async () => {
      const created = await k.call('post', '/api/events', k.organizer, { name: 'Gala', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 10 });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ eventId: expect.any(String), status: 'draft' });
      const { eventId } = created.body;
      const category = await k.call('post', `/api/events/${eventId}/categories`, k.organizer, { name: 'Solo', weight: 2, rules: { maxVotesPerVoter: 3 } });
      expect(category.status).toBe(201);
      const first = await k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Zoë Café', categoryId: category.body.categoryId });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ contestantId: expect.any(String), slug: 'zoe-cafe' });
      const derived = await k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Zoe Cafe' });
      expect(derived.body.slug).toBe('zoe-cafe-2');
      const taken = await k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Other', slug: 'zoe-cafe' });
      expect(taken.status).toBe(409);
      expect(taken.headers['content-type']).toContain('application/problem+json');
      const badCategory = await k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'X', categoryId: randomUUID() });
      expect(badCategory.status).toBe(422);

      const shown = await k.call('get', `/api/events/${eventId}`, k.organizer);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({
        eventId,
        name: 'Gala',
        status: 'draft',
        voteCap: 10,
        currency: 'USD',
        settings: { freeVotesPerDay: 0, maxVotesPerRequest: 100, requireVerifiedPhone: false, refundableUntil: 'close' },
        categories: [{ categoryId: category.body.categoryId, name: 'Solo', weight: 2, rules: { maxVotesPerVoter: 3 } }],
      });
      expect((shown.body.contestants as { slug: string }[]).map((c) => c.slug)).toEqual(['zoe-cafe', 'zoe-cafe-2']);
    });

    it('refuses bad input (422 naming the field), voters (403) and anonymous callers (401)', async () => {
      const bad = await k.call('post', '/api/events', k.organizer, { name: 'Bad', startDate: '2026-04-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z', voteCap: 10 });
      expect(bad.status).toBe(422);
      expect(JSON.stringify(bad.body)).toContain('endDate');
      const missing = await k.call('post', '/api/events', k.organizer, { name: 'Bad', voteCap: 0 });
      expect(missing.status).toBe(422);
      const voter = await k.voter();
      expect((await k.call('post', '/api/events', voter.token, { name: 'V', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 1 })).status).toBe(403);
      expect((await k.call('post', '/api/events', undefined, { name: 'V', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 1 })).status).toBe(401);
      expect((await k.call('get', `/api/events/${randomUUID()}`, voter.token)).status).toBe(404);
    });

    it('walks the status lifecycle and refuses illegal moves with 409', async () => {
      const { eventId } = await k.openEvent({ status: 'draft' });
      const move = (status: string) => k.call('post', '/api/admin/events/status', k.organizer, { eventId, status });
      expect((await move('closed')).status).toBe(409);
      expect((await move('scheduled')).body).toEqual({ eventId, status: 'scheduled', changed: true });
      expect((await move('open')).status).toBe(200);
      expect((await move('draft')).status).toBe(409);
      expect((await move('closed')).status).toBe(200);
      expect((await move('finalized')).status).toBe(200);
      const illegal = await move('open');
      expect(illegal.status).toBe(409);
      expect(illegal.body.type).toBe(problemType('illegal-status-transition'));
      expect((await move('bogus')).status).toBe(422);
    });
  });

  describe('casting votes', () => {
    it('accepts a vote and answers exactly as API.md says; the vote can be read, listed and verified', async () => {
      const { eventId, contestants } = await k.openEvent({ voteCap: 20, settings: { freeVotesPerDay: 2 } });
      const voter = await k.voter();
      await k.grant(voter.userId, 10);
      const res = await k.vote(voter.token, contestants[0], 3);
      expect(res.status).toBe(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.headers.link).toBe(`</api/votes/${String(res.body.voteId)}/receipt>; rel="receipt"`);
      expect(res.body).toEqual({
        voteId: expect.any(String),
        eventId,
        contestantId: contestants[0],
        amount: 3,
        status: 'accepted',
        createdAt: '2026-03-01T12:00:00.000Z',
        // Two free votes of today first, then one paid credit.
        remaining: { credits: 9, quotaToday: 0, capLeft: 17 },
      });
      const { voteId } = res.body;

      const shown = await eventually(async () => {
        const got = await k.call('get', `/api/votes/${voteId}`, voter.token);
        expect(got.status).toBe(200);
        return got.body as Record<string, unknown>;
      });
      expect(shown).toMatchObject({ voteId, userId: voter.userId, eventId, contestantId: contestants[0], amount: 3, voteType: 'mixed', status: 'accepted' });
      const other = await k.voter();
      expect((await k.call('get', `/api/votes/${voteId}`, other.token)).status).toBe(404);
      // The organizer reads the read model: the vote's Tally-Position makes the read wait for it.
      expect((await k.call('get', `/api/votes/${voteId}`, k.organizer, undefined, { 'Tally-Position': String(res.headers['tally-position']) })).status).toBe(200);

      const verified = await k.call('post', '/api/votes/verify', voter.token, { voteId });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ valid: true, voteId, hash: expect.stringMatching(/^[0-9a-f]{64}$/), checks: { eventFound: true, fieldsMatch: true, hashMatches: true } });
      expect((await k.call('post', '/api/votes/verify', voter.token, { voteId: randomUUID() })).status).toBe(404);
    });

    it('lists a voter\'s votes newest first with a cursor; only the voter or an organizer may', async () => {
      const { contestants } = await k.openEvent({});
      const voter = await k.voter();
      await k.grant(voter.userId, 10);
      const ids: string[] = [];
      let position = '';
      for (let i = 0; i < 5; i++) {
        const cast = await k.vote(voter.token, contestants[i % 3], 1);
        ids.push(cast.body.voteId);
        position = String(cast.headers['tally-position']);
      }
      await eventually(async () => expect((await k.call('get', `/api/votes/user/${voter.userId}`, voter.token)).body.items).toHaveLength(5));
      const first = (await k.call('get', `/api/votes/user/${voter.userId}?limit=2`, voter.token)).body;
      expect((first.items as { voteId: string }[]).map((v) => v.voteId)).toEqual([ids[4], ids[3]]);
      // Later pages come from the read model alone: the last vote's position makes them wait for it.
      const second = await k.call('get', `/api/votes/user/${voter.userId}?limit=2&cursor=${first.nextCursor}&position=${position}`, voter.token);
      const third = await k.call('get', `/api/votes/user/${voter.userId}?limit=2&cursor=${second.body.nextCursor}`, voter.token);
      expect([...second.body.items, ...third.body.items].map((v: { voteId: string }) => v.voteId)).toEqual([ids[2], ids[1], ids[0]]);
      expect(third.body.nextCursor).toBeNull();
      const other = await k.voter();
      expect((await k.call('get', `/api/votes/user/${voter.userId}`, other.token)).status).toBe(403);
      expect((await k.call('get', `/api/votes/user/${voter.userId}`, k.organizer)).status).toBe(200);
    });

    it('refuses each rule with its problem type', async () => {
      const voter = await k.voter();
      await k.grant(voter.userId, 5);
      const expectProblem = async (res: import('supertest').Response, status: number, slug: string) => {
        expect({ status: res.status, type: res.body.type }).toEqual({ status, type: problemType(slug) });
        expect(res.headers['content-type']).toContain('application/problem+json');
      };
      const draft = await k.openEvent({ status: 'draft' });
      await expectProblem(await k.vote(voter.token, draft.contestants[0], 1), 422, 'event-not-open');
      const open = await k.openEvent({ voteCap: 4, settings: { maxVotesPerRequest: 3 } });
      await expectProblem(await k.vote(voter.token, randomUUID(), 1), 422, 'contestant-not-in-event');
      await expectProblem(await k.vote(voter.token, open.contestants[0], 4), 422, 'vote-amount-out-of-bounds');
      expect((await k.vote(voter.token, open.contestants[0], 3)).status).toBe(201);
      await expectProblem(await k.vote(voter.token, open.contestants[1], 2), 422, 'vote-cap-reached');
      const big = await k.openEvent({ voteCap: 100 });
      await expectProblem(await k.vote(voter.token, big.contestants[0], 3), 422, 'insufficient-credits');
      const free = await k.openEvent({ settings: { freeVotesPerDay: 2 } });
      const freeVoter = await k.voter();
      expect((await k.vote(freeVoter.token, free.contestants[0], 2)).body.remaining).toEqual({ credits: 0, quotaToday: 0, capLeft: 98 });
      await expectProblem(await k.vote(freeVoter.token, free.contestants[0], 1), 422, 'quota-exhausted');
      // The next UTC day brings a fresh allowance (a new token: the old one expired meanwhile).
      k.clock.advance(24 * 3600 * 1000);
      try {
        const tomorrow = await k.vote(await k.login(freeVoter.email), free.contestants[0], 1);
        expect(tomorrow.status).toBe(201);
        expect(tomorrow.body.remaining.quotaToday).toBe(1);
      } finally {
        k.clock.set('2026-03-01T12:00:00.000Z');
      }

      // Fraud screening is a port; a rejection is 403 vote-rejected.
      const screening = k.t.app.get<VoteScreening>(VOTE_SCREENING);
      const spy = jest.spyOn(screening, 'screen').mockReturnValueOnce({ verdict: 'reject', record: null });
      await expectProblem(await k.vote(voter.token, big.contestants[0], 1), 403, 'vote-rejected');
      spy.mockRestore();

      const noKey = await k.call('post', '/api/votes', voter.token, { contestantId: big.contestants[0], amount: 1 });
      expect(noKey.status).toBe(400);
      expect((await k.call('post', '/api/votes', undefined, { contestantId: big.contestants[0], amount: 1 }, { 'Idempotency-Key': 'x' })).status).toBe(401);
      expect((await k.call('post', '/api/votes', voter.token, { contestantId: big.contestants[0], amount: 0 }, { 'Idempotency-Key': 'y' })).status).toBe(422);
    });
  });

  describe('idempotency', () => {
    it('replays the first response for the same key and body, refuses another body (422) and a key in flight (409)', async () => {
      const { contestants } = await k.openEvent({});
      const voter = await k.voter();
      await k.grant(voter.userId, 10);
      const first = await k.vote(voter.token, contestants[0], 2, 'key-1');
      expect(first.status).toBe(201);
      const again = await k.vote(voter.token, contestants[0], 2, 'key-1');
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await k.vote(voter.token, contestants[0], 3, 'key-1');
      expect(other.status).toBe(422);
      expect(other.body.type).toBe(problemType('idempotency-key-reused'));
      // Only one vote was recorded.
      expect((await k.vote(voter.token, contestants[1], 1, 'key-2')).body.remaining.credits).toBe(7);

      // Hold the first request in screening so that the second arrives while it is in flight.
      const screening = k.t.app.get<VoteScreening>(VOTE_SCREENING);
      let release: (() => void) | undefined;
      const spy = jest.spyOn(screening, 'screen').mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve({ verdict: 'allow', record: null }))));
      try {
        // supertest sends on then(), so start the request explicitly.
        const slow = k.vote(voter.token, contestants[0], 1, 'key-3').then((res) => res);
        await eventually(async () => expect(release).toBeDefined());
        const during = await k.vote(voter.token, contestants[0], 1, 'key-3');
        expect(during.status).toBe(409);
        expect(during.body.type).toBe(problemType('idempotency-in-flight'));
        release!();
        expect((await slow).status).toBe(201);
      } finally {
        release?.();
        spy.mockRestore();
      }
      expect((await k.vote(voter.token, contestants[0], 1, 'key-3')).headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('concurrency', () => {
    it('accepts exactly 10 of 50 parallel votes from one voter with cap 10, and the ledger adds up', async () => {
      const { eventId, contestants } = await k.openEvent({ voteCap: 10 });
      const voter = await k.voter();
      await k.grant(voter.userId, 100);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => k.vote(voter.token, contestants[i % 3], 1)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 422)).toHaveLength(40);
      expect(new Set(results.filter((r) => r.status === 422).map((r) => (r.body as { type: string }).type))).toEqual(new Set([problemType('vote-cap-reached')]));
      const capLefts = results.filter((r) => r.status === 201).map((r) => (r.body as { remaining: { capLeft: number } }).remaining.capLeft).sort((a, b) => a - b);
      expect(capLefts).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

      const ledger = await eventually(async () => {
        const page = await k.call('get', '/api/votes/ledger?limit=100', voter.token);
        expect(page.body.items).toHaveLength(11);
        return page.body.items as { kind: string; voteCount: number; creditsDelta: number; remainingVotes: number }[];
      });
      expect(ledger.filter((e) => e.kind === 'vote')).toHaveLength(10);
      expect(ledger.reduce((sum, e) => sum + e.creditsDelta, 0)).toBe(90);
      expect(ledger.reduce((sum, e) => sum + e.voteCount, 0)).toBe(10);
      expect(ledger[0].remainingVotes).toBe(90);
      const board = await eventually(async () => {
        const res = await k.call('get', `/api/leaderboard/event/${eventId}`);
        expect((res.body.items as { votes: number }[]).reduce((sum, item) => sum + item.votes, 0)).toBe(10);
        return res.body as { items: unknown[] };
      });
      expect(board.items).toHaveLength(3);
    });
  });

  describe('refunds', () => {
    it('refunds a vote while the event is open: credits return and the leaderboard drops the votes', async () => {
      const { eventId, contestants } = await k.openEvent({});
      const voter = await k.voter();
      await k.grant(voter.userId, 10);
      const kept = await k.vote(voter.token, contestants[0], 2);
      const refunded = await k.vote(voter.token, contestants[0], 3);
      expect(refunded.body.remaining.credits).toBe(5);
      await eventually(async () => {
        const board = await k.call('get', `/api/leaderboard/event/${eventId}`);
        expect(board.body.items[0]).toMatchObject({ contestantId: contestants[0], votes: 5 });
      });
      const other = await k.voter();
      expect((await k.call('delete', `/api/votes/${refunded.body.voteId}`, other.token)).status).toBe(404);
      const res = await k.call('delete', `/api/votes/${refunded.body.voteId}`, voter.token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ voteId: refunded.body.voteId, status: 'refunded' });
      expect((await k.call('delete', `/api/votes/${refunded.body.voteId}`, voter.token)).status).toBe(409);
      expect((await k.vote(voter.token, contestants[1], 1)).body.remaining).toEqual({ credits: 7, quotaToday: 0, capLeft: 97 });
      await eventually(async () => {
        const board = await k.call('get', `/api/leaderboard/event/${eventId}`);
        expect((board.body.items as { contestantId: string; votes: number }[]).find((i) => i.contestantId === contestants[0])?.votes).toBe(2);
        const vote = await k.call('get', `/api/votes/${refunded.body.voteId}`, voter.token);
        expect(vote.body.status).toBe('refunded');
      });
      // An organizer may refund anyone's vote; once the event closes, nobody can.
      expect((await k.call('delete', `/api/votes/${kept.body.voteId}`, k.organizer)).status).toBe(200);
      const late = await k.vote(voter.token, contestants[2], 1);
      await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' });
      const closed = await k.call('delete', `/api/votes/${late.body.voteId}`, voter.token);
      expect(closed.status).toBe(409);
      expect(closed.body.type).toBe(problemType('vote-not-refundable'));
    });
  });
});
