import { SmsInbox } from '../identity/identity-test-kit';
import { problemType, startVotingE2e, VotingE2e } from './voting-test-kit';

/** An event with requireVerifiedPhone asks identity (PHONE_VERIFICATION), not the token. */
describe('events that require a verified phone', () => {
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
