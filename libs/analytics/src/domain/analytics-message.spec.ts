import { toAnalyticsMessage } from './analytics-message';
import { Pseudonymizer } from './pseudonym';

const pseudonyms = new Pseudonymizer(Buffer.from('a-test-secret-of-at-least-32-characters'));
const at = new Date('2026-12-04T12:00:00.000Z');
const voteCast = (tenantId: string, userId: string) => ({
  id: '0193a0a0-0000-7000-8000-000000000001',
  type: 'VoteCast',
  metadata: { tenantId },
  createdAt: at,
  data: {
    voteId: 'v1',
    userId,
    contestId: 'c1',
    contestantId: 'k1',
    categoryId: null,
    amount: 3,
    freeUsed: 1,
    paidUsed: 2,
    day: '2026-12-04',
    status: 'accepted',
    castAt: at.toISOString(),
    idempotencyKey: 'key-with-anything',
    fingerprint: '{"secret":true}',
    hash: 'abc',
    balanceAfter: 40,
    remaining: { credits: 40, quotaToday: 0, capLeft: 10 },
    screening: { score: 0.1, factors: [{ ip: '203.0.113.9' }] },
  },
});

describe('toAnalyticsMessage', () => {
  it('exports only the allow-listed fields of a vote, the voter as a pseudonym, tagged with the tenant', () => {
    const message = toAnalyticsMessage(voteCast('t1', 'user-1'), pseudonyms);
    expect(message).toEqual({
      type: 'track',
      messageId: '0193a0a0-0000-7000-8000-000000000001',
      event: 'VoteCast',
      userId: pseudonyms.pseudonym('t1', 'user-1'),
      timestamp: '2026-12-04T12:00:00.000Z',
      properties: {
        tenantId: 't1',
        voteId: 'v1',
        userId: pseudonyms.pseudonym('t1', 'user-1'),
        contestId: 'c1',
        contestantId: 'k1',
        categoryId: null,
        amount: 3,
        freeUsed: 1,
        paidUsed: 2,
        day: '2026-12-04',
        status: 'accepted',
        castAt: at.toISOString(),
      },
      context: { tenantId: 't1', library: { name: 'tally-analytics', version: '1' } },
    });
    const text = JSON.stringify(message);
    for (const secret of ['user-1', 'key-with-anything', 'fingerprint', '203.0.113.9', 'balanceAfter', 'remaining']) expect(text).not.toContain(secret);
  });

  it('gives a user one pseudonym per tenant, different across tenants and secrets', () => {
    const inT1 = pseudonyms.pseudonym('t1', 'user-1');
    expect(pseudonyms.pseudonym('t1', 'user-1')).toBe(inT1);
    expect(inT1).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(pseudonyms.pseudonym('t2', 'user-1')).not.toBe(inT1);
    expect(pseudonyms.pseudonym('t1', 'user-2')).not.toBe(inT1);
    expect(new Pseudonymizer(Buffer.from('another-secret-of-at-least-32-characters')).pseudonym('t1', 'user-1')).not.toBe(inT1);
  });

  it('attributes contest events to the tenant and drops free text it does not list', () => {
    const message = toAnalyticsMessage(
      { id: 'e2', type: 'ContestStatusChanged', metadata: { tenantId: 't1' }, createdAt: at, data: { contestId: 'c1', from: 'open', to: 'closed', by: 'organizer', at: 'x', note: 'call Jane on 555' } },
      pseudonyms,
    );
    expect(message).toMatchObject({ event: 'ContestStatusChanged', anonymousId: 'tenant-t1', properties: { tenantId: 't1', contestId: 'c1', from: 'open', to: 'closed', by: 'organizer', at: 'x' } });
    expect(message?.userId).toBeUndefined();
    expect(JSON.stringify(message)).not.toContain('Jane');
  });

  it('exports nothing of an event type it does not list', () => {
    expect(toAnalyticsMessage({ id: 'e3', type: 'OtpIssued', metadata: { tenantId: 't1' }, createdAt: at, data: { destination: 'x' } }, pseudonyms)).toBeNull();
  });
});
