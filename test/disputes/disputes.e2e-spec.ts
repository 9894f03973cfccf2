import { EVENT_STORE, EventStore, ProjectionRebuildService, StreamNotFoundError } from '@tally/eventstore';
import { FakeProviderServer } from '@tally/payments';
import { PG_POOL } from '@tally/platform';
import { voterStream } from '@tally/voting';
import { Pool } from 'pg';
import Stripe from 'stripe';
import { ADMIN, eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

const WEBHOOK_SECRET = 'whsec_disputes_e2e';
type Voter = { userId: string; token: string };

interface CaseItem {
  caseId: string;
  kind: string;
  userId: string;
  voteId: string | null;
  paymentId: string | null;
  status: string;
  resolution: string | null;
  effect: { type: string; credits?: number; voteId?: string } | null;
  openedBy: string;
  providerDisputeId: string | null;
}

/**
 * Dispute cases through HTTP: a voter's complaint about their vote, staff's, and the payment
 * provider's (real signed Stripe webhooks against the fake provider), worked open → investigating
 * → resolved with the credit effect on the voter's ledger exactly once, or withdrawn; the role
 * and tenant checks of every route; the audit trail and admin actions with before/after.
 */
describe('dispute cases (POST/GET /api/disputes, investigate, resolve, withdraw)', () => {
  const fake = new FakeProviderServer();
  let k: VotingE2e;
  let store: EventStore;
  let pool: Pool;
  let event: { eventId: string; contestants: string[] };
  let otherOrganizer: string;

  beforeAll(async () => {
    await fake.start();
    k = await startVotingE2e({ STRIPE_API_URL: fake.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
    store = k.t.app.get(EVENT_STORE);
    pool = k.t.app.get<Pool>(PG_POOL);
    event = await k.openEvent({ voteCap: 1000 });
    // An organizer of another tenant, for the 404s.
    const admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body.accessToken as string;
    expect((await k.call('post', '/api/tenants', admin, { name: 'Dispute Other', slug: 'disputes-other' })).status).toBe(201);
    const inOther = (path: string) => k.t.http().post(path).set('X-Tenant-Id', 'disputes-other');
    const signup = await inOther('/api/auth/signup').send({ email: 'org@disputes-other.test', password: 'Other-Horse-9' });
    expect(signup.status).toBe(201);
    const roles = await k.t.http().put(`/api/users/${signup.body.userId as string}/roles`).set('X-Tenant-Id', 'disputes-other').set('Authorization', `Bearer ${admin}`).send({ roles: ['organizer'] });
    expect(roles.status).toBe(200);
    otherOrganizer = (await inOther('/api/auth/login').send({ email: 'org@disputes-other.test', password: 'Other-Horse-9' })).body.accessToken as string;
  }, 180_000);
  afterAll(async () => {
    await k?.close();
    await fake.stop();
  });

  const inOtherTenant = (method: 'get' | 'post', path: string, body?: object) => {
    const req = k.t.http()[method](path).set('X-Tenant-Id', 'disputes-other').set('Authorization', `Bearer ${otherOrganizer}`);
    return body ? req.send(body) : req;
  };

  /** The voter's balance as voting's ledger has it (every voter event carries balanceAfter). */
  async function balance(userId: string): Promise<number> {
    try {
      const events = await store.readStream<{ balanceAfter?: number }>(voterStream(k.t.tenantId, userId));
      return events.filter((e) => typeof e.data.balanceAfter === 'number').at(-1)?.data.balanceAfter ?? 0;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
  }

  async function votedVoter(credits: number, amount: number): Promise<Voter & { voteId: string }> {
    const voter = await k.voter();
    await k.grant(voter.userId, credits);
    const cast = await k.vote(voter.token, event.contestants[0], amount);
    expect(cast.status).toBe(201);
    return { ...voter, voteId: cast.body.voteId as string };
  }

  const open = (token: string, body: object, headers: Record<string, string> = {}) => k.call('post', '/api/disputes', token, body, headers);
  /**
   * A read sent with a write's Tally-Position; on the loaded shared machine the read models may
   * take longer than READ_POSITION_WAIT_MS, which answers 503 read-model-behind: ask again then.
   */
  const readAt = (path: string, token: string, position: unknown) =>
    eventually(async () => {
      const res = await k.call('get', path, token, undefined, { 'Tally-Position': String(position) });
      expect(res.status).not.toBe(503);
      return res;
    }, 30_000);
  const getCase = (token: string, caseId: string, position?: unknown) => (position === undefined ? k.call('get', `/api/disputes/${caseId}`, token) : readAt(`/api/disputes/${caseId}`, token, position));

  /** Waits until the case's effects reactor has passed its resolution (so a second application would have shown). */
  async function effectsReactorPassed(caseId: string): Promise<void> {
    await eventually(async () => {
      const { rows } = await pool.query<{ behind: boolean }>(
        `select (select global_position from es_events where stream_id like $1 and event_type = 'DisputeCaseResolved')
                > coalesce((select split_part(position, ':', 2)::bigint from es_checkpoints where consumer = 'disputes.effects' order by version desc limit 1), -1) as behind`,
        [`dispute-%.${caseId}`],
      );
      expect(rows[0].behind).toBe(false);
    }, 60_000);
  }

  it('a voter disputes their vote; staff investigate and, of 20 parallel resolutions, one succeeds and the credits come back exactly once', async () => {
    const voter = await votedVoter(10, 4);
    expect(await balance(voter.userId)).toBe(6);

    const opened = await open(voter.token, { kind: 'vote', voteId: voter.voteId, reason: 'vote_not_counted' }, { 'Idempotency-Key': 'complaint-1' });
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ caseId: expect.any(String), status: 'open', created: true });
    const caseId = opened.body.caseId as string;
    // A retry with the same key is the same case; the key with another body is refused.
    const again = await open(voter.token, { kind: 'vote', voteId: voter.voteId, reason: 'vote_not_counted' }, { 'Idempotency-Key': 'complaint-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ caseId, status: 'open', created: false });
    expect((await open(voter.token, { kind: 'vote', voteId: voter.voteId, reason: 'other' }, { 'Idempotency-Key': 'complaint-1' })).body.type).toBe(problemType('idempotency-key-reused'));

    const own = await getCase(voter.token, caseId, opened.headers['tally-position']);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ caseId, kind: 'vote', userId: voter.userId, voteId: voter.voteId, status: 'open', openedBy: 'voter', reason: 'vote_not_counted' });

    // Roles: a voter cannot work a case; another voter does not see it; another tenant does not find it.
    const stranger = await k.voter();
    expect((await k.call('post', `/api/disputes/${caseId}/investigate`, voter.token)).status).toBe(403);
    expect((await k.call('post', `/api/disputes/${caseId}/resolve`, voter.token, { resolution: 'upheld', effect: { type: 'refund_credits', credits: 4 } })).status).toBe(403);
    expect((await getCase(stranger.token, caseId)).status).toBe(404);
    expect((await k.call('get', '/api/disputes', stranger.token)).body.items).toEqual([]);
    expect((await k.call('post', `/api/disputes/${caseId}/withdraw`, stranger.token)).status).toBe(404);
    expect((await inOtherTenant('get', `/api/disputes/${caseId}`)).status).toBe(404);
    expect((await inOtherTenant('post', `/api/disputes/${caseId}/investigate`)).status).toBe(404);
    expect((await inOtherTenant('post', `/api/disputes/${caseId}/resolve`, { resolution: 'rejected', effect: { type: 'none' } })).status).toBe(404);
    expect((await k.call('get', `/api/disputes/${caseId}`)).status).toBe(401);

    const investigated = await k.call('post', `/api/disputes/${caseId}/investigate`, k.organizer);
    expect(investigated.status).toBe(200);
    expect(investigated.body).toMatchObject({ caseId, status: 'investigating' });
    const twice = await k.call('post', `/api/disputes/${caseId}/investigate`, k.organizer);
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe(problemType('dispute-already-investigating'));

    // Bad input changes nothing: an effect on a rejection, credits out of range, an unknown effect.
    for (const bad of [
      { resolution: 'rejected', effect: { type: 'refund_credits', credits: 4 } },
      { resolution: 'upheld', effect: { type: 'refund_credits', credits: 0 } },
      { resolution: 'upheld', effect: { type: 'teleport' } },
      { resolution: 'maybe', effect: { type: 'none' } },
      { resolution: 'upheld' },
    ]) {
      const refused = await k.call('post', `/api/disputes/${caseId}/resolve`, k.organizer, bad);
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }

    const attempts = await Promise.all(
      Array.from({ length: 20 }, () => k.call('post', `/api/disputes/${caseId}/resolve`, k.organizer, { resolution: 'upheld', effect: { type: 'refund_credits', credits: 4 } })),
    );
    const statuses = attempts.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const refused of attempts.filter((res) => res.status === 409)) expect(refused.body.type).toBe(problemType('dispute-closed'));
    const winner = attempts.find((res) => res.status === 200)!;
    expect(winner.body).toMatchObject({ caseId, status: 'resolved', resolution: 'upheld', effect: { type: 'refund_credits', credits: 4 }, outcome: { type: 'refund_credits', applied: true, creditsMoved: 4, balance: 10 } });

    // Credits restored once, also after the effects reactor went past the resolution.
    await effectsReactorPassed(caseId);
    expect(await balance(voter.userId)).toBe(10);
    const grants = (await store.readStream<{ source?: { ref: string } }>(voterStream(k.t.tenantId, voter.userId))).filter((e) => e.type === 'CreditsGranted' && e.data.source?.ref === `dispute:${caseId}`);
    expect(grants).toHaveLength(1);

    const resolved = await getCase(voter.token, caseId, winner.headers['tally-position']);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'upheld', effect: { type: 'refund_credits', credits: 4 }, closedBy: expect.any(String) });
    expect((await k.call('post', `/api/disputes/${caseId}/withdraw`, voter.token)).status).toBe(409);

    // Every act in the audit trail with before/after, and the staff acts in admin_actions.
    await eventually(async () => {
      const { rows } = await pool.query<{ action: string; user_id: string; changes: { before: unknown; after: unknown } }>(
        `select action, user_id, changes from audit_logs where resource like $1 order by position`,
        [`dispute-%.${caseId}`],
      );
      expect(rows.map((row) => row.action)).toEqual(['DisputeCaseOpened', 'DisputeCaseInvestigated', 'DisputeCaseResolved']);
      expect(rows[0].changes).toEqual({ before: null, after: { status: 'open', kind: 'vote', reason: 'vote_not_counted', openedBy: 'voter' } });
      expect(rows[1].changes).toEqual({ before: { status: 'open' }, after: { status: 'investigating' } });
      expect(rows[2].changes).toEqual({ before: { status: 'investigating' }, after: { status: 'resolved', resolution: 'upheld', effect: { type: 'refund_credits', credits: 4 } } });
      expect(rows[0].user_id).toBe(voter.userId);
      const acts = await pool.query<{ action: string }>(`select action from admin_actions where target like $1 order by position`, [`dispute-%.${caseId}`]);
      expect(acts.rows.map((row) => row.action)).toEqual(['DisputeCaseOpened', 'DisputeCaseInvestigated', 'DisputeCaseResolved']);
    });
    // The effect is voting's own event, with the organizer who resolved it as the actor.
    const grantActor = await eventually(async () => {
      const { rows } = await pool.query<{ user_id: string }>('select user_id from audit_logs where log_id = $1', [grants[0].id]);
      expect(rows).toHaveLength(1);
      return rows[0].user_id;
    });
    expect(grantActor).toBe(resolved.body.closedBy);
  }, 180_000);

  it('staff open a case about a voter’s vote and void it: the vote leaves the tally and its paid credits return', async () => {
    const voter = await votedVoter(5, 3);
    // A voter cannot name another voter; staff must name whose vote it is.
    const other = await k.voter();
    expect((await open(other.token, { kind: 'vote', voteId: voter.voteId, userId: voter.userId, reason: 'other' })).status).toBe(403);
    expect((await open(other.token, { kind: 'vote', voteId: voter.voteId, reason: 'other' })).status).toBe(404);
    expect((await open(k.organizer, { kind: 'vote', voteId: voter.voteId, reason: 'suspected_fraud' })).status).toBe(404);
    for (const bad of [{ kind: 'ballot', voteId: voter.voteId, reason: 'other' }, { kind: 'vote', voteId: 'nope', reason: 'other' }, { kind: 'vote', voteId: voter.voteId, reason: 'because' }]) {
      expect((await open(k.organizer, { ...bad, userId: voter.userId })).status).toBe(422);
    }
    const opened = await open(k.organizer, { kind: 'vote', voteId: voter.voteId, userId: voter.userId, reason: 'suspected_fraud' });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const voided = await k.call('post', `/api/disputes/${caseId}/resolve`, k.organizer, { resolution: 'upheld', effect: { type: 'void_vote' } });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ effect: { type: 'void_vote', voteId: voter.voteId }, outcome: { type: 'void_vote', applied: true } });
    expect(await balance(voter.userId)).toBe(5);
    const voidEvent = (await store.readStream<{ voteId: string; reason?: string; findingId?: string }>(voterStream(k.t.tenantId, voter.userId))).find((e) => e.type === 'VoteVoided');
    expect(voidEvent?.data).toMatchObject({ voteId: voter.voteId, reason: 'dispute', findingId: caseId });
    const vote = await readAt(`/api/votes/${voter.voteId}`, voter.token, voided.headers['tally-position']);
    expect(vote.body.status).toBe('voided');
    // The voter sees it among their own; the organizer filters the tenant's by voter.
    const mine = await readAt('/api/disputes?kind=vote', voter.token, voided.headers['tally-position']);
    expect((mine.body.items as CaseItem[]).map((item) => item.caseId)).toEqual([caseId]);
    expect((mine.body.items as CaseItem[])[0]).toMatchObject({ openedBy: 'staff', status: 'resolved' });
    const filtered = await k.call('get', `/api/disputes?userId=${voter.userId}`, k.organizer);
    expect((filtered.body.items as CaseItem[]).map((item) => item.caseId)).toEqual([caseId]);
  }, 180_000);

  it('a voter withdraws their own case; lists page with a cursor and refuse a bad one', async () => {
    const voter = await votedVoter(6, 1);
    const ids: string[] = [];
    for (const reason of ['other', 'wrong_contestant', 'duplicate']) ids.push((await open(voter.token, { kind: 'vote', voteId: voter.voteId, reason })).body.caseId as string);
    const withdrawn = await k.call('post', `/api/disputes/${ids[0]}/withdraw`, voter.token);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ caseId: ids[0], status: 'withdrawn' });
    const position = withdrawn.headers['tally-position'];
    const first = await readAt('/api/disputes?limit=2', voter.token, position);
    expect(first.status).toBe(200);
    expect((first.body.items as CaseItem[]).map((item) => item.caseId)).toEqual([ids[2], ids[1]]);
    const second = await k.call('get', `/api/disputes?limit=2&cursor=${first.body.nextCursor as string}`, voter.token);
    expect((second.body.items as CaseItem[]).map((item) => [item.caseId, item.status])).toEqual([[ids[0], 'withdrawn']]);
    expect(second.body.nextCursor).toBeNull();
    expect((await k.call('get', '/api/disputes?status=withdrawn', voter.token)).body.items).toHaveLength(1);
    expect((await k.call('get', '/api/disputes?cursor=not-a-case', voter.token)).status).toBe(422);
    expect((await k.call('get', '/api/disputes?status=lost', voter.token)).status).toBe(422);
    expect((await k.call('get', '/api/disputes/not-a-uuid', voter.token)).status).toBe(400);
  }, 180_000);

  it('a provider dispute opens a case by itself and the provider’s verdict resolves it, once however often the webhook comes', async () => {
    const voter = await k.voter();
    const checkout = await k.call('post', '/api/payments/checkout', voter.token, { eventId: event.eventId, votes: 5, currency: 'USD' });
    expect(checkout.status).toBe(201);
    const paymentId = checkout.body.paymentId as string;
    const intent = fake.stripeIntents.find((i) => (i.metadata as Record<string, string>).tally_payment_id === paymentId)!;
    const deliver = (type: string, object: Record<string, unknown>) => {
      const body = JSON.stringify({ id: `evt_${Math.random().toString(36).slice(2)}`, object: 'event', type, data: { object } });
      const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET, timestamp: Math.floor(k.clock.now().getTime() / 1000) });
      return k.t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body).expect(200);
    };
    await deliver('payment_intent.succeeded', { id: intent.id, object: 'payment_intent', amount: intent.amount, amount_received: intent.amount, currency: 'usd', status: 'succeeded', payment_method_types: ['card'], metadata: intent.metadata });
    const dispute = (status: string) =>
      deliver(status === 'needs_response' ? 'charge.dispute.created' : 'charge.dispute.closed', { id: `dp_${paymentId}`, object: 'dispute', payment_intent: intent.id, amount: intent.amount, currency: 'usd', reason: 'fraudulent', status, metadata: intent.metadata });
    await dispute('needs_response');
    await dispute('needs_response');

    const found = await eventually(async () => {
      const res = await k.call('get', `/api/disputes?paymentId=${paymentId}`, k.organizer);
      expect(res.body.items).toHaveLength(1);
      return (res.body.items as CaseItem[])[0];
    }, 60_000);
    expect(found).toMatchObject({ kind: 'payment', userId: voter.userId, paymentId, status: 'open', openedBy: 'provider', providerDisputeId: `dp_${paymentId}`, reason: 'provider:fraudulent' });
    // The voter sees the case about their payment, and may also open one of their own about it.
    expect((await getCase(voter.token, found.caseId)).status).toBe(200);
    expect((await k.call('post', `/api/disputes/${found.caseId}/withdraw`, voter.token)).status).toBe(403);
    expect((await open(voter.token, { kind: 'payment', paymentId, reason: 'not_authorised' })).status).toBe(201);
    expect((await open((await k.voter()).token, { kind: 'payment', paymentId, reason: 'not_authorised' })).status).toBe(404);

    await dispute('lost');
    await eventually(async () => {
      const res = await getCase(k.organizer, found.caseId);
      expect(res.body).toMatchObject({ status: 'resolved', resolution: 'upheld', effect: { type: 'none' }, closedBy: null });
    }, 60_000);
  }, 180_000);

  it('rebuilds the disputes read model from zero into the same rows', async () => {
    const rows = async () => (await pool.query<Record<string, unknown>>('select * from disputes order by dispute_id')).rows;
    // Caught up: the projection's checkpoint is past the last dispute event.
    await eventually(async () => {
      const { rows: behind } = await pool.query<{ behind: boolean }>(
        `select (select max(global_position) from es_events where stream_id like 'dispute-%')
                > coalesce((select split_part(position, ':', 2)::bigint from es_checkpoints where consumer = 'disputes.cases' order by version desc limit 1), -1) as behind`,
      );
      expect(behind[0].behind).toBe(false);
    });
    const before = await rows();
    expect(before.length).toBeGreaterThanOrEqual(6);
    await k.t.app.get(ProjectionRebuildService).rebuild('disputes.cases', { fresh: true });
    expect(await rows()).toEqual(before);
  }, 180_000);
});
