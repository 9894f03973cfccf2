import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ContestScheduler } from '@tally/voting';
import { eventually, problemType, startVotingE2e, VotingE2e } from './voting-test-kit';

interface Item {
  rank: number;
  contestantId: string;
  name: string;
  votes: number;
  change: number;
}

// Live rankings in Redis when it is there (CI starts it), with a key prefix of this run's own.
const prefix = `tally-test-${randomUUID()}:`;

describe('leaderboard over HTTP: ties, rank change, refresh, snapshots, schedule', () => {
  let k: VotingE2e;

  beforeAll(async () => {
    k = await startVotingE2e({ REDIS_URL: 'redis://127.0.0.1:6379/0', VOTING_REDIS_PREFIX: prefix });
  });

  afterAll(async () => {
    await k?.close();
    const redis = new Redis('redis://127.0.0.1:6379/0');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const board = async (eventId: string) => (await k.call('get', `/api/leaderboard/event/${eventId}`)).body as { eventId: string; asOf: string; items: Item[] };
  const view = (items: Item[], names: Record<string, string>) => items.map((i) => `${i.rank} ${names[i.contestantId]} ${i.votes} ${i.change >= 0 ? '+' : ''}${i.change}`);

  it('ranks by votes with standard competition ranking, and shows the change since the last recalculation', async () => {
    const { eventId, contestants } = await k.openEvent({ contestants: ['Ada', 'Bob', 'Cy', 'Dee'] });
    const names = Object.fromEntries(contestants.map((id, i) => [id, ['Ada', 'Bob', 'Cy', 'Dee'][i]]));
    const voter = await k.voter();
    await k.grant(voter.userId, 100);
    for (const [index, amount] of [5, 5, 2, 0].entries()) if (amount > 0) expect((await k.vote(voter.token, contestants[index], amount)).status).toBe(201);

    await eventually(async () => expect(view((await board(eventId)).items, names)).toEqual(['1 Ada 5 +0', '1 Bob 5 +0', '3 Cy 2 +0', '4 Dee 0 +0']));
    const current = await k.call('get', `/api/leaderboard?eventId=${eventId}`);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ eventId, asOf: '2026-03-01T12:00:00.000Z' });

    // The organizer recalculates: these ranks become the baseline.
    expect((await k.call('post', '/api/leaderboard/refresh', k.organizer, { eventId })).status).toBe(202);
    const voterRefresh = await k.call('post', '/api/leaderboard/refresh', voter.token, { eventId });
    expect(voterRefresh.status).toBe(403);
    expect((await k.call('post', '/api/leaderboard/refresh', k.organizer, { eventId: randomUUID() })).status).toBe(404);

    expect((await k.vote(voter.token, contestants[3], 7)).status).toBe(201);
    await eventually(async () => expect(view((await board(eventId)).items, names)).toEqual(['1 Dee 7 +3', '2 Ada 5 -1', '2 Bob 5 -1', '4 Cy 2 -1']));
  });

  it('serves the tenant\'s open event at GET /api/leaderboard, and 404 for an unknown event', async () => {
    const res = await k.call('get', '/api/leaderboard');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    const unknown = await k.call('get', `/api/leaderboard/event/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe(problemType('event-not-found'));
  });

  it('freezes a snapshot of the ranking when the event closes', async () => {
    const { eventId, contestants } = await k.openEvent({ contestants: ['Eve', 'Fay'] });
    const voter = await k.voter();
    await k.grant(voter.userId, 10);
    await k.vote(voter.token, contestants[1], 3);
    await k.vote(voter.token, contestants[0], 1);
    expect((await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' })).status).toBe(200);
    const listed = await eventually(async () => {
      const res = await k.call('get', `/api/leaderboard/event/${eventId}/snapshots`);
      expect(res.body.items).toHaveLength(1);
      return res.body.items as { snapshotId: string }[];
    });
    const snapshot = await k.call('get', `/api/leaderboard/snapshot/${listed[0].snapshotId}`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body).toMatchObject({
      eventId,
      reason: 'closed',
      items: [
        { rank: 1, contestantId: contestants[1], name: 'Fay', votes: 3 },
        { rank: 2, contestantId: contestants[0], name: 'Eve', votes: 1 },
      ],
    });
    expect((await k.call('get', `/api/leaderboard/snapshot/${randomUUID()}`)).status).toBe(404);
    const late = await k.vote(voter.token, contestants[0], 1);
    expect(late.status).toBe(422);
    expect(late.body.type).toBe(problemType('event-not-open'));
  });

  it('opens a scheduled event at its start date and closes it at its end date (the schedule job)', async () => {
    const created = await k.call('post', '/api/events', k.organizer, { name: 'Later', startDate: '2026-03-01T12:05:00Z', endDate: '2026-03-01T12:10:00Z', voteCap: 5 });
    const { eventId } = created.body as { eventId: string };
    const contestant = (await k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Gus' })).body.contestantId as string;
    expect((await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'scheduled' })).status).toBe(200);
    const voter = await k.voter();
    await k.grant(voter.userId, 5);
    expect((await k.vote(voter.token, contestant, 1)).body.type).toBe(problemType('event-not-open'));
    const scheduler = k.t.app.get(ContestScheduler);
    const status = async () => ((await k.call('get', `/api/events/${eventId}`, k.organizer)).body as { status: string }).status;
    // Nothing is due before the start date.
    expect(await scheduler.runDue()).toBe(0);
    expect(await status()).toBe('scheduled');
    k.clock.set('2026-03-01T12:05:00.000Z');
    try {
      // The job finds due events in the read model, which follows the log within a moment.
      await eventually(async () => {
        await scheduler.runDue();
        expect(await status()).toBe('open');
      });
      expect((await k.vote(await k.login(voter.email), contestant, 1)).status).toBe(201);
      k.clock.set('2026-03-01T12:10:00.000Z');
      await eventually(async () => {
        await scheduler.runDue();
        expect(await status()).toBe('closed');
      });
    } finally {
      k.clock.set('2026-03-01T12:00:00.000Z');
    }
  });
});
