import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { QUERY_CACHE, QueryCache } from '@tally/platform';
import { startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

const PREFIX = `tally-test-qc-votes-${randomUUID()}:`;

/**
 * The vote path (POST /api/votes, benchmarked) reads nothing from the query cache, so it pays no
 * Redis round trip for it (its appends, to voter streams, invalidate nothing: the reactor spec
 * checks the stream filter). With Redis, as a deployment runs (docs/scaling.md "Query result cache").
 */
describe('the vote path and the query cache', () => {
  let k: VotingE2e;

  beforeAll(async () => {
    k = await startVotingE2e({ REDIS_URL: 'redis://127.0.0.1:6379/0', QUERY_CACHE_REDIS_PREFIX: PREFIX, VOTING_REDIS_PREFIX: PREFIX, FRAUD_REDIS_PREFIX: PREFIX }, 'postgres');
  }, 120_000);

  afterAll(async () => {
    await k?.close();
    const client = new Redis('redis://127.0.0.1:6379/0');
    const keys = await client.keys(`${PREFIX}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  it('casts votes without reading the query cache', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await k.voter();
    await k.grant(voter.userId, 20);
    const cache = k.t.app.get<QueryCache>(QUERY_CACHE);
    const reads = jest.spyOn(cache, 'get');
    try {
      // The page a voter opens before voting is read through the cache…
      expect((await k.call('get', `/api/events/${eventId}`, voter.token)).status).toBe(200);
      expect(reads).toHaveBeenCalledTimes(1);
      reads.mockClear();
      // …the votes are not.
      for (let i = 0; i < 10; i++) expect((await k.vote(voter.token, contestants[i % contestants.length], 1)).status).toBe(201);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });
});
