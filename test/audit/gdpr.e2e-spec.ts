import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { ADMIN, eventually, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

interface SubjectExportBody {
  subject: { tenantId: string; userId: string; requestedBy: string };
  profile: { email: string | null; phone: string | null; roles: string[]; status: string; registeredAt: string | null };
  sessions: { sessionId: string; endedAt: string | null; endReason: string | null }[];
  votes: { voteId: string; contestantId: string; amount: number; status: string }[];
  credits: { type: string; credits: number; cause: string }[];
  payments: { paymentId: string; votes: number | null; history: { type: string }[] }[];
  subscriptions: unknown[];
  disputes: { caseId: string; voteId: string | null; status: string }[];
  auditEntries: { action: string; resource: string; actor: string; ipNetwork: string | null }[];
}

/**
 * GDPR through the API: a subject's right of access (POST /api/users/me/data-export, and staff's
 * POST /api/admin/users/{id}/data-export) holds what the test made for that subject and nothing
 * of anyone else; erasure (DELETE /api/users/me) shreds the key: the export shows the contact
 * fields erased, login fails, the tally is unchanged; both requests are in the tenant's
 * compliance report.
 */
describe('GDPR: subject access export and erasure', () => {
  let k: VotingE2e;
  let pool: Pool;
  let admin: string;
  let event: { eventId: string; contestants: string[] };

  beforeAll(async () => {
    k = await startVotingE2e();
    pool = k.t.app.get<Pool>(PG_POOL);
    admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body.accessToken as string;
    event = await k.openEvent({ voteCap: 100, contestants: ['Ada', 'Bob'] });
  }, 180_000);
  afterAll(async () => {
    await k?.close();
  });

  const tally = async (): Promise<Record<string, number>> => {
    const board = await k.call('get', `/api/leaderboard/event/${event.eventId}`);
    return Object.fromEntries((board.body.items as { contestantId: string; votes: number }[]).map((item) => [item.contestantId, item.votes]));
  };

  it("exports the subject's own data and nothing of another user's; after erasure the PII reads as erased, login fails and the tally stands", async () => {
    const subject = await k.voter();
    const other = await k.voter();
    // The subject: credits granted, a sandbox payment, two votes, a dispute; a second session.
    await k.grant(subject.userId, 5);
    const checkout = await k.call('post', '/api/payments/checkout', subject.token, { votes: 3, currency: 'USD' });
    expect(checkout.status).toBe(201);
    const paymentId = checkout.body.paymentId as string;
    expect((await k.call('post', `/api/payments/sandbox/${paymentId}/complete`, subject.token, { card: '4242 4242 4242 4242' })).status).toBe(200);
    await eventually(async () => expect((await k.vote(subject.token, event.contestants[0], 7)).status).toBe(201), 60_000);
    const second = await k.vote(subject.token, event.contestants[1], 1);
    expect(second.status).toBe(201);
    const dispute = await k.call('post', '/api/disputes', subject.token, { kind: 'vote', voteId: second.body.voteId as string, reason: 'wrong_contestant' });
    expect(dispute.status).toBe(201);
    await k.login(subject.email);
    // Someone else's activity, which must not leak into the subject's export.
    await k.grant(other.userId, 4);
    const othersVote = await k.vote(other.token, event.contestants[0], 4);
    expect(othersVote.status).toBe(201);
    expect((await k.call('post', '/api/disputes', other.token, { kind: 'vote', voteId: othersVote.body.voteId as string, reason: 'other' })).status).toBe(201);

    // The read models the export reads (votes, disputes, the audit trail) follow the log.
    // Each answered request is recorded as a GDPR request: count them for the report below.
    let accessRequests = 0;
    const exported = await eventually(async () => {
      const res = await k.call('post', '/api/users/me/data-export', subject.token);
      expect(res.status).toBe(200);
      accessRequests++;
      const body = res.body as SubjectExportBody;
      expect(body.votes).toHaveLength(2);
      expect(body.disputes).toHaveLength(1);
      expect(body.payments).toHaveLength(1);
      expect(body.auditEntries.some((entry) => entry.action === 'VoteCast')).toBe(true);
      return body;
    }, 60_000);
    expect(exported.subject).toMatchObject({ userId: subject.userId, tenantId: k.t.tenantId, requestedBy: 'subject' });
    expect(exported.profile).toMatchObject({ email: subject.email, status: 'active', roles: ['voter'], registeredAt: expect.any(String) });
    expect(exported.sessions.length).toBeGreaterThanOrEqual(2);
    expect(exported.votes.map((vote) => [vote.contestantId, vote.amount, vote.status]).sort()).toEqual([
      [event.contestants[0], 7, 'accepted'],
      [event.contestants[1], 1, 'accepted'],
    ].sort());
    expect(exported.credits).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'granted', credits: 5, cause: 'admin' }), expect.objectContaining({ type: 'granted', credits: 3, cause: 'payment' })]));
    expect(exported.payments[0]).toMatchObject({ paymentId, votes: 3 });
    expect(exported.payments[0].history.map((item) => item.type)).toEqual(expect.arrayContaining(['PaymentStarted', 'PaymentCompleted']));
    expect(exported.disputes[0]).toMatchObject({ caseId: dispute.body.caseId, voteId: second.body.voteId, status: 'open' });
    // Others appear as `staff`, never by id, and without their network.
    const granted = exported.auditEntries.find((entry) => entry.action === 'CreditsGranted' && entry.actor === 'staff');
    expect(granted).toMatchObject({ resource: `voter-${k.t.tenantId}.${subject.userId}`, ipNetwork: null });
    expect(exported.auditEntries.find((entry) => entry.action === 'VoteCast')).toMatchObject({ actor: 'you', ipNetwork: '127.0.0.0/24' });
    const text = JSON.stringify(exported);
    expect(text).not.toContain(other.userId);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(othersVote.body.voteId as string);
    const organizerId = (await pool.query<{ user_id: string }>(`select user_id from audit_logs where action = 'ContestCreated' and resource like $1`, [`%${event.eventId}`])).rows[0].user_id;
    expect(text).not.toContain(organizerId);

    // Roles and tenants: a voter cannot export another user; staff can, in their own tenant only.
    expect((await k.call('post', `/api/admin/users/${other.userId}/data-export`, subject.token)).status).toBe(403);
    expect((await k.call('post', '/api/users/me/data-export')).status).toBe(401);
    expect((await k.call('post', `/api/admin/users/not-a-uuid/data-export`, k.organizer)).status).toBe(400);
    expect((await k.call('post', `/api/admin/users/0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b/data-export`, k.organizer)).status).toBe(404);
    expect((await k.call('post', '/api/tenants', admin, { name: 'GDPR Other', slug: 'gdpr-other' })).status).toBe(201);
    const otherTenant = await k.t.http().post(`/api/admin/users/${subject.userId}/data-export`).set('X-Tenant-Id', 'gdpr-other').set('Authorization', `Bearer ${admin}`);
    expect(otherTenant.status).toBe(404);

    // Erasure: the key is shredded, sessions end, the votes keep counting.
    await eventually(async () => expect((await tally())[event.contestants[0]]).toBe(11), 60_000);
    const before = await tally();
    expect((await k.call('delete', '/api/users/me', subject.token)).status).toBe(204);
    expect((await k.call('post', '/api/users/me/data-export', subject.token)).status).toBe(401);
    expect((await k.call('post', '/api/auth/login', undefined, { email: subject.email, password: 'Voter-Horse-9' })).status).toBe(401);
    const erased = await k.call('post', `/api/admin/users/${subject.userId}/data-export`, k.organizer);
    expect(erased.status).toBe(200);
    const after = erased.body as SubjectExportBody;
    expect(after.profile).toMatchObject({ email: null, phone: null, status: 'erased' });
    expect(after.subject.requestedBy).toBe('staff');
    expect(JSON.stringify(after)).not.toContain(subject.email);
    expect(after.votes).toHaveLength(2);
    expect(after.sessions.every((session) => session.endedAt !== null)).toBe(true);
    expect(await tally()).toEqual(before);

    // Both requests are GDPR requests in the tenant's compliance report.
    const report = await eventually(async () => {
      const res = await k.call('get', `/api/admin/compliance/tenants/${k.t.tenantId}/report`, k.organizer);
      expect(res.status).toBe(200);
      const gdpr = res.body.report.gdpr as { erasures: number; accessRequests: number; requests: { type: string; resource: string; by: string | null }[] };
      expect(gdpr.accessRequests).toBe(accessRequests + 1);
      expect(gdpr.erasures).toBe(1);
      return gdpr;
    }, 60_000);
    const access = ['access', `gdpr-${k.t.tenantId}.${subject.userId}`];
    expect(report.requests.map((request) => [request.type, request.resource])).toEqual([
      ...Array.from({ length: accessRequests }, () => access),
      ['erasure', `user-${k.t.tenantId}.${subject.userId}`],
      access,
    ]);
  }, 180_000);
});
