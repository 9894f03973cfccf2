import { EventStore, PostgresEventStore } from '@tally/eventstore';
import { contestStream, voterStream } from '@tally/voting';
import { Pool } from 'pg';
import { SmsInbox } from '../identity/identity-test-kit';
import { problemType, startVotingE2e, VotingE2e } from './voting-test-kit';

/**
 * What a vote is checked against at the moment it is cast: the contest as it is now, though this
 * process has it cached, and the voter's phone verification as identity has it. One app for both
 * (with the SMS webhook the phone check needs): each test file loads the whole application's
 * modules again, seconds of a shared CI core.
 */
describe('the conditions a vote is checked against', () => {
  let k: VotingE2e;
  const sms = new SmsInbox();

  beforeAll(async () => {
    await sms.start();
    k = await startVotingE2e({ SMS_DRIVER: 'http', SMS_HTTP_URL: sms.url });
  });

  afterAll(async () => {
    await k?.close();
    await sms.stop();
  });

  // The vote path decides on the contest as this process has it cached and appends on condition
  // that the contest stream has not moved. Another process (here: a second event store on the same
  // database) changes the contest behind this process's back: the cache is stale, and the vote
  // must still follow the contest as it is now.
  describe('voting with a contest changed by another process', () => {
    let pool: Pool;
    let other: EventStore;

    beforeAll(() => {
      pool = new Pool({ connectionString: k.t.database.url, max: 2 });
      other = new PostgresEventStore(pool, { listen: false });
    });

    afterAll(async () => {
      await other?.close();
      await pool?.end();
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

  /** An event with requireVerifiedPhone asks identity (PHONE_VERIFICATION), not the token. */
  describe('events that require a verified phone', () => {
    it('refuses a voter until they verify their phone, then accepts the same vote', async () => {
      const { contestants } = await k.openEvent({ settings: { freeVotesPerDay: 5, requireVerifiedPhone: true } });
      const voter = await k.voter();

      const refused = await k.vote(voter.token, contestants[0], 1, 'phone-1');
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe(problemType('phone-verification-required'));

      const phone = '+14155550123';
      expect((await k.call('post', '/api/auth/otp/request', voter.token, { channel: 'sms', purpose: 'phone_verify', phone })).status).toBe(202);
      const verified = await k.call('post', '/api/auth/phone/verify', voter.token, { phone, code: await sms.codeFor(phone) });
      expect(verified.status).toBe(200);

      const accepted = await k.vote(voter.token, contestants[0], 1, 'phone-2');
      expect(accepted.status).toBe(201);
      expect(accepted.body.status).toBe('accepted');
    });
  });
});
