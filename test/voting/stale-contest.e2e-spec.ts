import { EventStore, PostgresEventStore } from '@tally/eventstore';
import { contestStream, voterStream } from '@tally/voting';
import { Pool } from 'pg';
import { startVotingE2e, VotingE2e } from './voting-test-kit';

// The vote path decides on the contest as this process has it cached and appends on condition
// that the contest stream has not moved. Another process (here: a second event store on the same
// database) changes the contest behind this process's back: the cache is stale, and the vote
// must still follow the contest as it is now.
describe('voting with a contest changed by another process', () => {
  let k: VotingE2e;
  let pool: Pool;
  let other: EventStore;

  beforeAll(async () => {
    k = await startVotingE2e();
    pool = new Pool({ connectionString: k.t.database.url, max: 2 });
    other = new PostgresEventStore(pool, { listen: false });
  });

  afterAll(async () => {
    await other?.close();
    await pool?.end();
    await k?.close();
  });

  /** Appends a status change to the contest stream as another app instance would. */
  async function changeStatusElsewhere(eventId: string, from: string, to: string): Promise<void> {
    const stream = contestStream(k.t.tenantId, eventId);
    const [last] = await other.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const metadata = { tenantId: k.t.tenantId, actorId: null, clientIp: null, correlationId: `other-${to}`, causationId: null };
    const data = { contestId: eventId, from, to, by: 'organizer', at: k.clock.now().toISOString() };
    await other.append(stream, [{ type: 'ContestStatusChanged', data, metadata }], last.revision);
  }

  it('refuses, never accepts, the next vote once the contest was closed elsewhere', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await k.voter();
    await k.grant(voter.userId, 50);
    expect((await k.vote(voter.token, contestants[0], 1, 'before-close')).status).toBe(201); // the open contest is now cached

    await changeStatusElsewhere(eventId, 'open', 'closed');

    const late = await Promise.all([1, 2, 3, 4].map((n) => k.vote(voter.token, contestants[n % 3], 1, `after-close-${n}`)));
    for (const res of late) {
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('VOTING.EVENT_NOT_OPEN');
    }
    const ledger = await other.readStream(voterStream(k.t.tenantId, voter.userId));
    expect(ledger.filter((event) => event.type === 'VoteCast')).toHaveLength(1);
  });

  it('accepts the next vote once the contest was reopened elsewhere, although it is cached closed', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const voter = await k.voter();
    await k.grant(voter.userId, 50);
    const closed = await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' });
    expect(closed.status).toBe(200);
    expect((await k.vote(voter.token, contestants[0], 1, 'while-closed')).status).toBe(422); // cached closed

    await changeStatusElsewhere(eventId, 'closed', 'open');

    const res = await k.vote(voter.token, contestants[0], 2, 'after-reopen');
    expect(res.status).toBe(201);
    expect(res.body.amount).toBe(2);
  });
});
