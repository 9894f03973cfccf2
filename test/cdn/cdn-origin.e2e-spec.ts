import { eventually, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/** The API as a CDN origin (docs/cdn.md): cache headers, ETag and 304, surrogate keys, compression scoped to reads. */
describe('CDN origin over HTTP', () => {
  let k: VotingE2e;

  beforeAll(async () => {
    k = await startVotingE2e({}, 'postgres');
  }, 120_000);
  afterAll(async () => {
    await k?.close();
  });

  it('an ETag\'d leaderboard answers 304 until a vote changes it, then 200 with a new ETag', async () => {
    const { eventId, contestants } = await k.openEvent({ contestants: ['Ada', 'Bob'] });
    const voter = await k.voter();
    await k.grant(voter.userId, 20);
    const first = await k.vote(voter.token, contestants[0], 2);
    expect(first.status).toBe(201);
    const board = (position: string | null, etag?: string) =>
      k.call('get', `/api/leaderboard/event/${eventId}`, undefined, undefined, { ...(position ? { 'Tally-Position': position } : {}), ...(etag ? { 'If-None-Match': etag } : {}) });

    // Read at the vote's position: the board includes it (503 read-model-behind while the projection catches up on a busy machine).
    const atPosition = (position: string, etag?: string) =>
      eventually(async () => {
        const res = await board(position, etag);
        if (res.status === 503) throw new Error('read model behind');
        return res;
      }, 30_000);
    const fresh = await atPosition(first.headers['tally-position']);
    expect(fresh.status).toBe(200);
    const etag = fresh.headers.etag;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(fresh.headers['cache-control']).toBe('public, max-age=2, s-maxage=5, stale-while-revalidate=30');
    expect((fresh.headers['surrogate-key']).split(' ')).toEqual([expect.stringMatching(/^tenant-/), `contest-${eventId}`, `leaderboard-${eventId}`]);
    expect(fresh.headers.vary).toContain('X-Tenant-Id');

    for (let i = 0; i < 3; i++) {
      const unchanged = await board(null, etag);
      expect(unchanged.status).toBe(304);
      expect(unchanged.text ?? '').toBe('');
      expect(unchanged.headers.etag).toBe(etag);
    }

    const second = await k.vote(voter.token, contestants[1], 5);
    expect(second.status).toBe(201);
    const changed = await atPosition(second.headers['tally-position'], etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((changed.body as { items: { votes: number }[] }).items.map((i) => i.votes)).toEqual([5, 2]);
    await eventually(async () => expect((await board(null, changed.headers.etag)).status).toBe(304));
  }, 60_000);

  it("an event's signed tree head is public, tagged with its contest, and revalidates with 304", async () => {
    const { eventId, contestants } = await k.openEvent({ contestants: ['Eli'] });
    const voter = await k.voter();
    await k.grant(voter.userId, 1);
    expect((await k.vote(voter.token, contestants[0], 1)).status).toBe(201);
    // The first head waits for the Merkle log projection's next batch.
    const head = await eventually(async () => {
      const res = await k.call('get', `/api/events/${eventId}/log/head`);
      if (res.status !== 200) throw new Error(`head ${res.status}`);
      return res;
    }, 30_000);
    expect(head.headers['cache-control']).toBe('public, max-age=5, s-maxage=30, stale-while-revalidate=60');
    expect((head.headers['surrogate-key']).split(' ')).toEqual([expect.stringMatching(/^tenant-/), `contest-${eventId}`, `tree-head-${eventId}`]);
    expect((await k.call('get', `/api/events/${eventId}/log/head`, undefined, undefined, { 'If-None-Match': head.headers.etag })).status).toBe(304);
  }, 60_000);

  it('a signed-in page is cached privately with an ETag; writes carry no cache headers', async () => {
    const { eventId, contestants } = await k.openEvent({ contestants: ['Cy'] });
    const voter = await k.voter();
    const page = await k.call('get', `/api/events/${eventId}`, voter.token);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('private, max-age=0, must-revalidate');
    expect(page.headers['surrogate-key']).toBeUndefined();
    expect((await k.call('get', `/api/events/${eventId}`, voter.token, undefined, { 'If-None-Match': page.headers.etag })).status).toBe(304);

    await k.grant(voter.userId, 1);
    const vote = await k.vote(voter.token, contestants[0], 1);
    expect(vote.status).toBe(201);
    expect(vote.headers.etag).toBeUndefined();
    expect(vote.headers['cache-control']).toBeUndefined();
  }, 60_000);

  it('compresses large read bodies, not small ones, and never a vote', async () => {
    const large = await k.call('get', '/api/docs-json', undefined, undefined, { 'Accept-Encoding': 'gzip' });
    expect(large.status).toBe(200);
    expect(large.headers['content-encoding']).toBe('gzip');
    const { eventId, contestants } = await k.openEvent({ contestants: ['Dee'] });
    const small = await k.call('get', `/api/leaderboard/event/${eventId}`, undefined, undefined, { 'Accept-Encoding': 'gzip' });
    expect(small.status).toBe(200);
    expect(JSON.stringify(small.body).length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    const voter = await k.voter();
    await k.grant(voter.userId, 1);
    const vote = await k.call('post', '/api/votes', voter.token, { contestantId: contestants[0], amount: 1 }, { 'Accept-Encoding': 'gzip', 'Idempotency-Key': `cdn-${eventId}` });
    expect(vote.status).toBe(201);
    expect(vote.headers['content-encoding']).toBeUndefined();
  }, 60_000);
});
