import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { AuditArchiveJob, TenantUsageJob } from '@tally/audit';
import { ProjectionRebuildService } from '@tally/eventstore';
import { PG_POOL, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { TenantStatusBook } from '@tally/tenancy';
import { Pool } from 'pg';
import { runCli } from '../../apps/cli/src/cli';
import { pdfText } from '../support/pdf-text';
import { ADMIN, eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

interface AuditItem {
  logId: string;
  tenantId: string;
  userId: string | null;
  action: string;
  resource: string;
  changes: { before: Record<string, unknown> | null; after: Record<string, unknown> } | null;
  ipNetwork: string | null;
}

describe('audit trail, admin actions and access log (GET /api/admin/audit-logs, /api/admin/actions)', () => {
  let k: VotingE2e;
  let pool: Pool;
  let admin: string;
  let otherTenantId: string;

  beforeAll(async () => {
    k = await startVotingE2e({ ACCESS_LOG_FLUSH_MS: '50' });
    pool = k.t.app.get<Pool>(PG_POOL);
    admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body.accessToken as string;
    const other = await k.call('post', '/api/tenants', admin, { name: 'Other Awards', slug: 'audit-other', domain: 'vote.other.example' });
    expect(other.status).toBe(201);
    otherTenantId = other.body.tenantId as string;
  });

  afterAll(async () => {
    await k?.close();
  });

  const auditPage = (token: string, query = '') => k.call('get', `/api/admin/audit-logs${query}`, token);

  it('records every event of the log with its actor, and before/after for settings', async () => {
    const { eventId } = await k.openEvent({ status: 'draft' });
    expect((await k.call('post', '/api/admin/events/status', k.organizer, { eventId, status: 'open' })).status).toBe(200);
    expect((await k.call('post', `/api/tenants/${k.t.tenantId}/config`, admin, { settings: { otpTtlSeconds: 120 } })).status).toBe(200);
    expect((await k.call('post', `/api/tenants/${k.t.tenantId}/config`, admin, { settings: { otpTtlSeconds: 300 } })).status).toBe(200);

    const { rows: everything } = await pool.query<{ count: string }>('select count(*) from es_events');
    await eventually(async () => {
      const { rows } = await pool.query<{ count: string }>('select count(*) from audit_logs');
      expect(Number(rows[0].count)).toBeGreaterThanOrEqual(Number(everything[0].count));
    });
    // Every stored event has its row, under its own id.
    const { rows: missing } = await pool.query('select event_id from es_events e where not exists (select 1 from audit_logs a where a.log_id = e.event_id)');
    expect(missing).toEqual([]);

    const status = await auditPage(k.organizer, '?action=ContestStatusChanged');
    expect(status.status).toBe(200);
    const opened = (status.body.items as AuditItem[]).find((item) => item.resource.includes(eventId));
    expect(opened).toMatchObject({ tenantId: k.t.tenantId, changes: { before: { status: 'draft' }, after: { status: 'open' } }, ipNetwork: '127.0.0.0/24' });
    expect(opened!.userId).toEqual(expect.any(String));

    const settings = (await auditPage(k.organizer, '?action=TenantSettingsChanged')).body.items as AuditItem[];
    expect(settings.map((item) => item.changes)).toEqual([
      { before: { otpTtlSeconds: 120 }, after: { otpTtlSeconds: 300 } },
      { before: { otpTtlSeconds: null }, after: { otpTtlSeconds: 120 } },
    ]);
    expect(settings.every((item) => item.tenantId === k.t.tenantId)).toBe(true);
  });

  it('lists every admin act in admin_actions (who, what, target, when)', async () => {
    const voter = await k.voter();
    const granted = await k.t.http().put(`/api/users/${voter.userId}/roles`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${admin}`).send({ roles: ['voter', 'judge'] });
    expect(granted.status).toBe(200);
    await eventually(async () => {
      const acts = (await k.call('get', `/api/admin/actions?action=RolesChanged&adminId=${(await whoAmI(admin))}`, k.organizer)).body.items as { target: string }[];
      expect(acts.some((act) => act.target.endsWith(voter.userId))).toBe(true);
    });
    const roles = (await auditPage(k.organizer, `?action=RolesChanged&resource=${encodeURIComponent(`user-${k.t.tenantId}.${voter.userId}`)}`)).body.items as AuditItem[];
    expect(roles[0].changes).toEqual({ before: { roles: ['voter'] }, after: { roles: expect.arrayContaining(['voter', 'judge']) } });

    // Each admin act in the log (an admin event type with an actor) is one admin_actions row.
    const { rows } = await pool.query<{ acts: string; rows: string }>(
      `select (select count(*) from audit_logs where user_id is not null and action = any($1)) as acts, (select count(*) from admin_actions) as rows`,
      [['TenantCreated', 'TenantSettingsChanged', 'ContestCreated', 'ContestantAdded', 'ContestStatusChanged', 'RolesChanged']],
    );
    expect(Number(rows[0].rows)).toBe(Number(rows[0].acts));
    expect(Number(rows[0].rows)).toBeGreaterThan(5);
  });

  it('records a staff credit revocation (a dispute resolved with reverse_grant) in admin_actions, by the staff user who resolved it', async () => {
    const { contestants } = await k.openEvent({});
    const voter = await k.voter();
    await k.grant(voter.userId, 10);
    const vote = await k.vote(voter.token, contestants[0], 1);
    expect(vote.status).toBe(201);
    const opened = await k.call('post', '/api/disputes', k.organizer, { kind: 'vote', voteId: vote.body.voteId as string, userId: voter.userId, reason: 'suspected_fraud' });
    expect(opened.status).toBe(201);
    const resolved = await k.call('post', `/api/disputes/${opened.body.caseId as string}/resolve`, k.organizer, { resolution: 'upheld', effect: { type: 'reverse_grant', credits: 3 } });
    expect(resolved.status).toBe(200);
    expect(resolved.body.outcome).toMatchObject({ type: 'reverse_grant', applied: true, creditsMoved: -3 });
    const organizerId = await whoAmI(k.organizer);
    await eventually(async () => {
      const acts = (await k.call('get', `/api/admin/actions?action=CreditsRevoked&adminId=${organizerId}`, k.organizer)).body.items as { target: string; adminId: string }[];
      expect(acts.filter((act) => act.target === `voter-${k.t.tenantId}.${voter.userId}`)).toEqual([expect.objectContaining({ adminId: organizerId })]);
    });
  });

  it('pages with a cursor and refuses a bad one', async () => {
    const first = await auditPage(k.organizer, '?limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await auditPage(k.organizer, `?limit=3&cursor=${first.body.nextCursor as string}`);
    expect(second.status).toBe(200);
    const ids = [...(first.body.items as AuditItem[]), ...(second.body.items as AuditItem[])].map((item) => item.logId);
    expect(new Set(ids).size).toBe(6);
    const bad = await auditPage(k.organizer, '?cursor=not-a-position');
    expect(bad.status).toBe(422);
    expect(bad.body.type).toBe(problemType('validation-failed'));
    expect((await auditPage(k.organizer, '?limit=0')).status).toBe(422);
  });

  it('scopes to the tenant: voters 403, another tenant 404, platform admins across tenants', async () => {
    const voter = await k.voter();
    for (const path of ['/api/admin/audit-logs', '/api/admin/actions']) {
      const refused = await k.call('get', path, voter.token);
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const elsewhere = await k.call('get', `${path}?tenantId=${otherTenantId}`, k.organizer);
      expect(elsewhere.status).toBe(404);
      expect((await k.call('get', path)).status).toBe(401);
    }
    const own = (await auditPage(k.organizer, '?limit=100')).body.items as AuditItem[];
    expect(own.every((item) => item.tenantId === k.t.tenantId)).toBe(true);
    const created = await eventually(async () => {
      const items = (await auditPage(admin, `?tenantId=${otherTenantId}&action=TenantCreated`)).body.items as AuditItem[];
      expect(items).toHaveLength(1);
      return items[0];
    });
    expect(created.tenantId).toBe(otherTenantId);
  });

  it('writes the access log in batches, with the route pattern and the masked network', async () => {
    const voter = await k.voter();
    expect((await k.call('get', `/api/votes/user/${voter.userId}`, voter.token)).status).toBe(200);
    const row = await eventually(async () => {
      const { rows } = await pool.query<{ endpoint: string; method: string; status: number; ip_network: string; tenant_id: string }>(
        `select endpoint, method, status, ip_network, tenant_id from access_logs where user_id = $1`,
        [voter.userId],
      );
      expect(rows.length).toBeGreaterThan(0);
      return rows[0];
    });
    expect(row).toEqual({ endpoint: '/api/votes/user/:userId', method: 'GET', status: 200, ip_network: '127.0.0.0/24', tenant_id: k.t.tenantId });
    const { rows: raw } = await pool.query(`select 1 from access_logs where ip_network = '127.0.0.1' or endpoint like '%${voter.userId}%'`);
    expect(raw).toEqual([]);
  });

  it('rebuilds audit_logs and admin_actions from zero into the same rows', async () => {
    const snapshot = async () => ({
      logs: (await pool.query('select log_id, position, tenant_id, user_id, action, resource, timestamp, changes, ip_network from audit_logs order by position')).rows,
      actions: (await pool.query('select * from admin_actions order by position')).rows,
    });
    await eventually(async () => {
      const { rows } = await pool.query<{ behind: boolean }>('select exists (select 1 from es_events e where not exists (select 1 from audit_logs a where a.log_id = e.event_id)) as behind');
      expect(rows[0].behind).toBe(false);
    });
    const before = await snapshot();
    await k.t.app.get(ProjectionRebuildService).rebuild('audit.trail', { fresh: true });
    const after = await snapshot();
    expect(after.logs.length).toBeGreaterThanOrEqual(before.logs.length);
    expect(after.logs.slice(0, before.logs.length)).toEqual(before.logs);
    expect(after.actions.slice(0, before.actions.length)).toEqual(before.actions);
  });

  describe('tenants: status, plan, branding through moderation, domain lookup', () => {
    const inOther = (method: 'get' | 'post', path: string, token?: string) => {
      const req = k.t.http()[method](path).set('X-Tenant-Id', 'audit-other');
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    };

    it("refuses a suspended tenant's writes with problem+json, keeps its reads, and audits the change", async () => {
      expect((await inOther('post', '/api/auth/signup').send({ email: 'member@other.test', password: 'Member-Horse-9' })).status).toBe(201);
      const session = (await inOther('post', '/api/auth/login').send({ email: 'member@other.test', password: 'Member-Horse-9' })).body as { accessToken: string; refreshToken: string };
      const member = session.accessToken;

      const voter = await k.voter();
      expect((await k.call('post', `/api/tenants/${otherTenantId}/status`, voter.token, { status: 'suspended' })).status).toBe(403);
      expect((await k.call('post', `/api/tenants/${otherTenantId}/status`, admin, { status: 'frozen' })).status).toBe(422);
      const suspended = await k.call('post', `/api/tenants/${otherTenantId}/status`, admin, { status: 'suspended', reason: 'unpaid' });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toEqual({ tenantId: otherTenantId, status: 'suspended' });
      expect((await k.call('post', `/api/tenants/${otherTenantId}/status`, admin, { status: 'suspended' })).status).toBe(409);

      // No new members or sessions either: sign-up, login, OTP and refresh are refused and change nothing.
      const auth = [
        inOther('post', '/api/auth/signup').send({ email: 'late@other.test', password: 'Member-Horse-9' }),
        inOther('post', '/api/auth/login').send({ email: 'member@other.test', password: 'Member-Horse-9' }),
        inOther('post', '/api/auth/otp/request').send({ channel: 'sms', purpose: 'login', phone: '+14155552671' }),
        inOther('post', '/api/auth/refresh').send({ refreshToken: session.refreshToken }),
      ];
      for (const refused of await Promise.all(auth)) {
        expect(refused.status).toBe(403);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.body.type).toBe(problemType('tenant-suspended'));
      }
      const write = await inOther('post', '/api/votes', member).set('Idempotency-Key', 'k-1').send({ contestantId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f', amount: 1 });
      expect(write.status).toBe(403);
      expect(write.headers['content-type']).toContain('application/problem+json');
      expect(write.body.type).toBe(problemType('tenant-suspended'));
      expect((await inOther('get', '/api/users/me', member)).status).toBe(200);
      // Another tenant is untouched.
      expect((await k.call('post', '/api/events', k.organizer, { name: 'Still open', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 5 })).status).toBe(201);

      expect((await k.call('post', `/api/tenants/${otherTenantId}/status`, admin, { status: 'active' })).status).toBe(200);
      // The refresh token refused while suspended was not spent, and the refused sign-up made no account.
      expect((await inOther('post', '/api/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(200);
      expect((await inOther('post', '/api/auth/login').send({ email: 'late@other.test', password: 'Member-Horse-9' })).status).toBe(401);
      const again = await inOther('post', '/api/votes', member).set('Idempotency-Key', 'k-2').send({ contestantId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f', amount: 1 });
      expect(again.body.type).not.toBe(problemType('tenant-suspended'));
      await eventually(async () => {
        const items = (await auditPage(admin, `?tenantId=${otherTenantId}&action=TenantStatusChanged`)).body.items as AuditItem[];
        expect(items.map((item) => item.changes)).toEqual([
          { before: { status: 'suspended', reason: 'unpaid' }, after: { status: 'active', reason: null } },
          { before: null, after: { status: 'suspended', reason: 'unpaid' } },
        ]);
      }, 30_000); // the audit projection may lag on a loaded machine
      const { rows } = await pool.query('select status from tenants where tenant_id = $1', [otherTenantId]);
      expect(rows[0].status).toBe('active');
    });

    it("changes a tenant's plan (platform admin), with before/after", async () => {
      expect((await k.call('post', `/api/tenants/${otherTenantId}/plan`, k.organizer, { planType: 'pro' })).status).toBe(403);
      expect((await k.call('post', `/api/tenants/${otherTenantId}/plan`, admin, { planType: 'platinum' })).status).toBe(422);
      const changed = await k.call('post', `/api/tenants/${otherTenantId}/plan`, admin, { planType: 'pro' });
      expect(changed.body).toEqual({ tenantId: otherTenantId, planType: 'pro' });
      expect((await k.call('get', `/api/tenants/${otherTenantId}`, admin)).body.planType).toBe('pro');
    });

    it('takes branding through moderation, validated, and serves it by domain', async () => {
      const tenantPath = `/api/tenants/${k.t.tenantId}/branding`;
      expect((await k.call('post', `/api/tenants/${otherTenantId}/branding`, k.organizer, { primaryColor: '#000000' })).status).toBe(404);
      const voter = await k.voter();
      expect((await k.call('post', tenantPath, voter.token, { primaryColor: '#000000' })).status).toBe(403);
      const http = await k.call('post', tenantPath, k.organizer, { logoUrl: 'http://cdn.example/logo.png' });
      expect(http.status).toBe(422);
      expect(http.body.errors).toEqual([expect.objectContaining({ field: 'logoUrl' })]);
      const colour = await k.call('post', tenantPath, k.organizer, { primaryColor: 'blue' });
      expect(colour.status).toBe(422);
      expect(colour.body.errors).toEqual([expect.objectContaining({ field: 'primaryColor' })]);

      const submitted = await k.call('post', tenantPath, k.organizer, { logoUrl: 'https://cdn.example/logo.png', primaryColor: '#AA0000', secondaryColor: '#ffffff' });
      expect(submitted.status).toBe(202);
      const submissionId = submitted.body.submissionId as string;
      expect((await k.call('get', `/api/tenants/${k.t.tenantId}`, k.organizer)).body.branding).toBeNull();
      await eventually(async () => {
        const { rows } = await pool.query('select status, kind from moderation_queue where item_id = $1', [submissionId]);
        expect(rows).toEqual([{ status: 'pending', kind: 'tenant_branding' }]);
      });
      const review = `/api/tenants/${k.t.tenantId}/branding/${submissionId}/review`;
      expect((await k.call('post', review, k.organizer, { decision: 'approve' })).status).toBe(403);
      expect((await k.call('post', review, admin, { decision: 'reject' })).status).toBe(422);
      expect((await k.call('post', review, admin, { decision: 'approve' })).body).toEqual({ submissionId, status: 'approved' });
      expect((await k.call('post', review, admin, { decision: 'approve' })).status).toBe(404);
      const branding = { logoUrl: 'https://cdn.example/logo.png', primaryColor: '#aa0000', secondaryColor: '#ffffff' };
      expect((await k.call('get', `/api/tenants/${k.t.tenantId}`, k.organizer)).body.branding).toEqual(branding);
      await eventually(async () => {
        const { rows } = await pool.query('select logo_url, primary_color from tenant_branding where tenant_id = $1', [k.t.tenantId]);
        expect(rows).toEqual([{ logo_url: branding.logoUrl, primary_color: '#aa0000' }]);
        const items = (await auditPage(k.organizer, '?action=TenantBrandingApproved')).body.items as AuditItem[];
        expect(items[0].changes).toEqual({ before: null, after: branding });
      });

      const found = await k.t.http().get('/api/tenants/by-domain/VOTE.other.example');
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ tenantId: otherTenantId, slug: 'audit-other', status: 'active', branding: null });
      const unknown = await k.t.http().get('/api/tenants/by-domain/nowhere.example');
      expect(unknown.status).toBe(404);
      expect(unknown.body.type).toBe(problemType('tenant-not-found'));
    });
  });

  describe('usage metering and plan limits', () => {
    it('aggregates a day of usage per tenant and answers it against the plan (own tenant, 404 for another, voter 403)', async () => {
      const { contestants } = await k.openEvent({});
      const voters = [await k.voter(), await k.voter()];
      for (const voter of voters) await k.grant(voter.userId, 10);
      for (const [i, voter] of voters.entries()) expect((await k.vote(voter.token, contestants[0], i + 1)).status).toBe(201);
      // Stored event times are the database's (wall clock), so the day is today's UTC date.
      const day = new Date(new Date().toISOString().slice(0, 10));
      const job = k.t.app.get(TenantUsageJob);
      // Every vote of the tenant so far (earlier tests' too), as the log has them: the day's row
      // must count them all once the audit trail has applied them.
      const { rows: events } = await pool.query<{ votes: string; voters: string }>(
        `select count(*) as votes, count(distinct metadata->>'actorId') as voters from es_events where event_type = 'VoteCast' and metadata->>'tenantId' = $1`,
        [k.t.tenantId],
      );
      await eventually(async () => {
        await job.aggregate(day);
        const { rows } = await pool.query<{ vote_count: number }>('select vote_count from tenant_usage where tenant_id = $1 and date = $2::date', [k.t.tenantId, day.toISOString().slice(0, 10)]);
        expect(rows[0]?.vote_count).toBe(Number(events[0].votes));
      });
      await job.aggregate(day); // a rerun gives the same rows

      const date = day.toISOString().slice(0, 10);
      const usage = await k.call('get', `/api/tenants/${k.t.tenantId}/usage?from=${date}&to=${date}`, k.organizer);
      expect(usage.status).toBe(200);
      expect(usage.body).toMatchObject({ tenantId: k.t.tenantId, planType: 'enterprise', limits: { contests: null, votesPerDay: null } });
      expect(usage.body.days).toEqual([
        expect.objectContaining({ date, voteCount: Number(events[0].votes), voterCount: Number(events[0].voters), overVoteLimit: false, contestsCreated: expect.any(Number), apiRequests: expect.any(Number) }),
      ]);
      expect(usage.body.days[0].apiRequests).toBeGreaterThan(0);
      expect((await k.call('get', `/api/tenants/${k.t.tenantId}/usage`, voters[0].token)).status).toBe(403);
      expect((await k.call('get', `/api/tenants/${otherTenantId}/usage`, k.organizer)).status).toBe(404);
      const other = await k.call('get', `/api/tenants/${otherTenantId}/usage`, admin);
      expect(other.status).toBe(200);
      expect(other.body.planType).toBe((await k.call('get', `/api/tenants/${otherTenantId}`, admin)).body.planType);
      expect((await k.call('get', `/api/tenants/${k.t.tenantId}/usage?from=2026-13-01`, k.organizer)).status).toBe(422);
    });

    it('meters what billing needs: votes by amount (paid, free), refunded and voided votes, payment and refund volume per currency; a rerun gives the same row', async () => {
      const date = new Date().toISOString().slice(0, 10);
      const day = new Date(date);
      const job = k.t.app.get(TenantUsageJob);
      // Every vote and payment event of the tenant so far is summed in usage_facts (earlier tests' included).
      const factsCaughtUp = () =>
        eventually(async () => {
          const { rows } = await pool.query<{ events: string; facts: string }>(
            `select (select count(*) from es_events where metadata->>'tenantId' = $1
                       and event_type in ('VoteCast', 'VoteRefunded', 'VoteVoided', 'HeldVoteRejected', 'PaymentCompleted', 'PaymentRefunded')) as events,
                    (select coalesce(sum(events), 0) from usage_facts where tenant_id = $1) as facts`,
            [k.t.tenantId],
          );
          expect(rows[0].facts).toBe(rows[0].events);
        }, 30_000);
      const usageToday = async (): Promise<Record<string, unknown>> => {
        await job.aggregate(day);
        const res = await k.call('get', `/api/tenants/${k.t.tenantId}/usage?from=${date}&to=${date}`, k.organizer);
        expect(res.status).toBe(200);
        return (res.body.days as Record<string, unknown>[])[0] ?? {};
      };
      await factsCaughtUp();
      const before = await usageToday();
      const counted = (field: string, row: Record<string, unknown>): number => (row[field] as number | undefined) ?? 0;
      const volume = (field: string, row: Record<string, unknown>, currency: string): number => ((row[field] as Record<string, number> | undefined) ?? {})[currency] ?? 0;

      // Two free votes a day, then credits: 1 + 4 votes cast (2 free, 3 paid), 3 of them refunded by the voter.
      const { contestants } = await k.openEvent({ settings: { freeVotesPerDay: 2 } });
      const granted = await k.voter();
      await k.grant(granted.userId, 10);
      expect((await k.vote(granted.token, contestants[0], 1)).status).toBe(201);
      const refunded = await k.vote(granted.token, contestants[0], 4);
      expect(refunded.status).toBe(201);
      expect((await k.call('delete', `/api/votes/${refunded.body.voteId}`, granted.token)).status).toBe(200);
      // A bought vote pack (3 votes in USD), 2 of them spent on paid votes, then refunded by the organizer: the spent ones are voided.
      const buyer = await k.voter();
      const checkout = await k.call('post', '/api/payments/checkout', buyer.token, { votes: 3, currency: 'USD' });
      expect(checkout.status).toBe(201);
      const paymentId = checkout.body.paymentId as string;
      expect((await k.call('post', `/api/payments/sandbox/${paymentId}/complete`, buyer.token, { card: '4242 4242 4242 4242' })).status).toBe(200);
      // The buyer's own 2 free votes go first, then 2 of the bought credits.
      await eventually(async () => expect((await k.vote(buyer.token, contestants[1], 4)).status).toBe(201), 30_000);
      expect((await k.call('post', '/api/refunds', k.organizer, { paymentId, reason: 'usage metering test' })).status).toBe(202);
      const payment = await eventually(async () => {
        const res = await k.call('get', `/api/payments/${paymentId}`, buyer.token);
        expect(res.body.status).toBe('refunded');
        return res.body as { amount: { amount: number; currency: string }; refunded: { amount: number; currency: string } };
      }, 30_000);
      expect(payment.amount.currency).toBe('USD');
      expect(payment.amount.amount).toBeGreaterThan(0);
      await eventually(async () => {
        const found = await pool.query<{ amount: number }>(`select (data->>'amount')::int as amount from es_events where event_type = 'VoteVoided' and stream_id like $1`, [`%${buyer.userId}`]);
        // The refund takes 3 credits back, 1 unspent: the shortfall of 2 voids the buyer's one vote (of 4).
        expect(found.rows).toEqual([{ amount: 4 }]);
        return found;
      }, 30_000);

      await factsCaughtUp();
      const after = await usageToday();
      const added = (field: string): number => counted(field, after) - counted(field, before);
      expect({
        votesCast: added('votesCast'),
        votesPaid: added('votesPaid'),
        votesFree: added('votesFree'),
        votesQuota: added('votesQuota'),
        votesRefunded: added('votesRefunded'),
        votesVoided: added('votesVoided'),
        voteCount: added('voteCount'),
        paymentCount: added('paymentCount'),
        refundCount: added('refundCount'),
      }).toEqual({ votesCast: 9, votesPaid: 5, votesFree: 4, votesQuota: 0, votesRefunded: 4, votesVoided: 4, voteCount: 3, paymentCount: 1, refundCount: 1 });
      expect(volume('paymentVolume', after, 'USD') - volume('paymentVolume', before, 'USD')).toBe(payment.amount.amount);
      expect(volume('refundedVolume', after, 'USD') - volume('refundedVolume', before, 'USD')).toBe(payment.refunded.amount);
      expect(payment.refunded.amount).toBe(payment.amount.amount);

      // A rerun writes nothing: the same row, computed_at included. (The usage reads above are
      // access-log lines flushed every 50 ms, which do change api_requests, hence eventually.)
      const row = async (): Promise<unknown> => (await pool.query('select * from tenant_usage where tenant_id = $1 and date = $2::date', [k.t.tenantId, date])).rows[0];
      await eventually(async () => {
        await job.aggregate(day);
        const first = await row();
        expect(await job.aggregate(day)).toBe(0);
        expect(await row()).toEqual(first);
      });
      // usage_facts rebuilt from zero gives the same figures (api_requests may still take a late access-log line).
      const billed = async (): Promise<unknown> =>
        (
          await pool.query(
            `select vote_count, payment_count, refund_count, votes_cast, votes_paid, votes_free, votes_quota, votes_refunded, votes_voided, votes_rejected,
                    payment_volume, refunded_volume from tenant_usage where tenant_id = $1 and date = $2::date`,
            [k.t.tenantId, date],
          )
        ).rows[0];
      const settled = await billed();
      await k.t.app.get(ProjectionRebuildService).rebuild('audit.usage-facts', { fresh: true });
      await job.aggregate(day);
      expect(await billed()).toEqual(settled);
    });

    it('refuses a contest past the free plan\'s limit with problem+json', async () => {
      const free = await k.call('post', '/api/tenants', admin, { name: 'Free Awards', slug: 'audit-free' });
      expect(free.status).toBe(201);
      const freeId = free.body.tenantId as string;
      const inFree = () => k.t.http().post('/api/events').set('X-Tenant-Id', 'audit-free').set('Authorization', `Bearer ${admin}`);
      const contest = { name: 'Show', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 5 };
      const first = await inFree().send(contest);
      expect(first.status).toBe(201);
      for (let i = 1; i < 10; i++) expect((await inFree().send(contest)).status).toBe(201);
      await eventually(async () => {
        await k.t.app.get(TenantStatusBook).refresh();
        const refused = await inFree().send(contest);
        expect(refused.status).toBe(422);
        expect(refused.body.type).toBe(problemType('plan-limit-reached'));
      });
      expect((await k.call('post', `/api/tenants/${freeId}/plan`, admin, { planType: 'pro' })).status).toBe(200);
      await eventually(async () => {
        await k.t.app.get(TenantStatusBook).refresh();
        expect((await inFree().send(contest)).status).toBe(201);
      });
    });
  });

  describe('admin dashboard, vote audit log and analytics', () => {
    it('answers the numbers the test cast, per tenant, with role checks', async () => {
      const { eventId, contestants } = await k.openEvent({});
      const voters = [await k.voter(), await k.voter(), await k.voter()];
      for (const voter of voters) await k.grant(voter.userId, 20);
      const cast = [
        [0, 0, 3],
        [1, 0, 2],
        [2, 1, 5],
        [0, 1, 1],
      ] as const;
      const voteIds: string[] = [];
      for (const [voter, contestant, amount] of cast) {
        const res = await k.vote(voters[voter].token, contestants[contestant], amount);
        expect(res.status).toBe(201);
        voteIds.push(res.body.voteId as string);
      }
      // One refund: the tally counts accepted votes only.
      expect((await k.call('delete', `/api/votes/${voteIds[3]}`, voters[0].token)).status).toBe(200);
      const accepted = 3 + 2 + 5;

      const votes = await eventually(async () => {
        const page = await k.call('get', `/api/admin/votes?contestId=${eventId}&limit=2`, k.organizer);
        expect(page.status).toBe(200);
        expect(page.body.items[0]).toMatchObject({ voteId: voteIds[3], status: 'refunded', amount: 1, channel: 'paid' });
        return page.body as { items: { voteId: string }[]; nextCursor: string | null };
      }, 30_000); // the votes projection may lag on a loaded machine
      const rest = await k.call('get', `/api/admin/votes?contestId=${eventId}&cursor=${votes.nextCursor!}`, k.organizer);
      const all = [...votes.items, ...rest.body.items] as { voteId: string; amount: number; status: string }[];
      expect(all.map((vote) => vote.voteId)).toEqual([...voteIds].reverse());
      expect((await k.call('get', `/api/admin/votes?contestId=${eventId}&status=refunded`, k.organizer)).body.items).toHaveLength(1);
      expect((await k.call('get', '/api/admin/votes?status=lost', k.organizer)).status).toBe(422);
      expect((await k.call('get', '/api/admin/votes?cursor=nope', k.organizer)).status).toBe(422);

      const dashboard = await k.call('get', '/api/admin/dashboard', k.organizer);
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.tenantId).toBe(k.t.tenantId);
      expect(dashboard.body.topContests).toContainEqual({ contestId: eventId, name: expect.any(String), votes: accepted, voters: 3 });
      const { rows } = await pool.query<{ held: string; window: string }>(
        `select count(*) filter (where status = 'held') as held, coalesce(sum(amount) filter (where created_at >= $2::timestamptz - interval '60 seconds'), 0) as window from votes where tenant_id = $1`,
        [k.t.tenantId, k.clock.now().toISOString()],
      );
      expect(dashboard.body.heldVotes.count).toBe(Number(rows[0].held));
      expect(dashboard.body.live).toEqual({ windowSeconds: 60, votes: Number(rows[0].window), votesPerSecond: Number(rows[0].window) / 60 });
      expect(dashboard.body.live.votes).toBeGreaterThanOrEqual(3 + 2 + 5 + 1);
      expect(dashboard.body.queue).toEqual({ pending: expect.any(Number), retrying: 0, dead: 0 });

      const analytics = await k.call('get', `/api/admin/analytics?contestId=${eventId}&bucket=hour`, k.organizer);
      expect(analytics.status).toBe(200);
      expect(analytics.body.overTime).toEqual([{ key: '2026-03-01T12:00:00Z', votes: accepted, count: 3 }]);
      expect(analytics.body.perChannel).toEqual([{ key: 'paid', votes: accepted, count: 3 }]);
      expect(analytics.body.perContest).toContainEqual({ contestId: eventId, name: expect.any(String), votes: accepted, voters: 3 });
      expect((await k.call('get', '/api/admin/analytics?bucket=week', k.organizer)).status).toBe(422);

      for (const path of ['/api/admin/dashboard', '/api/admin/votes', '/api/admin/analytics']) {
        expect((await k.call('get', path, voters[0].token)).status).toBe(403);
        expect((await k.call('get', `${path}?tenantId=${otherTenantId}`, k.organizer)).status).toBe(404);
        const across = await k.call('get', `${path}?tenantId=${otherTenantId}`, admin);
        expect(across.status).toBe(200);
      }
      const otherVotes = await k.call('get', `/api/admin/votes?tenantId=${otherTenantId}`, admin);
      expect(otherVotes.body.items).toEqual([]);
      const everyTenant = await k.call('get', '/api/admin/dashboard', admin);
      expect(everyTenant.body.tenantId).toBeNull();

      // The contest's compliance report reconciles: votes − refunds − voided = the tally.
      const report = await eventually(async () => {
        const res = await k.call('get', `/api/admin/compliance/contests/${eventId}/report`, k.organizer);
        expect(res.status).toBe(200);
        expect(res.body.report.tally).toBe(accepted);
        return res.body as { reportId: string; sha256: string; report: { reconciliation: object; byStatus: object } };
      });
      expect(report.report.reconciliation).toEqual({ cast: accepted + 1, refunded: 1, voided: 0, held: 0, rejected: 0, expectedTally: accepted, tally: accepted, reconciles: true });
      const stored = await pool.query<{ sha256: string; body: object }>('select sha256, body from compliance_reports where report_id = $1', [report.reportId]);
      expect(stored.rows[0]).toEqual({ sha256: report.sha256, body: report.report });
      const csv = await k.call('get', `/api/admin/compliance/contests/${eventId}/report?format=csv`, k.organizer);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain('reconciliation,reconciles,true');
      // The log's newest signed head is in the report (no chain configured here: no anchors on one).
      const anchored = await eventually(async () => {
        const res = await k.call('get', `/api/admin/compliance/contests/${eventId}/report`, k.organizer);
        expect(res.body.report.anchors.latestHead).toMatchObject({ treeSize: 5, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/), headDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
        return res.body as { report: { anchors: { latestHead: { rootHash: string }; anchors: unknown[] } } };
      }, 30_000);
      expect(anchored.report.anchors.anchors).toEqual([]);

      // As a PDF (by format=pdf or Accept), read back with pdf.js: the reconciling figures are in it.
      const pdfOf = (query: string, headers: Record<string, string> = {}) =>
        k.t
          .http()
          .get(`/api/admin/compliance/contests/${eventId}/report${query}`)
          .set({ 'X-Tenant-Id': 'demo', Authorization: `Bearer ${k.organizer}`, ...headers })
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          });
      for (const res of [await pdfOf('?format=pdf'), await pdfOf('', { Accept: 'application/pdf' })]) {
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        const body = res.body as Buffer;
        expect(body.subarray(0, 5).toString()).toBe('%PDF-');
        const text = (await pdfText(body)).join(' ');
        expect(text).toContain(`Report id: ${res.headers['x-report-id']}`);
        expect(text).toContain(`SHA-256 of the report as stored: ${res.headers['x-report-sha256']}`);
        expect(text).toContain(`cast ${accepted + 1} - refunded 1 - voided 0 - rejected 0 - held 0 = ${accepted} expected; leaderboard tally ${accepted}: RECONCILES`);
        expect(text).toContain(anchored.report.anchors.latestHead.rootHash);
        const stored = await pool.query<{ sha256: string }>('select sha256 from compliance_reports where report_id = $1', [res.headers['x-report-id']]);
        expect(stored.rows[0].sha256).toBe(res.headers['x-report-sha256']);
      }
      expect((await k.call('get', `/api/admin/compliance/contests/${eventId}/report?format=docx`, k.organizer)).status).toBe(422);
      const file = join(k.t.app.get<PlatformConfig>(PLATFORM_CONFIG).dataDir, 'report.pdf');
      expect(await cli('report:contest', eventId, '--pdf', '--out', file)).toMatchObject({ code: 0, out: '', err: expect.stringContaining(`written to ${file}`) });
      expect((await pdfText(readFileSync(file))).join(' ')).toContain(`leaderboard tally ${accepted}: RECONCILES`);
      expect((await k.call('get', `/api/admin/compliance/contests/${eventId}/report`, voters[0].token)).status).toBe(403);
      expect((await k.call('get', `/api/admin/compliance/contests/${voteIds[0]}/report`, k.organizer)).status).toBe(404);
      const tenantReport = await k.call('get', `/api/admin/compliance/tenants/${k.t.tenantId}/report`, k.organizer);
      expect(tenantReport.body.report).toMatchObject({ kind: 'tenant', tenantId: k.t.tenantId, gdpr: { erasures: 0 } });
      expect((await k.call('get', `/api/admin/compliance/tenants/${otherTenantId}/report`, k.organizer)).status).toBe(404);
    });
  });

  it('archives audit rows older than the cutoff to a verified gzip file, and restores identical rows', async () => {
    const columns = 'log_id, position, tenant_id, user_id, action, resource, timestamp, changes, ip_network';
    const before = await eventually(async () => {
      const { rows: cut } = await pool.query<{ timestamp: Date }>('select timestamp from audit_logs order by position offset 5 limit 1');
      expect(cut).toHaveLength(1);
      return cut[0].timestamp;
    });
    const old = (await pool.query(`select ${columns} from audit_logs where timestamp < $1 order by position`, [before])).rows;
    expect(old.length).toBeGreaterThan(0);
    const job = k.t.app.get(AuditArchiveJob);
    const manifest = await job.archive(before);
    expect(manifest).toMatchObject({ rows: old.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await pool.query('select count(*)::int as n from audit_logs where timestamp < $1', [before])).rows[0].n).toBe(0);
    const restoredRows = async (): Promise<unknown[]> => (await pool.query<Record<string, unknown>>(`select ${columns} from audit_logs where timestamp < $1 order by position`, [before])).rows;
    const file = manifest!.file;
    // Through the CLI: identical rows back; a second run restores nothing and duplicates nothing.
    expect(await cli('audit:restore', file)).toEqual({ code: 0, out: `${JSON.stringify({ file, rows: old.length, restored: old.length })}\n`, err: '' });
    expect(await restoredRows()).toEqual(old);
    expect(await cli('audit:restore', file)).toMatchObject({ code: 0, out: `${JSON.stringify({ file, rows: old.length, restored: 0 })}\n` });
    expect(await cli('audit:restore', 'audit-logs-1-0-2-0.jsonl.gz')).toMatchObject({ code: 2, err: expect.stringContaining('No audit archive') });
    expect(await cli('audit:restore', '../../etc/passwd')).toMatchObject({ code: 2 });

    // Through the admin API (platform admins only), after the rows moved out again.
    const again = await job.archive(before);
    expect(again).toMatchObject({ file, rows: old.length, sha256: manifest!.sha256 });
    const restore = (token: string | undefined, body: object) => k.call('post', '/api/admin/audit-logs/restore', token, body);
    expect((await restore(k.organizer, { file })).status).toBe(403);
    expect((await restore(undefined, { file })).status).toBe(401);
    const bad = await restore(admin, { file: '../secrets.jsonl.gz' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const unknown = await restore(admin, { file: 'audit-logs-1-0-2-0.jsonl.gz' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe(problemType('audit-archive-not-found'));
    const parallel = await Promise.all(Array.from({ length: 8 }, () => restore(admin, { file })));
    expect(parallel.map((res) => res.status)).toEqual(Array(8).fill(200));
    expect(parallel.reduce((sum, res) => sum + (res.body.restored as number), 0)).toBe(old.length);
    expect(await restoredRows()).toEqual(old);

    // A tampered archive is refused and restores nothing.
    await job.archive(before);
    const path = join(k.t.app.get<PlatformConfig>(PLATFORM_CONFIG).dataDir, 'audit-archive', file);
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from([0])]));
    const tampered = await restore(admin, { file });
    expect(tampered.status).toBe(409);
    expect(tampered.body.type).toBe(problemType('audit-archive-not-verified'));
    expect(await cli('audit:restore', file)).toMatchObject({ code: 1 });
    expect(await restoredRows()).toEqual([]);
  });

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on('data', (chunk: Buffer) => chunks.out.push(chunk));
    err.on('data', (chunk: Buffer) => chunks.err.push(chunk));
    const code = await runCli(argv, { env: {}, io: { out, err, interactive: false }, createApp: () => Promise.resolve(k.t.app) });
    return { code, out: Buffer.concat(chunks.out).toString(), err: Buffer.concat(chunks.err).toString() };
  }

  async function whoAmI(token: string): Promise<string> {
    return (await k.call('get', '/api/users/me', token)).body.userId as string;
  }
});
