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

describe('contestant content moderation (POST /api/events/{id}/contestants/{id}/content, review, GET /api/moderation/queue)', () => {
  let k: VotingE2e;
  let pool: Pool;
  let admin: string;
  let otherTenantId: string;
  let eventId: string;
  let contestantId: string;

  beforeAll(async () => {
    k = await startVotingE2e();
    pool = k.t.app.get<Pool>(PG_POOL);
    admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body.accessToken as string;
    const other = await k.call('post', '/api/tenants', admin, { name: 'Other Moderation', slug: 'moderation-other', domain: 'vote.moderation-other.example' });
    expect(other.status).toBe(201);
    otherTenantId = other.body.tenantId as string;
    ({ eventId, contestants: [contestantId] } = await k.openEvent({ contestants: ['Amara'] }));
  });

  afterAll(async () => {
    await k?.close();
  });

  const contentPath = () => `/api/events/${eventId}/contestants/${contestantId}/content`;
  const queue = (token: string, query = '') => k.call('get', `/api/moderation/queue${query}`, token);

  it('refuses bad content before the queue with problem+json naming the field, and queues nothing', async () => {
    expect((await k.call('post', `/api/tenants/${k.t.tenantId}/config`, k.organizer, { settings: { bannedTerms: 'cheap pills, spam' } })).status).toBeLessThan(300);
    const http = await k.call('post', contentPath(), k.organizer, { bio: 'Hi', mediaUrls: ['http://cdn.example/a.jpg'] });
    expect(http.status).toBe(422);
    expect(http.body.type).toBe(problemType('contestant-content-refused'));
    expect(JSON.stringify(http.body)).toContain('mediaUrls[0]');
    const banned = await k.call('post', contentPath(), k.organizer, { bio: 'Buy CHEAP pills here' });
    expect(banned.status).toBe(422);
    expect(JSON.stringify(banned.body)).toContain('cheap pills');
    expect((await k.call('post', contentPath(), k.organizer, { bio: 'x'.repeat(2001) })).status).toBe(422);
    expect((await k.call('post', `/api/events/${eventId}/contestants/${eventId}/content`, k.organizer, { bio: 'Hi' })).status).toBe(404);
    const voter = await k.voter();
    expect((await k.call('post', contentPath(), voter.token, { bio: 'Hi' })).status).toBe(403);
    // Content items only: the contestant's own name is an item of its own (contestant_name).
    const { rows } = await pool.query(`select count(*)::int as n from moderation_queue where subject_id = $1 and kind = 'contestant_content'`, [contestantId]);
    expect(rows[0].n).toBe(0);
  });

  it('queues content, shows only approved content, rejects with a reason, with role and tenant checks', async () => {
    const first = await k.call('post', contentPath(), k.organizer, { bio: 'Soul singer from Lagos.', mediaUrls: ['https://cdn.example/amara.jpg'] });
    expect(first.status).toBe(202);
    const firstId = first.body.submissionId as string;
    const pendingItems = await eventually(async () => {
      const page = await queue(k.organizer, `?status=pending&kind=contestant_content&subjectId=${contestantId}`);
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      return page.body.items as QueueItem[];
    });
    expect(pendingItems[0]).toMatchObject({ itemId: firstId, kind: 'contestant_content', status: 'pending', content: { contestId: eventId, bio: 'Soul singer from Lagos.', mediaUrls: ['https://cdn.example/amara.jpg'] } });
    expect((await pool.query('select * from contestant_content where contestant_id = $1', [contestantId])).rows).toEqual([]);

    const voter = await k.voter();
    expect((await queue(voter.token)).status).toBe(403);
    expect((await queue(k.organizer, `?tenantId=${otherTenantId}`)).status).toBe(404);
    expect((await queue(k.organizer, '?cursor=not-a-cursor')).status).toBe(422);
    expect((await queue(k.organizer, '?status=maybe')).status).toBe(422);

    const review = (id: string) => `${contentPath()}/${id}/review`;
    expect((await k.call('post', review(firstId), k.organizer, { decision: 'approve' })).status).toBe(403);
    expect((await k.call('post', review(firstId), voter.token, { decision: 'approve' })).status).toBe(403);
    expect((await k.call('post', review(firstId), admin, { decision: 'reject' })).status).toBe(422);
    const elsewhere = await k.t.http().post(review(firstId)).set('X-Tenant-Id', 'moderation-other').set('Authorization', `Bearer ${admin}`).send({ decision: 'approve' });
    expect(elsewhere.status).toBe(404);
    expect((await k.call('post', review(firstId), admin, { decision: 'approve' })).body).toEqual({ submissionId: firstId, status: 'approved' });
    expect((await k.call('post', review(firstId), admin, { decision: 'approve' })).status).toBe(404);
    await eventually(async () => {
      const { rows } = await pool.query('select bio, media_urls from contestant_content where contestant_id = $1', [contestantId]);
      expect(rows).toEqual([{ bio: 'Soul singer from Lagos.', media_urls: ['https://cdn.example/amara.jpg'] }]);
    });

    // A change waits in the queue; rejected, the approved content stays and the contestant stays votable.
    const second = await k.call('post', contentPath(), k.organizer, { bio: 'Changed bio', mediaUrls: [] });
    expect(second.status).toBe(202);
    const secondId = second.body.submissionId as string;
    expect((await k.call('post', review(secondId), admin, { decision: 'reject', reason: 'Not about the contestant' })).body).toEqual({ submissionId: secondId, status: 'rejected' });
    await eventually(async () => {
      const items = (await queue(admin, `?tenantId=${k.t.tenantId}&kind=contestant_content&subjectId=${contestantId}&limit=1`)).body as { items: QueueItem[]; nextCursor: string };
      expect(items.items[0]).toMatchObject({ itemId: secondId, status: 'rejected', reason: 'Not about the contestant' });
      const next = (await queue(admin, `?tenantId=${k.t.tenantId}&kind=contestant_content&subjectId=${contestantId}&limit=1&cursor=${items.nextCursor}`)).body as { items: QueueItem[]; nextCursor: string | null };
      expect(next.items.map((item) => [item.itemId, item.status])).toEqual([[firstId, 'approved']]);
      expect(next.nextCursor).toBeNull();
    });
    expect((await pool.query('select bio from contestant_content where contestant_id = $1', [contestantId])).rows).toEqual([{ bio: 'Soul singer from Lagos.' }]);
    await k.grant(voter.userId, 5);
    expect((await k.vote(voter.token, contestantId, 1)).status).toBe(201);

    // Every review is an admin act in the audit trail.
    await eventually(async () => {
      const { rows } = await pool.query(`select action from audit_logs where action like 'ContestantContent%' order by action`);
      expect(rows.map((row: { action: string }) => row.action)).toEqual(expect.arrayContaining(['ContestantContentApproved', 'ContestantContentRejected', 'ContestantContentSubmitted']));
      const acts = await pool.query(`select action from admin_actions where action in ('ContestantContentApproved', 'ContestantContentRejected')`);
      expect(acts.rows.map((row: { action: string }) => row.action).sort()).toEqual(['ContestantContentApproved', 'ContestantContentRejected']);
      const approved = await pool.query(`select changes from audit_logs where action = 'ContestantContentApproved'`);
      expect(approved.rows).toEqual([{ changes: { before: null, after: { bio: 'Soul singer from Lagos.', mediaUrls: ['https://cdn.example/amara.jpg'] } } }]);
    }, 30_000);
  });

  it('takes many parallel submissions, each queued once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => k.call('post', contentPath(), k.organizer, { bio: `Bio ${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(202));
    const ids = new Set(results.map((r) => r.body.submissionId as string));
    expect(ids.size).toBe(20);
    await eventually(async () => {
      const { rows } = await pool.query(`select count(*)::int as n from moderation_queue where item_id = any($1::uuid[]) and status = 'pending'`, [[...ids]]);
      expect(rows[0].n).toBe(20);
    });
  });
});
