import { randomUUID } from 'node:crypto';
import { ProjectionRebuildService } from '@tally/eventstore';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { ADMIN, eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

interface QueueItem {
  itemId: string;
  kind: string;
  subjectId: string;
  status: string;
  content: Record<string, unknown>;
  reason: string | null;
}

interface PublicContestant {
  contestantId: string;
  name: string;
  slug: string;
  bio?: string | null;
  mediaUrls?: string[];
}

/**
 * Contestant names under moderation and the moderator role: what the public sees (GET
 * /api/events/{id}, the leaderboard and its snapshots) while a name or content waits, after an
 * approval and after a rejection, under post-moderation (the default: API.md's contract, the name
 * public at once) and under the tenant's pre-moderation setting; who may list and review; the audit
 * trail of every act.
 */
describe('contestant name moderation and the moderator role', () => {
  let k: VotingE2e;
  let pool: Pool;
  let admin: string;
  let moderator: string;
  let moderatorId: string;
  let voter: { userId: string; token: string };
  let other: { tenantId: string; eventId: string; contestantId: string };

  const OTHER_SLUG = 'names-other';
  const otherCall = (method: 'get' | 'post' | 'put', path: string, token: string | undefined, body?: object) => {
    let req = k.t.http()[method](path).set('X-Tenant-Id', OTHER_SLUG);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    return body ? req.send(body) : req;
  };
  const queue = (token: string, query = '') => k.call('get', `/api/moderation/queue${query}`, token);
  const review = (eventId: string, contestantId: string, submissionId: string, token: string, body: object) =>
    k.call('post', `/api/events/${eventId}/contestants/${contestantId}/content/${submissionId}/review`, token, body);
  const publicContestants = async (eventId: string): Promise<PublicContestant[]> => {
    const res = await k.call('get', `/api/events/${eventId}`, voter.token);
    expect(res.status).toBe(200);
    return res.body.contestants as PublicContestant[];
  };
  const leaderboardNames = async (eventId: string): Promise<Record<string, string>> => {
    const res = await k.call('get', `/api/leaderboard/event/${eventId}`);
    expect(res.status).toBe(200);
    return Object.fromEntries((res.body.items as { contestantId: string; name: string }[]).map((item) => [item.contestantId, item.name]));
  };

  beforeAll(async () => {
    k = await startVotingE2e();
    pool = k.t.app.get<Pool>(PG_POOL);
    admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body.accessToken as string;
    // A moderator of the demo tenant, made by its organizer like any tenant role.
    const mod = await k.voter();
    expect((await k.t.http().put(`/api/users/${mod.userId}/roles`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${k.organizer}`).send({ roles: ['moderator'] })).status).toBe(200);
    moderator = await k.login(mod.email);
    moderatorId = mod.userId;
    voter = await k.voter();
    await k.grant(voter.userId, 20);
    // Another tenant with its own organizer and a contestant whose name waits there.
    const tenant = await k.call('post', '/api/tenants', admin, { name: 'Names Other', slug: OTHER_SLUG, domain: 'vote.names-other.example' });
    expect(tenant.status).toBe(201);
    const email = `org-${randomUUID().slice(0, 8)}@names.test`;
    const signup = await otherCall('post', '/api/auth/signup', undefined, { email, password: 'Organizer-Horse-9' });
    expect(signup.status).toBe(201);
    expect((await otherCall('put', `/api/users/${signup.body.userId}/roles`, admin, { roles: ['organizer'] })).status).toBe(200);
    const otherOrganizer = (await otherCall('post', '/api/auth/login', undefined, { email, password: 'Organizer-Horse-9' })).body.accessToken as string;
    const otherEvent = await otherCall('post', '/api/events', otherOrganizer, { name: 'Other show', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 5 });
    expect(otherEvent.status).toBe(201);
    const otherContestant = await otherCall('post', `/api/events/${otherEvent.body.eventId}/contestants`, otherOrganizer, { name: 'Elsewhere' });
    expect(otherContestant.status).toBe(201);
    other = { tenantId: tenant.body.tenantId as string, eventId: otherEvent.body.eventId as string, contestantId: otherContestant.body.contestantId as string };
  });

  afterAll(async () => {
    await k?.close();
  });

  it('post-moderation (the default): a name is public at once and queued; an approval keeps it, a rejection takes it down to "Contestant <n>"', async () => {
    const { eventId, contestants } = await k.openEvent({ contestants: ['Amara', 'Bola'] });
    const [amara, bola] = contestants;
    expect((await publicContestants(eventId)).map((c) => [c.contestantId, c.name, c.slug])).toEqual([
      [amara, 'Amara', 'amara'],
      [bola, 'Bola', 'bola'],
    ]);
    expect((await k.vote(voter.token, amara, 2)).status).toBe(201);
    await eventually(async () => expect(await leaderboardNames(eventId)).toEqual({ [amara]: 'Amara', [bola]: 'Bola' }));

    const items = await eventually(async () => {
      const page = await queue(moderator, `?kind=contestant_name&status=pending&subjectId=${amara}`);
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      return page.body.items as QueueItem[];
    });
    expect(items[0]).toMatchObject({ itemId: amara, kind: 'contestant_name', subjectId: amara, status: 'pending', content: { contestId: eventId, name: 'Amara', moderation: 'post' } });

    expect((await review(eventId, amara, amara, moderator, { decision: 'approve' })).body).toEqual({ submissionId: amara, status: 'approved' });
    expect((await review(eventId, amara, amara, moderator, { decision: 'approve' })).status).toBe(404);
    expect((await review(eventId, bola, bola, moderator, { decision: 'reject', reason: 'Use the full stage name' })).body).toEqual({ submissionId: bola, status: 'rejected' });
    await eventually(async () => {
      expect((await publicContestants(eventId)).map((c) => c.name)).toEqual(['Amara', 'Contestant 2']);
      expect(await leaderboardNames(eventId)).toEqual({ [amara]: 'Amara', [bola]: 'Contestant 2' });
    });
    // Taken down everywhere public, whoever asks (the slug is an identifier and stays).
    expect(JSON.stringify((await k.call('get', `/api/events/${eventId}`, k.organizer)).body)).not.toContain('Bola');
    expect(JSON.stringify((await k.call('get', `/api/leaderboard/event/${eventId}`)).body)).not.toContain('Bola');
    await eventually(async () => {
      const decided = (await queue(k.organizer, `?kind=contestant_name&subjectId=${bola}`)).body.items as QueueItem[];
      expect(decided).toMatchObject([{ itemId: bola, status: 'rejected', reason: 'Use the full stage name' }]);
    });

    // The snapshot frozen at the close shows the approved name, the rejected one its number.
    expect((await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'closed' })).status).toBe(200);
    await eventually(async () => {
      const listed = (await k.call('get', `/api/leaderboard/event/${eventId}/snapshots`)).body.items as { items: { contestantId: string; name: string }[] }[];
      expect(listed).toHaveLength(1);
      expect(listed[0].items.map((item) => [item.contestantId, item.name])).toEqual([
        [amara, 'Amara'],
        [bola, 'Contestant 2'],
      ]);
    });
  });

  it('post-moderation of renames: public at once, a rejected one taken down to the last good name, an approved one kept', async () => {
    const { eventId, contestants: [id] } = await k.openEvent({ contestants: ['Chidi'] });
    expect((await review(eventId, id, id, moderator, { decision: 'approve' })).status).toBe(200);
    const rename = (name: string, token = k.organizer) => k.call('post', `/api/events/${eventId}/contestants/${id}/name`, token, { name });

    const first = await rename('Ch1di!!');
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ submissionId: expect.any(String), status: 'pending' });
    await eventually(async () => {
      expect((await publicContestants(eventId))[0].name).toBe('Ch1di!!');
      expect(await leaderboardNames(eventId)).toEqual({ [id]: 'Ch1di!!' });
    });
    expect((await review(eventId, id, first.body.submissionId as string, moderator, { decision: 'reject', reason: 'Spelling' })).body.status).toBe('rejected');
    await eventually(async () => {
      expect((await publicContestants(eventId))[0].name).toBe('Chidi');
      expect(await leaderboardNames(eventId)).toEqual({ [id]: 'Chidi' });
    });
    expect(JSON.stringify((await k.call('get', `/api/events/${eventId}`, voter.token)).body).toLowerCase()).not.toContain('ch1di');

    const second = await rename('Chidi Okeke');
    await eventually(async () => expect((await publicContestants(eventId))[0].name).toBe('Chidi Okeke'));
    expect((await review(eventId, id, second.body.submissionId as string, moderator, { decision: 'approve' })).body.status).toBe('approved');
    await eventually(async () => expect(await leaderboardNames(eventId)).toEqual({ [id]: 'Chidi Okeke' }));
    expect((await publicContestants(eventId))[0].name).toBe('Chidi Okeke');

    // A platform admin's own rename needs no second look.
    expect((await rename('Chidi O.', admin)).body).toMatchObject({ status: 'approved' });
    await eventually(async () => expect((await publicContestants(eventId))[0].name).toBe('Chidi O.'));

    // Every act is in audit_logs (the approvals with before/after) and admin_actions.
    await eventually(async () => {
      const { rows } = await pool.query(`select action, changes from audit_logs where resource = $1 order by position`, [`contestant_content-${k.t.tenantId}.${id}`]);
      expect(rows.map((row: { action: string }) => row.action)).toEqual([
        'ContestantNameApproved',
        'ContestantNameSubmitted',
        'ContestantNameRejected',
        'ContestantNameSubmitted',
        'ContestantNameApproved',
        'ContestantNameSubmitted',
        'ContestantNameApproved',
      ]);
      expect(rows.filter((row: { action: string }) => row.action === 'ContestantNameApproved').map((row: { changes: unknown }) => row.changes)).toEqual([
        { before: null, after: { name: 'Chidi' } },
        { before: { name: 'Chidi' }, after: { name: 'Chidi Okeke' } },
        { before: { name: 'Chidi Okeke' }, after: { name: 'Chidi O.' } },
      ]);
      const acts = await pool.query(`select action, admin_id from admin_actions where target = $1 order by action`, [`contestant_content-${k.t.tenantId}.${id}`]);
      expect(acts.rows).toHaveLength(7);
    }, 30_000);
  });

  it('pre-moderation (contestantNameModeration "pre"): "Contestant <n>" everywhere public until approved; a pending or rejected rename keeps the approved name', async () => {
    const setMode = async (mode: 'pre' | null) =>
      expect((await k.call('post', `/api/tenants/${k.t.tenantId}/config`, k.organizer, { settings: { contestantNameModeration: mode } })).status).toBeLessThan(300);
    expect((await k.call('post', `/api/tenants/${k.t.tenantId}/config`, k.organizer, { settings: { contestantNameModeration: 'later' } })).status).toBe(422);
    await setMode('pre');
    try {
      const { eventId, contestants } = await k.openEvent({ contestants: ['Gozie', 'Hadiza'] });
      const [gozie, hadiza] = contestants;
      expect((await publicContestants(eventId)).map((c) => [c.contestantId, c.name, c.slug])).toEqual([
        [gozie, 'Contestant 1', 'contestant-1'],
        [hadiza, 'Contestant 2', 'contestant-2'],
      ]);
      expect((await k.vote(voter.token, gozie, 2)).status).toBe(201);
      await eventually(async () => expect(await leaderboardNames(eventId)).toEqual({ [gozie]: 'Contestant 1', [hadiza]: 'Contestant 2' }));
      // Nothing public carries the pending names, whoever asks: not the name, not a slug made from it.
      expect(JSON.stringify((await k.call('get', `/api/events/${eventId}`, k.organizer)).body).toLowerCase()).not.toMatch(/gozie|hadiza/);
      expect(JSON.stringify((await k.call('get', `/api/leaderboard/event/${eventId}`)).body).toLowerCase()).not.toMatch(/gozie|hadiza/);
      await eventually(async () => {
        const page = await queue(moderator, `?kind=contestant_name&status=pending&subjectId=${gozie}`);
        expect(page.body.items).toMatchObject([{ itemId: gozie, content: { contestId: eventId, name: 'Gozie', moderation: 'pre' } }]);
      });

      expect((await review(eventId, gozie, gozie, moderator, { decision: 'approve' })).body).toEqual({ submissionId: gozie, status: 'approved' });
      expect((await review(eventId, hadiza, hadiza, moderator, { decision: 'reject', reason: 'Use the full stage name' })).body).toEqual({ submissionId: hadiza, status: 'rejected' });
      await eventually(async () => {
        expect((await publicContestants(eventId)).map((c) => c.name)).toEqual(['Gozie', 'Contestant 2']);
        expect(await leaderboardNames(eventId)).toEqual({ [gozie]: 'Gozie', [hadiza]: 'Contestant 2' });
      });

      // A rename waits: the approved name stays while it is pending and after it is rejected.
      const rename = (name: string) => k.call('post', `/api/events/${eventId}/contestants/${gozie}/name`, k.organizer, { name });
      const pending = await rename('G0zie!!');
      expect(pending.body).toEqual({ submissionId: expect.any(String), status: 'pending' });
      await eventually(async () => {
        const page = await queue(moderator, `?kind=contestant_name&status=pending&subjectId=${gozie}`);
        expect(page.body.items).toMatchObject([{ itemId: pending.body.submissionId, content: { name: 'G0zie!!', moderation: 'pre' } }]);
      });
      expect((await publicContestants(eventId))[0].name).toBe('Gozie');
      expect(JSON.stringify((await k.call('get', `/api/events/${eventId}`, voter.token)).body).toLowerCase()).not.toContain('g0zie');
      expect((await review(eventId, gozie, pending.body.submissionId as string, moderator, { decision: 'reject', reason: 'Spelling' })).body.status).toBe('rejected');
      const approved = await rename('Gozie Obi');
      expect((await publicContestants(eventId))[0].name).toBe('Gozie');
      expect((await review(eventId, gozie, approved.body.submissionId as string, moderator, { decision: 'approve' })).body.status).toBe('approved');
      await eventually(async () => {
        expect((await publicContestants(eventId))[0].name).toBe('Gozie Obi');
        expect(await leaderboardNames(eventId)).toEqual({ [gozie]: 'Gozie Obi', [hadiza]: 'Contestant 2' });
      });
    } finally {
      await setMode(null);
    }
    // Back to the default: the next name is public at once.
    const { eventId } = await k.openEvent({ contestants: ['Ify'] });
    expect((await publicContestants(eventId)).map((c) => [c.name, c.slug])).toEqual([['Ify', 'ify']]);
  });

  it('shows a bio and media URLs only once approved, as optional fields of the contestant', async () => {
    const { eventId, contestants: [id] } = await k.openEvent({ contestants: ['Dayo'] });
    const submitted = await k.call('post', `/api/events/${eventId}/contestants/${id}/content`, k.organizer, { bio: 'Tenor from Ibadan.', mediaUrls: ['https://cdn.example/dayo.jpg'] });
    expect(submitted.status).toBe(202);
    const [before] = await publicContestants(eventId);
    expect(before).not.toHaveProperty('bio');
    expect(before).not.toHaveProperty('mediaUrls');
    expect((await review(eventId, id, submitted.body.submissionId as string, moderator, { decision: 'approve' })).body.status).toBe('approved');
    await eventually(async () => expect((await publicContestants(eventId))[0]).toMatchObject({ contestantId: id, name: 'Dayo', bio: 'Tenor from Ibadan.', mediaUrls: ['https://cdn.example/dayo.jpg'] }));
    const rejected = await k.call('post', `/api/events/${eventId}/contestants/${id}/content`, k.organizer, { bio: 'Something else entirely' });
    expect((await review(eventId, id, rejected.body.submissionId as string, moderator, { decision: 'reject', reason: 'Off topic' })).body.status).toBe('rejected');
    await eventually(async () => expect((await queue(moderator, `?subjectId=${id}&kind=contestant_content&status=rejected`)).body.items).toHaveLength(1));
    expect((await publicContestants(eventId))[0].bio).toBe('Tenor from Ibadan.');
  });

  it('makes a platform admin\'s additions public at once and refuses banned names before the queue', async () => {
    const created = await k.call('post', '/api/events', admin, { name: 'Admin show', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 5 });
    const eventId = created.body.eventId as string;
    const added = await k.call('post', `/api/events/${eventId}/contestants`, admin, { name: 'Efe' });
    expect(added.status).toBe(201);
    expect((await publicContestants(eventId)).map((c) => c.name)).toEqual(['Efe']);
    expect((await review(eventId, added.body.contestantId as string, added.body.contestantId as string, moderator, { decision: 'approve' })).status).toBe(404);

    expect((await k.call('post', `/api/tenants/${k.t.tenantId}/config`, k.organizer, { settings: { bannedTerms: 'casino' } })).status).toBeLessThan(300);
    const banned = await k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Lucky CASINO Queen' });
    expect(banned.status).toBe(422);
    expect(banned.body).toMatchObject({ type: problemType('contestant-content-refused') });
    expect(JSON.stringify(banned.body)).toContain('casino');
    const bannedSlug = await k.call('post', `/api/events/${eventId}/contestants`, k.organizer, { name: 'Fine', slug: 'casino-queen' });
    expect(bannedSlug.status).toBe(422);
    const bannedRename = await k.call('post', `/api/events/${eventId}/contestants/${added.body.contestantId}/name`, k.organizer, { name: 'Casino Efe' });
    expect(bannedRename.status).toBe(422);
    expect((await k.call('post', `/api/events/${eventId}/contestants/${added.body.contestantId}/name`, k.organizer, { name: '' })).status).toBe(422);
    expect((await k.call('post', `/api/events/${eventId}/contestants/${randomUUID()}/name`, k.organizer, { name: 'Nobody' })).status).toBe(404);
    expect((await publicContestants(eventId)).map((c) => c.name)).toEqual(['Efe']);
    const { rows } = await pool.query(`select count(*)::int as n from moderation_queue where content::text ilike '%casino%'`);
    expect(rows[0].n).toBe(0);
    expect((await k.call('post', `/api/tenants/${k.t.tenantId}/config`, k.organizer, { settings: { bannedTerms: '' } })).status).toBeLessThan(300);
  });

  it('lets a moderator list and review its own tenant only, and nothing else admin-ish; voters 403', async () => {
    const { eventId, contestants: [id] } = await k.openEvent({ contestants: ['Femi'], status: 'draft' });
    // Voters: 403 on the queue, reviews and renames.
    expect((await queue(voter.token)).status).toBe(403);
    expect((await review(eventId, id, id, voter.token, { decision: 'approve' })).status).toBe(403);
    expect((await k.call('post', `/api/events/${eventId}/contestants/${id}/name`, voter.token, { name: 'X' })).status).toBe(403);
    // Organizers follow the queue but do not review their own submissions.
    expect((await queue(k.organizer)).status).toBe(200);
    expect((await review(eventId, id, id, k.organizer, { decision: 'approve' })).status).toBe(403);
    // Another tenant: 404 to the moderator, by filter and by ids; that tenant's token is no key here (401).
    expect((await queue(moderator, `?tenantId=${other.tenantId}`)).status).toBe(404);
    expect((await review(other.eventId, other.contestantId, other.contestantId, moderator, { decision: 'approve' })).status).toBe(404);
    // An organizer cannot rename or describe another tenant's contestant either.
    expect((await k.call('post', `/api/events/${other.eventId}/contestants/${other.contestantId}/name`, k.organizer, { name: 'Taken over' })).status).toBe(404);
    expect((await k.call('post', `/api/events/${other.eventId}/contestants/${other.contestantId}/content`, k.organizer, { bio: 'Taken over' })).status).toBe(404);
    expect((await otherCall('post', `/api/events/${other.eventId}/contestants/${other.contestantId}/content/${other.contestantId}/review`, moderator, { decision: 'approve' })).status).toBe(401);
    const mine = (await queue(moderator, '?kind=contestant_name&limit=100')).body.items as QueueItem[];
    expect(mine.some((item) => item.itemId === other.contestantId)).toBe(false);
    // A platform admin reviews in any tenant.
    expect((await otherCall('get', `/api/moderation/queue?kind=contestant_name`, admin)).body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ itemId: other.contestantId, status: 'pending' })]),
    );
    // Nothing else: no contest, status, credits, roles, admin screens or branding review.
    const refusals = await Promise.all([
      k.call('post', '/api/events', moderator, { name: 'M', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 1 }),
      k.call('post', `/api/events/${eventId}/contestants`, moderator, { name: 'M' }),
      k.call('post', '/api/admin/events/status', moderator, { eventId, status: 'open' }),
      k.call('post', '/api/admin/credits/grant', moderator, { userId: voter.userId, credits: 1, reason: 'no' }),
      k.t.http().put(`/api/users/${voter.userId}/roles`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${moderator}`).send({ roles: ['organizer'] }),
      k.call('get', '/api/admin/dashboard', moderator),
      k.call('get', '/api/admin/votes', moderator),
      k.call('post', `/api/tenants/${k.t.tenantId}/branding/${randomUUID()}/review`, moderator, { decision: 'approve' }),
    ]);
    expect(refusals.map((res) => res.status)).toEqual(Array(refusals.length).fill(403));
    // The moderator's review is an admin act, recorded with the moderator as its actor.
    expect((await review(eventId, id, id, moderator, { decision: 'approve' })).status).toBe(200);
    await eventually(async () => {
      const { rows } = await pool.query(`select admin_id from admin_actions where action = 'ContestantNameApproved' and target = $1`, [`contestant_content-${k.t.tenantId}.${id}`]);
      expect(rows).toEqual([{ admin_id: moderatorId }]);
    });
  });

  it('rebuilds contestant_names from zero into the same rows: the names shown (both modes, takedowns) come from what the events recorded', async () => {
    const rows = async () => (await pool.query('select contestant_id, tenant_id, event_id, name, submission_id, approved_at from contestant_names order by contestant_id')).rows as { name: string }[];
    // What the tests above showed through the public reads: a takedown to the number, renames shown at once, pre-moderated approvals.
    const before = await rows();
    expect(before.map((row) => row.name)).toEqual(expect.arrayContaining(['Contestant 2', 'Chidi O.', 'Gozie Obi']));
    const rebuilt = await k.t.app.get(ProjectionRebuildService).rebuild('voting-contestant-names', { fresh: true });
    expect(rebuilt).toMatchObject({ processed: expect.any(Number), parked: 0, resumed: false });
    // Every name event of the tests above was read again (submissions, approvals, rejections).
    expect(rebuilt.processed).toBeGreaterThanOrEqual(15);
    expect(await rows()).toEqual(before);
  });
});
