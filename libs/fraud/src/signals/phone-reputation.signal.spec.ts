import { scorePhoneReputation } from './phone-reputation.signal';

describe('scorePhoneReputation', () => {
  const oldMobile = { type: 'MOBILE' as const, accountsOnPrefix: 1, verifiedHoursAgo: 24 * 30 };

  it('trusts a mobile number verified long ago', () => {
    expect(scorePhoneReputation(oldMobile).risk).toBe(0);
  });

  it('scores VOIP above mobile, and premium-rate highest', () => {
    const voip = scorePhoneReputation({ ...oldMobile, type: 'VOIP' }).risk;
    expect(voip).toBe(0.8);
    expect(scorePhoneReputation({ ...oldMobile, type: 'PREMIUM_RATE' }).risk).toBe(1);
    expect(scorePhoneReputation({ ...oldMobile, type: 'TOLL_FREE' }).risk).toBeGreaterThan(voip);
  });

  it('rises when many accounts share a number prefix (a SIM farm)', () => {
    expect(scorePhoneReputation({ ...oldMobile, accountsOnPrefix: 10 }).risk).toBe(1);
  });

  it('counts a fresh verification a little', () => {
    expect(scorePhoneReputation({ ...oldMobile, verifiedHoursAgo: 0.2 }).risk).toBe(0.3);
    expect(scorePhoneReputation({ ...oldMobile, verifiedHoursAgo: null }).risk).toBe(0.15);
  });

  it('gives an account without a phone a small, fixed risk', () => {
    expect(scorePhoneReputation({ type: 'NONE', accountsOnPrefix: 0, verifiedHoursAgo: null })).toMatchObject({ risk: 0.2, reason: 'no phone on the account' });
  });
});
