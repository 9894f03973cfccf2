import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
import { TestDatabaseKind } from '@tally/platform';
import { voterStream } from '@tally/voting';
import type { Response } from 'supertest';
import { bindScreening, HoldByRuleScreening } from '../support/hold-by-rule.screening';
import { ADMIN, eventually, ORGANIZER_PASSWORD, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * The fraud case queue over HTTP (issue 13): held votes become cases; approving one makes it
 * count, rejecting one gives its credits back and it never counts — both exactly, on the
 * leaderboard and the ledger; a case is decided once, also under 50 parallel actions; bulk
 * actions; tenants never see each other's cases; voters are refused. On PostgreSQL with Redis
 * and on the embedded PGlite with in-process rankings.
 */
const setups: [string, Record<string, string>, TestDatabaseKind][] = [
  ['PostgreSQL and Redis', { REDIS_URL: 'redis://127.0.0.1:6379/0' }, 'postgres'],
  ['PGlite', {}, 'pglite'],
];

describe.each(setups)('fraud cases on %s', (_name, env, kind) => {
  let k: VotingE2e;
  const screening = new HoldByRuleScreening();
  let unbind: () => void;

  beforeAll(async () => {
    k = await startVotingE2e({ ...env, READ_POSITION_WAIT_MS: '10000', VOTING_REDIS_PREFIX: `t${randomUUID().slice(0, 8)}:` }, kind);
    unbind = bindScreening(k.t.app, screening);
  }, 90_000);

  afterAll(async () => {
    unbind?.();
    await k?.close();
  });

  const position = (res: Response): Record<string, string> => {
    const value = res.headers['tally-position'];
    if (typeof value !== 'string') throw new Error(`no Tally-Position on ${res.status} ${JSON.stringify(res.body)}`);
    return { 'Tally-Position': value };
  };
  const votesOf = async (eventId: string, after: Response): Promise<Record<string, number>> => {
    const board = await k.call('get', `/api/leaderboard/event/${eventId}`, k.organizer, undefined, position(after));
    expect(board.status).toBe(200);
    return Object.fromEntries((board.body.items as { contestantId: string; votes: number }[]).map((item) => [item.contestantId, item.votes]));
  };
  const balanceOf = async (token: string): Promise<number> => {
    const ledger = await k.call('get', '/api/votes/ledger', token);
    return (ledger.body.items as { remainingVotes: number }[])[0].remainingVotes;
  };
  const heldVote = async (voter: { userId: string; token: string }, contestantId: string, amount: number): Promise<Response> => {
    screening.hold(voter.userId);
    const res = await k.vote(voter.token, contestantId, amount);
    screening.allow(voter.userId);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    return res;
  };
  const action = (caseId: string, body: object, token = k.organizer, headers: Record<string, string> = {}) => k.call('post', `/api/fraud/cases/${caseId}/action`, token, body, headers);

  it('lists a held vote as an open case with its signal; approving it makes it count exactly, once', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const fan = await k.voter();
    const suspect = await k.voter();
    await k.grant(fan.userId, 10);
    await k.grant(suspect.userId, 10);
    const counted = await k.vote(fan.token, contestants[0], 3);
    expect(counted.body.status).toBe('accepted');
    const held = await heldVote(suspect, contestants[0], 4);
    expect(await votesOf(eventId, held)).toMatchObject({ [contestants[0]]: 3 });

    const queue = await k.call('get', `/api/fraud/cases?eventId=${eventId}&status=open`, k.organizer, undefined, position(held));
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ caseId: held.body.voteId, voteId: held.body.voteId, userId: suspect.userId, eventId, contestantId: contestants[0], amount: 4, status: 'open', source: 'screening', reason: 'deviceSharing', score: 70, signals: ['deviceSharing'] }),
    ]);
    expect((await k.call('get', `/api/fraud/cases?eventId=${eventId}&signal=ipVelocity`, k.organizer)).body.items).toEqual([]);

    const approved = await action(held.body.voteId, { action: 'approve', reason: 'known fan club' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ caseId: held.body.voteId, voteId: held.body.voteId, status: 'approved', creditsReturned: 0, decidedAt: expect.any(String) });
    expect(await votesOf(eventId, approved)).toMatchObject({ [contestants[0]]: 7 });
    expect(await balanceOf(suspect.token)).toBe(6);

    for (const again of ['approve', 'reject']) {
      const refused = await action(held.body.voteId, { action: again });
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ type: problemType('fraud-case-already-decided'), detail: expect.stringContaining('accepted') });
    }
    expect(await votesOf(eventId, approved)).toMatchObject({ [contestants[0]]: 7 });
    const decided = await k.call('get', `/api/fraud/cases?eventId=${eventId}`, k.organizer, undefined, position(approved));
    expect(decided.body.items[0]).toMatchObject({ status: 'approved', decisionReason: 'known fan club', decidedAt: approved.body.decidedAt });
  });

  it('rejecting a held vote leaves the leaderboard as it was and gives the credits and the cap back', async () => {
    const { eventId, contestants } = await k.openEvent({ voteCap: 5 });
    const suspect = await k.voter();
    await k.grant(suspect.userId, 10);
    const held = await heldVote(suspect, contestants[1], 5);
    expect(await balanceOf(suspect.token)).toBe(5);
    // The held vote fills the cap until it is decided.
    expect((await k.vote(suspect.token, contestants[1], 1)).status).toBe(422);

    // Sent with the vote's position, the action waits for the case to reach the queue.
    const rejected = await action(held.body.voteId, { action: 'reject', reason: 'SIM farm' }, k.organizer, position(held));
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', creditsReturned: 5 });
    expect(await votesOf(eventId, rejected)).toMatchObject({ [contestants[1]]: 0 });
    expect(await balanceOf(suspect.token)).toBe(10);
    const ledger = await k.call('get', '/api/votes/ledger', suspect.token, undefined, position(rejected));
    expect(ledger.body.items[0]).toMatchObject({ kind: 'reject', voteId: held.body.voteId, creditsDelta: 5, remainingVotes: 10 });
    const vote = await k.call('get', `/api/votes/${held.body.voteId}`, suspect.token, undefined, position(rejected));
    expect(vote.body.status).toBe('rejected');
    // Cap and credits are back: the voter can vote again, and that vote counts.
    const again = await k.vote(suspect.token, contestants[1], 5);
    expect(again.body.status).toBe('accepted');
    expect(await votesOf(eventId, again)).toMatchObject({ [contestants[1]]: 5 });
    expect((await action(held.body.voteId, { action: 'reject' })).status).toBe(409);
  });

  it('decides a case once under 50 parallel approve and reject requests', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const suspect = await k.voter();
    await k.grant(suspect.userId, 10);
    const held = await heldVote(suspect, contestants[2], 2);
    await eventually(async () => expect((await k.call('get', `/api/fraud/cases?eventId=${eventId}`, k.organizer)).body.items).toHaveLength(1));

    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => action(held.body.voteId, { action: i % 2 === 0 ? 'approve' : 'reject' })));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = answers.find((res) => res.status === 200)!;
    const stream = await k.t.app.get<EventStore>(EVENT_STORE).readStream(voterStream(k.t.tenantId, suspect.userId));
    expect(stream.filter((e) => e.type === 'HeldVoteReleased' || e.type === 'HeldVoteRejected')).toHaveLength(1);
    const expected = winner.body.status === 'approved' ? 2 : 0;
    expect(await votesOf(eventId, winner)).toMatchObject({ [contestants[2]]: expected });
    expect(await balanceOf(suspect.token)).toBe(winner.body.status === 'approved' ? 8 : 10);
  });

  it('bulk action decides many cases with a result per case, refusing the decided and the unknown', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const suspects = await Promise.all([k.voter(), k.voter(), k.voter()]);
    const held: Response[] = [];
    for (const suspect of suspects) {
      await k.grant(suspect.userId, 3);
      held.push(await heldVote(suspect, contestants[0], 3));
    }
    const last = held[held.length - 1];
    await k.call('get', `/api/fraud/cases?eventId=${eventId}`, k.organizer, undefined, position(last));
    expect((await action(held[0].body.voteId, { action: 'approve' })).status).toBe(200);
    const unknown = randomUUID();
    const caseIds = [...held.map((res) => res.body.voteId as string), unknown];

    const bulk = await k.call('post', '/api/admin/fraud/bulk-action', k.organizer, { action: 'reject', caseIds, reason: 'one SIM farm' });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual({
      action: 'reject',
      decided: 2,
      refused: 2,
      results: [
        { caseId: caseIds[0], outcome: 'refused', problem: expect.objectContaining({ type: problemType('fraud-case-already-decided'), status: 409 }) },
        { caseId: caseIds[1], outcome: 'rejected', creditsReturned: 3 },
        { caseId: caseIds[2], outcome: 'rejected', creditsReturned: 3 },
        { caseId: unknown, outcome: 'refused', problem: expect.objectContaining({ type: problemType('fraud-case-not-found'), status: 404 }) },
      ],
    });
    expect(await votesOf(eventId, bulk)).toMatchObject({ [contestants[0]]: 3 });
    for (const suspect of suspects.slice(1)) expect(await balanceOf(suspect.token)).toBe(3);

    const bad = await k.call('post', '/api/admin/fraud/bulk-action', k.organizer, { action: 'reject', caseIds: [] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('caseIds');
    const tooMany = await k.call('post', '/api/admin/fraud/bulk-action', k.organizer, { action: 'reject', caseIds: Array.from({ length: 101 }, () => randomUUID()) });
    expect(tooMany.status).toBe(422);

    const report = await k.call('get', `/api/fraud/reports/event/${eventId}`, k.organizer, undefined, position(bulk));
    expect(report.status).toBe(200);
    expect(report.body.summary).toEqual({ approved: 1, rejected: 2 });
    expect(report.body.decisions).toHaveLength(3);
    expect(report.body.decisions[0].factors).toEqual([expect.objectContaining({ signal: 'deviceSharing', contribution: 70 })]);

    const analytics = await k.call('get', `/api/fraud/analytics?eventId=${eventId}&bucket=hour&from=2026-03-01T00:00:00.000Z&to=2026-03-02T00:00:00.000Z`, k.organizer, undefined, position(bulk));
    expect(analytics.status).toBe(200);
    expect(analytics.body.totals).toMatchObject({ votes: 3, heldAtCast: 3, cases: 3, approved: 1, rejected: 2, holdRate: 1, rejectRate: 0.6667 });
    expect(analytics.body.topSignals).toEqual([{ signal: 'deviceSharing', cases: 3 }]);
    expect(analytics.body.trend).toEqual([expect.objectContaining({ bucketStart: '2026-03-01T12:00:00.000Z', votes: 3, cases: 3 })]);
  });

  it('pages the queue with a cursor and refuses a cursor it did not hand out', async () => {
    const { eventId, contestants } = await k.openEvent({});
    const suspect = await k.voter();
    await k.grant(suspect.userId, 10);
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      k.clock.advance(1000);
      last = await heldVote(suspect, contestants[0], 1);
    }
    const first = await k.call('get', `/api/fraud/cases?eventId=${eventId}&limit=2`, k.organizer, undefined, position(last!));
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].caseId).toBe(last!.body.voteId);
    const second = await k.call('get', `/api/fraud/cases?eventId=${eventId}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, k.organizer);
    expect(second.body).toEqual({ items: [expect.objectContaining({ eventId })], nextCursor: null });
    const bad = await k.call('get', `/api/fraud/cases?cursor=nope`, k.organizer);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it("refuses voters (403) and anonymous callers (401), and hides one tenant's cases from another (404)", async () => {
    const { eventId, contestants } = await k.openEvent({});
    const suspect = await k.voter();
    await k.grant(suspect.userId, 2);
    const held = await heldVote(suspect, contestants[0], 1);
    // The case is in its tenant's queue, so the other tenant's 404 below is isolation, not lag.
    expect((await k.call('get', `/api/fraud/cases?eventId=${eventId}`, k.organizer, undefined, position(held))).body.items).toHaveLength(1);
    expect((await action(held.body.voteId, { action: 'approve' }, suspect.token)).status).toBe(403);
    expect((await k.call('get', '/api/fraud/cases', suspect.token)).status).toBe(403);
    expect((await k.call('post', '/api/admin/fraud/bulk-action', suspect.token, { action: 'approve', caseIds: [held.body.voteId] })).status).toBe(403);
    expect((await k.call('get', '/api/fraud/analytics', suspect.token)).status).toBe(403);
    expect((await k.call('get', '/api/fraud/cases')).status).toBe(401);

    const admin = (await k.call('post', '/api/auth/login', undefined, { email: ADMIN.email, password: ADMIN.password })).body.accessToken as string;
    const slug = `t${randomUUID().slice(0, 8)}`;
    expect((await k.call('post', '/api/tenants', admin, { name: 'Other Show', slug })).status).toBe(201);
    const other = (method: 'get' | 'post' | 'put', path: string, token?: string, body?: object) => {
      let req = k.t.http()[method](path).set('X-Tenant-Id', slug);
      if (token) req = req.set('Authorization', `Bearer ${token}`);
      return body ? req.send(body) : req;
    };
    const email = `org-${randomUUID().slice(0, 8)}@other.test`;
    const signup = await other('post', '/api/auth/signup', undefined, { email, password: ORGANIZER_PASSWORD });
    // Status and body together, so a refusal says why (a CI run once saw the next call's 404 only).
    expect({ status: signup.status, body: signup.body as object }).toMatchObject({ status: 201, body: { userId: expect.any(String) } });
    const userId = (signup.body as { userId: string }).userId;
    const roles = await other('put', `/api/users/${userId}/roles`, admin, { roles: ['organizer'] });
    expect({ status: roles.status, body: roles.body as object }).toMatchObject({ status: 200 });
    const organizer = (await other('post', '/api/auth/login', undefined, { email, password: ORGANIZER_PASSWORD })).body.accessToken as string;

    const foreign = await other('post', `/api/fraud/cases/${held.body.voteId}/action`, organizer, { action: 'approve' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.type).toBe(problemType('fraud-case-not-found'));
    expect((await other('get', '/api/fraud/cases', organizer)).body.items).toEqual([]);
    expect((await other('get', `/api/fraud/reports/event/${eventId}`, organizer)).status).toBe(404);
    const bulk = await other('post', '/api/admin/fraud/bulk-action', organizer, { action: 'approve', caseIds: [held.body.voteId] });
    expect(bulk.body.results[0]).toMatchObject({ outcome: 'refused', problem: { status: 404 } });
    // Still open in its own tenant.
    expect((await action(held.body.voteId, { action: 'approve' })).status).toBe(200);
  });
});
