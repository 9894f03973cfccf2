import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { stateFingerprint } from '../support/state-fingerprint';
import { ADMIN, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * Each finding of issue 11's probe ("bad input"), through HTTP: a clear problem naming what is
 * wrong, never a 500, and nothing changed.
 */
describe('bad input is refused, named, and changes nothing', () => {
  let k: VotingE2e;
  let eventId: string;
  let voter: { userId: string; token: string };

  beforeAll(async () => {
    k = await startVotingE2e();
    ({ eventId } = await k.openEvent({ status: 'draft', contestants: ['Ada'] }));
    voter = await k.voter();
  });

  afterAll(async () => {
    await k?.close();
  });

  /** Sends a request that must be refused and checks that the store did not move. */
  async function refused(send: () => PromiseLike<Response>, status: number, field?: string): Promise<Response> {
    const before = await stateFingerprint(k.t.app);
    const res = await send();
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (field) expect((res.body as { errors?: { field: string }[] }).errors?.map((error) => error.field)).toContain(field);
    expect(await stateFingerprint(k.t.app)).toBe(before);
    return res;
  }

  it('refuses a cursor it did not hand out (was a 500)', async () => {
    await refused(() => k.call('get', `/api/votes/user/${voter.userId}?cursor=not-a-cursor`, voter.token), 422, 'cursor');
    await refused(() => k.call('get', `/api/votes/ledger?cursor=${encodeURIComponent(`2026-02-31T00:00:00.000Z|${randomUUID()}`)}`, voter.token), 422, 'cursor');
  });

  it('refuses NUL characters and unpaired surrogates in text fields (was a 500)', async () => {
    await refused(() => k.call('post', `/api/events/${eventId}/categories`, k.organizer, { name: 'Best\u0000Act', weight: 1 }), 422, 'name');
    await refused(() => k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Po\u0000ison' }), 422, 'name');
    await refused(() => k.call('post', '/api/admin/credits/grant', k.organizer, { userId: voter.userId, credits: 1, reason: 'promo\u0000' }), 422, 'reason');
    await refused(() => k.call('post', '/api/events', k.organizer, { name: 'Gala \ud800', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 5 }), 422, 'name');
    await refused(() => k.call('patch', `/api/events/${eventId}`, k.organizer, { settings: { refundableUntil: 'close\u0007' } }), 422, 'settings.refundableUntil');
  });

  it('refuses %00 in path and query parameters (was a 500)', async () => {
    await refused(() => k.call('get', '/api/votes/user/a%00b', k.organizer), 400, 'userId');
    await refused(() => k.call('get', '/api/payments/price-list?eventId=%00', k.organizer), 422, 'eventId');
    await refused(() => k.t.http().post('/api/payments/webhook/stripe/a%00b').set('Content-Type', 'application/json').send('{}'), 400, 'tenant');
  });

  it('refuses bodies that are not JSON objects (null was accepted)', async () => {
    const json = (path: string, method: 'patch' | 'put', raw: string) =>
      k.t.http()[method](path).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${k.organizer}`).set('Content-Type', 'application/json').send(raw);
    for (const raw of ['null', '[]', '"name"', '42']) {
      await refused(() => json(`/api/events/${eventId}`, 'patch', raw), 400, 'body');
      await refused(() => json('/api/payments/settings', 'put', raw), 400, 'body');
      // The vote's hand-written parser (the hot path) follows the same rule.
      await refused(() => k.t.http().post('/api/votes').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${voter.token}`).set('Idempotency-Key', randomUUID()).set('Content-Type', 'application/json').send(raw), 400, 'body');
    }
  });

  it('refuses numbers no column can hold (a weight of 1e308 was accepted)', async () => {
    await refused(() => k.call('post', `/api/events/${eventId}/categories`, k.organizer, { name: 'Heavy', weight: 1e308 }), 422, 'weight');
    await refused(() => k.call('post', '/api/events', k.organizer, { name: 'Huge', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 1e308 }), 422, 'voteCap');
    await refused(() => k.call('patch', `/api/events/${eventId}`, k.organizer, { settings: { maxVotesPerRequest: 2 ** 53 + 1 } }), 422, 'settings.maxVotesPerRequest');
    await refused(() => k.vote(voter.token, randomUUID(), 1e308), 422, 'amount');
  });

  it('refuses null where null means nothing (a null slug poisoned the projection)', async () => {
    await refused(() => k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Poison', slug: null }), 422, 'slug');
    await refused(() => k.call('patch', `/api/events/${eventId}`, k.organizer, { name: null }), 422, 'name');
    // Where null is meaningful (drop a stored key) it still works.
    const dropped = await k.t.http().put('/api/payments/settings').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${k.organizer}`).send({ defaultProvider: null });
    expect(dropped.status).toBe(200);
  });

  it('refuses an empty phone at sign-up (was accepted)', async () => {
    await refused(() => k.call('post', '/api/auth/signup', undefined, { email: `empty-phone-${randomUUID().slice(0, 6)}@voting.test`, password: 'Voter-Horse-9', phone: '' }), 422, 'phone');
  });

  it('answers 404 for ids that name nothing (lists were 200, a grant was 201)', async () => {
    const nobody = randomUUID();
    const grant = await refused(() => k.call('post', '/api/admin/credits/grant', k.organizer, { userId: nobody, credits: 5, reason: 'promo' }), 404);
    expect(grant.body.type).toBe(problemType('user-not-found'));
    expect((await refused(() => k.call('get', `/api/votes/user/${nobody}`, k.organizer), 404)).body.type).toBe(problemType('user-not-found'));
    expect((await refused(() => k.call('get', `/api/leaderboard/event/${randomUUID()}/snapshots`), 404)).body.type).toBe(problemType('event-not-found'));
    expect((await refused(() => k.call('get', `/api/payments/history?userId=${nobody}`, k.organizer), 404)).body.type).toBe(problemType('user-not-found'));
    // The same calls for what exists still answer.
    expect((await k.call('get', `/api/votes/user/${voter.userId}`, voter.token)).status).toBe(200);
    expect((await k.call('get', `/api/leaderboard/event/${eventId}/snapshots`)).status).toBe(200);
    expect((await k.call('get', `/api/payments/history?userId=${voter.userId}`, k.organizer)).status).toBe(200);
  });

  it('refuses a tenant whose slug is taken without reserving its host name (the fuzzer found an orphaned reservation)', async () => {
    const admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body as { accessToken: string };
    const create = (slug: string, domain: string) => k.call('post', '/api/tenants', admin.accessToken, { name: 'Gala Awards', slug, domain });
    expect((await create('gala-one', 'one.gala.example')).status).toBe(201);
    await refused(() => create('gala-one', 'two.gala.example'), 409);
    expect((await create('gala-two', 'two.gala.example')).status).toBe(201);
    await refused(() => create('gala-three', 'three\u200B.gala.example'), 422, 'domain');
  });

  it("answers Fastify's own errors as problems without echoing the URL", async () => {
    const long = 'x'.repeat(5_000);
    const tooLong = await refused(() => k.call('get', `/api/votes/user/${long}`, k.organizer), 414);
    expect(JSON.stringify(tooLong.body).length).toBeLessThan(1_000);
    const badEncoding = await refused(() => k.call('get', '/api/events/%E0%A4%A', k.organizer), 400);
    expect(badEncoding.body.type).toMatch(/^https:\/\/tally\.dev\/problems\//);
    await refused(() => k.t.http().post('/api/auth/login').set('X-Tenant-Id', 'demo').set('Content-Type', 'text/csv').send('a,b'), 415);
    await refused(() => k.t.http().post('/api/auth/login').set('X-Tenant-Id', 'demo').set('Content-Type', 'application/json').send(`{"email":"${'a'.repeat(1_100_000)}"}`), 413);
    const unknownRoute = await refused(() => k.call('get', `/api/${'nothing'.repeat(700)}`), 404);
    expect(JSON.stringify(unknownRoute.body).length).toBeLessThan(1_000);
    const unknownTenant = await refused(() => k.t.http().get('/api/leaderboard').set('X-Tenant-Id', 't'.repeat(8_000)), 404);
    expect(JSON.stringify(unknownTenant.body).length).toBeLessThan(1_000);
  });
});
