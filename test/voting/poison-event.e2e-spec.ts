import { randomUUID } from 'node:crypto';
import { DeadLetterService, EVENT_STORE, EventStore } from '@tally/eventstore';
import { PG_POOL } from '@tally/platform';
import { CONTEST_CATEGORY } from '@tally/voting';
import { Pool } from 'pg';
import { eventually, startVotingE2e, VotingE2e } from './voting-test-kit';

const LEADERBOARD = 'voting-leaderboard';

/**
 * Issue 11: a contestant with a null slug (accepted by the command at the time) could not be
 * stored by the leaderboard projection, which retried for ~6 s and held every tenant's votes
 * back meanwhile. The event is appended straight to the store here, as the command now refuses it.
 */
describe('a poison event in one tenant', () => {
  let k: VotingE2e;
  let pool: Pool;

  beforeAll(async () => {
    // Background retries come quickly here, so the test sees one apply the event once fixed.
    k = await startVotingE2e({ PROJECTIONS_PARKED_RETRY_BASE_MS: '100', PROJECTIONS_PARKED_RETRY_MAX_MS: '200', PROJECTIONS_PARKED_MAX_RETRIES: '1000' });
    pool = k.t.app.get<Pool>(PG_POOL);
  });

  afterAll(async () => {
    await k?.close();
  });

  const votesOf = async (eventId: string, contestantId: string): Promise<number> => {
    const res = await k.call('get', `/api/leaderboard/event/${eventId}`);
    return (res.body as { items: { contestantId: string; votes: number }[] }).items.find((item) => item.contestantId === contestantId)?.votes ?? 0;
  };

  /** Milliseconds from a vote's 201 to the leaderboard showing it. */
  const voteLag = async (token: string, eventId: string, contestantId: string, expected: number): Promise<number> => {
    expect((await k.vote(token, contestantId, 1)).status).toBe(201);
    const cast = Date.now();
    await eventually(async () => expect(await votesOf(eventId, contestantId)).toBe(expected), 15_000);
    return Date.now() - cast;
  };

  const appendPoison = async (tenantId: string): Promise<{ contestId: string; contestantId: string }> => {
    const contestId = randomUUID();
    const contestantId = randomUUID();
    const metadata = { tenantId, actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null };
    await k.t.app.get<EventStore>(EVENT_STORE).append(
      `${CONTEST_CATEGORY}-${tenantId}.${contestId}`,
      [{ type: 'ContestantAdded', data: { contestId, contestantId, name: 'Poison', slug: null, categoryId: null, at: new Date().toISOString() }, metadata }],
      'any',
    );
    return { contestId, contestantId };
  };

  it('is parked at once: a vote in another tenant reaches its leaderboard within the usual lag, health says degraded, and the fixed event is applied', async () => {
    const { eventId, contestants } = await k.openEvent({ contestants: ['Ada', 'Bob'] });
    const voter = await k.voter();
    await k.grant(voter.userId, 10);
    const before = await voteLag(voter.token, eventId, contestants[0], 1);

    const tenantA = randomUUID();
    const poison = await appendPoison(tenantA);
    const withPoison = await voteLag(voter.token, eventId, contestants[0], 2);
    // Measured before the fix: ~6 s. The usual lag is the head poll plus one transaction; the
    // poison adds a few failed transactions (milliseconds) to it, not retries with backoff.
    expect(withPoison).toBeLessThan(1_500);
    expect(withPoison - before).toBeLessThan(1_000);

    const letters = k.t.app.get(DeadLetterService);
    const [parked] = await eventually(async () => {
      const list = await letters.list(LEADERBOARD);
      expect(list).toHaveLength(1);
      return list;
    });
    expect(parked).toMatchObject({ eventType: 'ContestantAdded', streamId: `${CONTEST_CATEGORY}-${tenantA}.${poison.contestId}`, replayedAt: null });
    expect(parked.error).toMatch(/null value/);

    const degraded = await k.t.http().get('/health/ready');
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', details: { projections: { status: 'up', degraded: true, parked: { [LEADERBOARD]: 1 } } } });

    // The cause goes away (here: the read model accepts a contestant without a slug); a background retry applies the event.
    await pool.query('alter table contestants alter column slug drop not null');
    await eventually(async () => expect(await letters.list(LEADERBOARD)).toHaveLength(0), 15_000);
    const stored = await pool.query<{ name: string; tenant_id: string }>('select name, tenant_id from contestants where contestant_id = $1', [poison.contestantId]);
    expect(stored.rows).toEqual([{ name: 'Poison', tenant_id: tenantA }]);
    const ready = await k.t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { projections: { status: 'up', degraded: false, parked: {} } } });
    // The other tenant's count was never touched by any of it.
    expect(await votesOf(eventId, contestants[0])).toBe(2);
  });
});
